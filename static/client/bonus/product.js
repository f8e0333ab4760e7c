// Client module `forum/bonus/product`: add to cart, then the "Continue shopping / Complete order" dialog.
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';
import hooks from 'hooks';

function readForm(form) {
  const data = new FormData(form);
  const body = { productId: Number(form.dataset.productId), quantity: Number(data.get('quantity') || 1) };
  if (data.has('variantId')) body.variantId = String(data.get('variantId'));
  if (data.has('region') && data.get('region')) body.region = String(data.get('region'));
  if (data.has('amount')) body.amount = Number(data.get('amount'));
  return body;
}

/** The first required field the member has not filled in (size, region, amount, quantity), if any. */
function firstInvalid(form) {
  return Array.from(form.querySelectorAll('input, select')).find((el) => !el.disabled && !el.checkValidity());
}

function openDialog(dialog) {
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  const first = dialog.querySelector('[data-action="continue"]');
  if (first) first.focus();
}

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-product');
  if (!root) return;
  const form = root.querySelector('form.bonus-add-to-cart');
  const dialog = root.querySelector('dialog.bonus-added-dialog');
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  if (!form || !dialog) return;

  dialog.querySelector('[data-action="continue"]').addEventListener('click', () => {
    if (typeof dialog.close === 'function') dialog.close();
    else dialog.removeAttribute('open');
  });
  dialog.addEventListener('close', () => form.querySelector('button[type="submit"]').focus());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.textContent = '';
    const invalid = firstInvalid(form);
    if (invalid) {
      invalid.focus();
      // The forum's language, not the browser's: each field carries its translated message.
      errorBox.textContent = invalid.dataset.invalidMessage || invalid.validationMessage;
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const result = await api.post('/plugins/bonus/store/cart', readForm(form));
      hooks.fire('action:bonus.cart.added', result);
      openDialog(dialog);
    } catch (err) {
      errorBox.textContent = err && err.message ? err.message : String(err);
      alerts.error(err);
    } finally {
      button.disabled = false;
    }
  });
}
