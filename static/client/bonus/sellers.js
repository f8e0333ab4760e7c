// Client module `forum/bonus/sellers`: the sellers' programme application, and registering box
// codes (one or many, one per line) with the server's report per line, in the member's language.
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';

function showError(form, err) {
  const box = form.querySelector('[data-bonus="form-error"]');
  if (box) box.textContent = (err && err.message) || String(err);
}

function reportLine(item) {
  const li = document.createElement('li');
  li.dataset.bonus = 'report-line';
  li.dataset.ok = item.ok ? '1' : '0';
  li.className = item.ok ? 'text-success' : 'text-danger';
  const code = document.createElement('span');
  code.className = 'font-monospace me-2';
  code.textContent = `${item.line}. ${item.code || item.raw}`;
  const msg = document.createElement('span');
  msg.textContent = item.message; // translated on the server; text, never HTML
  li.append(code, ' ', msg);
  return li;
}

export function init() {
  guardForms();
  const page = document.querySelector('[data-bonus-page="sellers"]');
  if (!page) return;
  const apply = page.querySelector('[data-bonus="apply-form"]');
  apply?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(apply, '');
    const data = Object.fromEntries(new FormData(apply));
    try {
      await api.post('/plugins/bonus/sellers/apply', { ...data, eligible: apply.querySelector('[name="eligible"]').checked });
      alerts.success('[[bonus:retail.applied]]');
      ajaxify.refresh();
    } catch (err) {
      showError(apply, err);
    }
  });
  const tax = page.querySelector('[data-bonus="tax-form"]');
  tax?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(tax, '');
    if (!tax.checkValidity()) {
      tax.classList.add('was-validated');
      return;
    }
    try {
      await api.put('/plugins/bonus/sellers/tax-details', Object.fromEntries(new FormData(tax)));
      alerts.success('[[bonus:retail.tax.saved]]');
      ajaxify.refresh();
    } catch (err) {
      showError(tax, err);
    }
  });
  const register = page.querySelector('[data-bonus="register-form"]');
  // the box photo goes through NodeBB's own uploader (its size and type checks, the member's upload privilege)
  register?.querySelector('[data-bonus="photo-upload"]')?.addEventListener('click', async () => {
    try {
      const { default: uploader } = await import('uploader');
      uploader.show({ route: `${config.relative_path}/api/post/upload`, params: {}, accept: 'image/*' }, (url) => {
        register.querySelector('[name="photo"]').value = url;
      });
    } catch {
      const { default: translator } = await import('translator');
      showError(register, await translator.translate('[[bonus:claim.upload-unavailable]]'));
    }
  });
  register?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(register, '');
    const report = register.querySelector('[data-bonus="report"]');
    report.replaceChildren();
    const data = Object.fromEntries(new FormData(register));
    try {
      const r = await api.post('/plugins/bonus/sellers/sales', data);
      report.replaceChildren(...r.report.map(reportLine));
      // keep only the refused lines in the box, to correct and send again
      register.querySelector('[name="codes"]').value = r.report.filter((l) => !l.ok).map((l) => l.raw).join('\n');
      if (r.registered > 0) register.querySelector('[name="photo"]').value = '';
      if (r.registered > 0) alerts.success(`[[bonus:retail.registered-count, ${Number(r.registered)}]]`);
    } catch (err) {
      showError(register, err);
    }
  });
}
