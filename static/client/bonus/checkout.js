// Client module `forum/bonus/checkout`: step 1 (contact) and step 2 (delivery) are saved through the
// write API, then the next step opens; step 3 pays with the idempotency key the page was rendered
// with, so a double click or a retried request pays once, then opens the order.
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';

function go(url) {
  if (window.ajaxify && typeof window.ajaxify.go === 'function') window.ajaxify.go(url.replace(/^\//, ''));
  else window.location.href = url;
}

function fields(form) {
  return Object.fromEntries(Array.from(new FormData(form).entries()).map(([k, v]) => [k, String(v)]));
}

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-checkout');
  if (!root) return;
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };

  root.querySelectorAll('form[data-form="contact"], form[data-form="delivery"]').forEach((form) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (errorBox) errorBox.textContent = '';
      const data = fields(form);
      const invalid = Array.from(form.querySelectorAll('input, select')).find((el) => !el.checkValidity()
        || (data.method === 'delivery' && el.dataset.neededForDelivery && !el.value.trim()));
      if (invalid) {
        invalid.focus();
        if (errorBox) errorBox.textContent = errorBox.dataset.invalidMessage || invalid.validationMessage;
        return;
      }
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        await api.put(`/plugins/bonus/checkout/${form.dataset.form}`, data);
        go(form.dataset.next);
      } catch (err) {
        fail(err);
      } finally {
        button.disabled = false;
      }
    });
  });

  const pay = root.querySelector('[data-action="pay"]');
  if (pay) {
    pay.addEventListener('click', async () => {
      pay.disabled = true;
      if (errorBox) errorBox.textContent = '';
      try {
        const result = await api.post('/plugins/bonus/checkout/pay', { idempotencyKey: pay.dataset.payKey, promoCode: pay.dataset.promo || '', expectedTotal: Number(pay.dataset.total) });
        go(result.url);
      } catch (err) {
        pay.disabled = false;
        fail(err);
      }
    });
  }
}
