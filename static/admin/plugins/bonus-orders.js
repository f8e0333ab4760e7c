// ACP module `admin/plugins/bonus-orders`: change the status of the selected orders, export a month's batch as CSV.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, counted, guardForms } from 'bonus-confirm';

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-admin-orders');
  if (!root) return;
  const all = root.querySelector('[data-action="select-all"]');
  if (all) {
    all.addEventListener('change', () => {
      root.querySelectorAll('input[name="ids"]').forEach((box) => { box.checked = all.checked; });
    });
  }
  const bulk = root.querySelector('form[data-form="bulk"]');
  // only the moves every selected order may make are offered (issue 15, item 9)
  const offer = () => {
    const select = bulk && bulk.querySelector('select[name="status"]');
    if (!select) return;
    const chosen = Array.from(root.querySelectorAll('input[name="ids"]:checked'));
    let first = null;
    Array.from(select.options).forEach((option) => {
      const ok = chosen.length > 0 && chosen.every((box) => (box.dataset.moves || '').split(' ').includes(option.value));
      option.disabled = !ok;
      option.hidden = !ok;
      if (ok && first === null) first = option;
    });
    if (select.selectedOptions[0] && select.selectedOptions[0].disabled) select.value = first ? first.value : '';
    const submit = bulk.querySelector('button[type="submit"]');
    if (submit) submit.disabled = first === null;
  };
  root.addEventListener('change', (event) => { if (event.target.matches('input[name="ids"], input[data-action="select-all"]')) offer(); });
  offer();
  if (bulk) {
    bulk.addEventListener('submit', async (event) => {
      event.preventDefault();
      const ids = Array.from(root.querySelectorAll('input[name="ids"]:checked')).map((box) => Number(box.value));
      const data = new FormData(bulk);
      const out = bulk.querySelector('[data-bonus="bulk-result"]');
      if (String(data.get('status')) === 'cancelled' && ids.length && !(await confirmAction(`[[bonus:confirm.bulk-cancel, ${counted('orders.count', ids.length)}]]`))) return;
      try {
        const { results } = await api.post('/plugins/bonus/admin/orders/status', { ids, status: String(data.get('status')), note: String(data.get('note') || '') });
        const failed = results.filter((r) => !r.ok);
        out.textContent = failed.map((r) => `#${r.id}: ${r.error}`).join(' ');
        if (failed.length === 0 && window.ajaxify) window.ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
      }
    });
  }
  const exportButton = root.querySelector('[data-action="export"]');
  if (exportButton) {
    exportButton.addEventListener('click', async () => {
      const month = root.querySelector('#bonus-orders-month').value || exportButton.dataset.month;
      try {
        const { filename, csv } = await api.get('/plugins/bonus/admin/orders/export', { month });
        download(filename, csv);
      } catch (err) {
        alerts.error(err);
      }
    });
  }
}
