// Client module `forum/bonus/loans`: apply for a loan; repay part or all of the open one (with the
// form's idempotency key, so a double submit pays once).
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';

function newKey() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + String(Date.now())).replace(/-/g, '');
}

async function call(path, body, done) {
  try {
    await api.post(path, body);
    alerts.success(done);
    ajaxify.refresh();
    return true;
  } catch (err) {
    alerts.error(err);
    return false;
  }
}

export function init() {
  guardForms();
  const page = document.querySelector('[data-bonus-page="loans"]');
  if (!page) return;
  const apply = page.querySelector('[data-bonus="apply-form"]');
  apply?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(apply));
    await call('/plugins/bonus/loans', { amount: Number(data.amount), months: Number(data.months) }, '[[bonus:loans.applied]]');
  });
  const repay = page.querySelector('[data-bonus="repay-form"]');
  if (!repay) return;
  const send = async (amount) => {
    const ok = await call(`/plugins/bonus/loans/${repay.dataset.loanId}/repay`, { amount, key: repay.dataset.key }, '[[bonus:loans.repaid-done]]');
    if (!ok) repay.dataset.key = newKey();
  };
  repay.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await send(Number(new FormData(repay).get('amount')));
  });
  repay.querySelector('[data-bonus="repay-all"]')?.addEventListener('click', () => send('all'));
}
