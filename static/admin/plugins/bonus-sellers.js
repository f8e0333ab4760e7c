// Client module `admin/plugins/bonus-sellers`: applications and sellers (approve, reject, annul with a
// reason), the review queue (bulk approve / reject), retail products, registry and blacklist imports
// sent in chunks with a progress bar and a per-line report.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import { confirmAction, downloadFile } from 'bonus-confirm';

const CHUNK = 5000;

function errorBox(text) {
  const box = document.querySelector('[data-bonus-page="admin-sellers"] [data-bonus="form-error"]');
  if (box) box.textContent = text;
}

async function run(fn, done) {
  errorBox('');
  try {
    await fn();
    if (done) alerts.success(done);
    ajaxify.refresh();
  } catch (err) {
    errorBox(err.message || String(err));
  }
}

function sellers(page) {
  const reason = () => page.querySelector('#bonus-seller-reason')?.value ?? '';
  page.querySelectorAll('[data-bonus="approve"]').forEach((btn) => btn.addEventListener('click', () => run(
    () => api.post(`/plugins/bonus/admin/sellers/${btn.dataset.uid}/approve`, {}), '[[bonus:retail.admin.approved]]')));
  page.querySelectorAll('[data-bonus="reject"]').forEach((btn) => btn.addEventListener('click', () => run(
    () => api.post(`/plugins/bonus/admin/sellers/${btn.dataset.uid}/reject`, { reason: reason() }), '[[bonus:retail.admin.rejected]]')));
  page.querySelectorAll('[data-bonus="annul"]').forEach((btn) => btn.addEventListener('click', async () => {
    if (!reason().trim()) {
      errorBox(await translator.translate('[[bonus:error.retail.reason-required]]'));
      return;
    }
    if (!(await confirmAction('[[bonus:confirm.retail-annul]]'))) return;
    await run(() => api.post(`/plugins/bonus/admin/sellers/${btn.dataset.uid}/annul`, { reason: reason() }), '[[bonus:retail.admin.annulled]]');
  }));
}

function review(page) {
  const form = page.querySelector('[data-bonus="review-form"]');
  if (!form) return;
  form.querySelector('[data-bonus="all"]')?.addEventListener('change', (ev) => {
    form.querySelectorAll('tbody input[type="checkbox"]').forEach((box) => { box.checked = ev.target.checked; });
  });
  form.querySelectorAll('[data-bonus="bulk"]').forEach((btn) => btn.addEventListener('click', () => run(async () => {
    const ids = [...form.querySelectorAll('tbody input[type="checkbox"]:checked')].map((b) => Number(b.value));
    const r = await api.post('/plugins/bonus/admin/retail/review', { ids, decision: btn.dataset.decision, reason: form.querySelector('#bonus-review-reason').value });
    alerts.success(`[[bonus:retail.admin.decided, ${Number(r.decided)}]]`);
  })));
}

function products(page) {
  page.querySelectorAll('[data-bonus="save-product"]').forEach((btn) => btn.addEventListener('click', () => run(() => {
    const row = btn.closest('tr');
    const field = (n) => row.querySelector(`[name="${n}"]`);
    return api.post('/plugins/bonus/admin/retail/products', {
      id: btn.dataset.id, name: field('name').value, points: field('points').value, mode: field('mode').value, active: field('active').checked,
    });
  }, '[[bonus:retail.admin.saved]]')));
}

function lists(page) {
  const form = page.querySelector('[data-bonus="import-form"]');
  if (!form) return;
  const bar = form.querySelector('[data-bonus="import-progress"]');
  const summary = form.querySelector('[data-bonus="import-summary"]');
  const report = form.querySelector('[data-bonus="import-report"]');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const file = form.querySelector('#bonus-import-file').files[0];
    const text = file ? await file.text() : form.querySelector('#bonus-import-text').value;
    const [list, productId] = form.querySelector('#bonus-import-list').value.split(':');
    const lines = text.split(/\r?\n/);
    const totals = { added: 0, duplicates: 0, malformed: 0 };
    report.replaceChildren();
    bar.classList.remove('d-none');
    try {
      for (let start = 0; start < lines.length; start += CHUNK) {
        const chunk = lines.slice(start, start + CHUNK);
        if (chunk.every((l) => !l.trim())) continue;
        const { report: r } = await api.post('/plugins/bonus/admin/retail/import', { list, productId, text: chunk.join('\n') });
        totals.added += r.added;
        totals.duplicates += r.duplicates;
        totals.malformed += r.malformed.length;
        for (const m of r.malformed.slice(0, 200)) {
          const li = document.createElement('li');
          li.value = start + m.line;
          li.textContent = m.raw;
          report.append(li);
        }
        const done = Math.min(100, Math.round(((start + chunk.length) / lines.length) * 100));
        bar.firstElementChild.style.width = `${done}%`;
        bar.setAttribute('aria-valuenow', String(done));
      }
      summary.textContent = await translator.translate(`[[bonus:retail.admin.import-done, ${totals.added}, ${totals.duplicates}, ${totals.malformed}]]`);
    } catch (err) {
      summary.textContent = err.message || String(err);
    }
  });
}

/** The year's prize records as a CSV file (the tax report). */
function taxExport(page) {
  const button = page.querySelector('[data-bonus="tax-export"]');
  button?.addEventListener('click', async () => {
    try {
      const { filename, csv } = await api.get('/plugins/bonus/admin/retail/tax/export', { year: button.dataset.year });
      downloadFile(filename, csv, 'text/csv;charset=utf-8');
    } catch (err) {
      alerts.error(err);
    }
  });
}

export function init() {
  const page = document.querySelector('[data-bonus-page="admin-sellers"]');
  if (!page) return;
  taxExport(page);
  sellers(page);
  review(page);
  products(page);
  lists(page);
}
