// Client module `forum/bonus/transfer`: sends a transfer with the form's idempotency key, so a double
// submit sends once; after a refusal the next try gets a new key.
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';
import { userField } from 'bonus-users';

function newKey() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + String(Date.now())).replace(/-/g, '');
}

export function init() {
  guardForms();
  const form = document.querySelector('[data-bonus="transfer-form"]');
  if (!form) return;
  userField(form.querySelector('[name="to"]'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await api.post('/plugins/bonus/transfers', { ...data, amount: Number(data.amount), key: form.dataset.key });
      alerts.success('[[bonus:transfer.sent]]');
      ajaxify.refresh();
    } catch (err) {
      form.dataset.key = newKey();
      alerts.error(err);
      button.disabled = false;
    }
  });
}
