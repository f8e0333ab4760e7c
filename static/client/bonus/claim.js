// Client module `forum/bonus/claim`: the claim thread. Member and admins reply; admins close the
// claim with a resolution (points only with a refund). The page is rendered again afterwards.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, guardForms } from 'bonus-confirm';

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-claim');
  if (!root) return;
  const id = root.dataset.claimId;
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  const done = () => (window.ajaxify ? window.ajaxify.refresh() : window.location.reload());
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };
  const reply = root.querySelector('form[data-form="claim-reply"]');
  reply?.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = String(new FormData(reply).get('text') || '');
    api.post(`/plugins/bonus/claims/${id}/messages`, { text }).then(done, fail);
  });
  const close = root.querySelector('form[data-form="claim-close"]');
  close?.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!(await confirmAction(`[[bonus:confirm.close-claim, ${Number(id)}]]`))) return;
    const data = new FormData(close);
    const resolution = String(data.get('resolution'));
    const amount = String(data.get('amount') || '').trim();
    const body = { resolution, note: String(data.get('note') || '') };
    if (resolution === 'refund' && amount !== '') body.amount = Number(amount);
    api.put(`/plugins/bonus/claims/${id}/resolution`, body).then(done, fail);
  });
}
