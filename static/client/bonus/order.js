// Client module `forum/bonus/order`: for admins, move the order on (with a note to the member), drop
// lines and return their points, or replace an item out of stock at packing; the page is rendered
// again afterwards. A change that takes the souvenirs below the minimum is refused with a warning
// first: the admin may then confirm it with the button shown under the message.
import * as api from 'api';
import * as alerts from 'alerts';

export function init() {
  const root = document.querySelector('.bonus-order');
  if (!root) return;
  const id = root.dataset.orderId;
  const adminBox = root.querySelector('[data-bonus="order-admin"]');
  const hint = adminBox ? adminBox.dataset.belowMinimumHint || '' : '';
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  const confirmButton = root.querySelector('[data-action="confirm-below-minimum"]');
  let pending = null; // the refused request the admin may confirm
  const done = () => (window.ajaxify ? window.ajaxify.refresh() : window.location.reload());
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };
  const hideConfirm = () => {
    pending = null;
    confirmButton?.classList.add('d-none');
  };
  // Sends a refund or replacement; a below-minimum warning offers to send it again, confirmed.
  const send = (path, body) => {
    hideConfirm();
    api.post(path, body).then(done, (err) => {
      fail(err);
      const message = err && err.message ? err.message : String(err);
      if (confirmButton && hint && message.includes(hint) && !body.confirmBelowMinimum) {
        pending = { path, body: { ...body, confirmBelowMinimum: true } };
        confirmButton.classList.remove('d-none');
      }
    });
  };
  confirmButton?.addEventListener('click', () => {
    if (pending) send(pending.path, pending.body);
  });
  const status = root.querySelector('form[data-form="status"]');
  status?.addEventListener('submit', (event) => {
    event.preventDefault();
    hideConfirm();
    const data = new FormData(status);
    api.put(`/plugins/bonus/orders/${id}/status`, { status: String(data.get('status')), note: String(data.get('note') || '') }).then(done, fail);
  });
  const note = () => (status ? String(new FormData(status).get('note') || '') : '');
  const refund = root.querySelector('form[data-form="refund"]');
  refund?.addEventListener('submit', (event) => {
    event.preventDefault();
    const lines = Array.from(refund.querySelectorAll('input[name="lines"]:checked')).map((box) => Number(box.value));
    send(`/plugins/bonus/orders/${id}/refund`, { lines, note: note() });
  });
  const replace = root.querySelector('form[data-form="replace"]');
  replace?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(replace);
    const [productId, variantId] = String(data.get('product') || '').split('|');
    send(`/plugins/bonus/orders/${id}/replace`, {
      line: Number(data.get('line')), productId: Number(productId), variantId: variantId || null, clubPays: data.get('clubPays') !== null, note: note(),
    });
  });
}
