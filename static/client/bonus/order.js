// Client module `forum/bonus/order`: for admins, move the order on (with a note to the member) or
// drop lines and return their points; the page is rendered again afterwards.
import * as api from 'api';
import * as alerts from 'alerts';

export function init() {
  const root = document.querySelector('.bonus-order');
  if (!root) return;
  const id = root.dataset.orderId;
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  const done = () => (window.ajaxify ? window.ajaxify.refresh() : window.location.reload());
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };
  const status = root.querySelector('form[data-form="status"]');
  status?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(status);
    api.put(`/plugins/bonus/orders/${id}/status`, { status: String(data.get('status')), note: String(data.get('note') || '') }).then(done, fail);
  });
  const refund = root.querySelector('form[data-form="refund"]');
  refund?.addEventListener('submit', (event) => {
    event.preventDefault();
    const lines = Array.from(refund.querySelectorAll('input[name="lines"]:checked')).map((box) => Number(box.value));
    const note = status ? String(new FormData(status).get('note') || '') : '';
    api.post(`/plugins/bonus/orders/${id}/refund`, { lines, note }).then(done, fail);
  });
}
