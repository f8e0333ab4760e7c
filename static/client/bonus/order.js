// Client module `forum/bonus/order`: for admins, move the order on (with a note to the member) or
// drop lines and return their points; for the buyer of a delivered order, report a problem (a claim)
// and reply in its thread. The page is rendered again afterwards.
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
  initClaims(root, id, done);
}

/** One key per form shown, so a double click or a retry opens one claim. */
function newKey() {
  return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : `c${Date.now()}${Math.random().toString(36).slice(2, 10)}`;
}

function initClaims(root, orderId, done) {
  const errorBox = root.querySelector('[data-bonus="claim-error"]');
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };
  const open = root.querySelector('form[data-form="claim-open"]');
  const key = newKey();
  open?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(open);
    const photos = String(data.get('photos') || '').split(/\s+/).map((p) => p.trim()).filter(Boolean);
    api.post('/plugins/bonus/claims', {
      orderId: Number(orderId), problem: String(data.get('problem')), description: String(data.get('description') || ''),
      photos, videoUrl: String(data.get('videoUrl') || ''), key,
    }).then(done, fail);
  });
  const reply = root.querySelector('form[data-form="claim-reply"]');
  reply?.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = String(new FormData(reply).get('text') || '');
    api.post(`/plugins/bonus/claims/${reply.dataset.claimId}/messages`, { text }).then(done, fail);
  });
}
