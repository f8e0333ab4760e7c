// Client module `admin/plugins/bonus-licences`: the registry or blacklist import, sent in chunks of
// the server's line limit with a progress bar and a per-line report (100,000 lines are 20 requests),
// and one member's licence data as a JSON download.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import { downloadFile } from 'bonus-confirm';


function importForm(page) {
  const form = page.querySelector('[data-bonus="import-form"]');
  if (!form) return;
  const chunkSize = Number(form.dataset.chunk) || 5000;
  const bar = form.querySelector('[data-bonus="import-progress"]');
  const summary = form.querySelector('[data-bonus="import-summary"]');
  const report = form.querySelector('[data-bonus="import-report"]');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = form.querySelector('#bonus-lic-file').files[0];
    const text = file ? await file.text() : form.querySelector('#bonus-lic-text').value;
    const list = form.querySelector('#bonus-lic-list').value;
    const lines = text.split(/\r?\n/);
    const totals = { added: 0, updated: 0, errors: 0 };
    const button = form.querySelector('[type="submit"]');
    report.replaceChildren();
    summary.textContent = '';
    bar.classList.remove('d-none');
    button.disabled = true;
    try {
      for (let start = 0; start < lines.length; start += chunkSize) {
        const chunk = lines.slice(start, start + chunkSize);
        if (chunk.every((l) => !l.trim())) continue;
        const { report: r } = await api.post('/plugins/bonus/admin/licences/import', { list, text: chunk.join('\n'), firstLine: start + 1 });
        totals.added += r.added;
        totals.updated += r.updated;
        totals.errors += r.errors.length;
        for (const e of r.errors) {
          if (report.childElementCount >= 500) break;
          const li = document.createElement('li');
          li.textContent = await translator.translate(`[[bonus:licences.import.line, ${e.line}, [[bonus:licences.import.${e.error}]]]]`);
          report.append(li);
        }
        const done = Math.min(100, Math.round(((start + chunk.length) / lines.length) * 100));
        bar.firstElementChild.style.width = `${done}%`;
        bar.setAttribute('aria-valuenow', String(done));
      }
      summary.textContent = await translator.translate(`[[bonus:licences.admin.import-done, ${totals.added}, ${totals.updated}, ${totals.errors}]]`);
    } catch (err) {
      summary.textContent = err.message || String(err);
    } finally {
      button.disabled = false;
    }
  });
}

function exportForm(page) {
  const form = page.querySelector('[data-bonus="export-form"]');
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const member = form.querySelector('#bonus-lic-member').value.trim();
    try {
      const data = await api.get('/plugins/bonus/admin/licences/export', { member });
      downloadFile(`licences-${data.uid}.json`, JSON.stringify(data, null, 2), 'application/json;charset=utf-8');
    } catch (err) {
      alerts.error(err);
    }
  });
}

export function init() {
  const page = document.querySelector('[data-bonus-page="admin-licences"]');
  if (!page) return;
  importForm(page);
  exportForm(page);
}
