// Client module `forum/bonus/order`: for admins, move the order on (with a note to the member), drop
// lines and return their points, or replace an item out of stock at packing; for the buyer of a
// delivered order, report a problem (a claim) and reply in its thread. The page is rendered again
// afterwards. A change that takes the souvenirs below the minimum is refused with a warning first (the
// server decides): the admin may then confirm it with the button shown under the message. Whether a
// refusal was that warning is worked out here from the lines on the page (the API gives the client
// only the translated message).
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, counted, guardForms } from 'bonus-confirm';

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-order');
  if (!root) return;
  const id = root.dataset.orderId;
  const adminBox = root.querySelector('[data-bonus="order-admin"]');
  const minimum = adminBox ? Number(adminBox.dataset.minSouvenirOrder) || 0 : 0;
  const lines = Array.from(root.querySelectorAll('[data-bonus="lines"] > li[data-index]')).map((li) => ({
    index: Number(li.dataset.index), quantity: Number(li.dataset.quantity), total: Number(li.dataset.lineTotal),
    souvenir: li.dataset.souvenir === '1', refunded: li.dataset.refunded === '1',
  }));
  // As the server counts it: souvenirs left, before the discount; `totals` maps a line to its new total (null: dropped).
  const belowMinimum = (totals) => {
    const open = lines.filter((l) => l.souvenir && !l.refunded);
    const before = open.reduce((sum, l) => sum + l.total, 0);
    const left = open.filter((l) => totals.get(l.index) !== null).map((l) => (totals.has(l.index) ? totals.get(l.index) : l.total));
    const after = left.reduce((sum, t) => sum + t, 0);
    return left.length > 0 && after < minimum && after < before;
  };
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
  const send = (path, body, totals) => {
    hideConfirm();
    api.post(path, body).then(done, (err) => {
      fail(err);
      if (confirmButton && !body.confirmBelowMinimum && belowMinimum(totals)) {
        pending = { path, body: { ...body, confirmBelowMinimum: true } };
        confirmButton.classList.remove('d-none');
      }
    });
  };
  confirmButton?.addEventListener('click', () => {
    if (pending) send(pending.path, pending.body, new Map());
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
  refund?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = Array.from(refund.querySelectorAll('input[name="lines"]:checked')).map((box) => Number(box.value));
    if (picked.length && !(await confirmAction(`[[bonus:confirm.drop-lines, ${counted('lines.count', picked.length)}, ${Number(id)}]]`))) return;
    send(`/plugins/bonus/orders/${id}/refund`, { lines: picked, note: note() }, new Map(picked.map((i) => [i, null])));
  });
  const replace = root.querySelector('form[data-form="replace"]');
  replace?.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(replace);
    const [productId, variantId] = String(data.get('product') || '').split('|');
    const line = Number(data.get('line'));
    const chosen = replace.querySelector('select[name="product"]').selectedOptions[0];
    const quantity = (lines.find((l) => l.index === line) || { quantity: 0 }).quantity;
    send(`/plugins/bonus/orders/${id}/replace`, {
      line, productId: Number(productId), variantId: variantId || null, clubPays: data.get('clubPays') !== null, note: note(),
    }, new Map([[line, Number(chosen ? chosen.dataset.price : 0) * quantity]]));
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
  // Photos: uploaded through NodeBB's own uploader (the forum's post-image upload, with its size and
  // type checks and the member's upload privilege); each upload's address joins the photo list.
  open?.querySelector('[data-action="claim-upload"]')?.addEventListener('click', async () => {
    const photos = open.querySelector('textarea[name="photos"]');
    try {
      const { default: uploader } = await import('uploader');
      uploader.show({ route: `${config.relative_path}/api/post/upload`, params: {}, accept: 'image/*' }, (url) => {
        photos.value = `${photos.value.trim()}\n${url}`.trim();
      });
    } catch {
      const { default: translator } = await import('translator');
      if (errorBox) errorBox.textContent = await translator.translate('[[bonus:claim.upload-unavailable]]');
    }
  });
  const reply = root.querySelector('form[data-form="claim-reply"]');
  reply?.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = String(new FormData(reply).get('text') || '');
    api.post(`/plugins/bonus/claims/${reply.dataset.claimId}/messages`, { text }).then(done, fail);
  });
}
