// Client module `forum/bonus/cart`: quantities (totals update as you type, then saved), activation
// country of a license, removing a line. After a save the page is rendered again, so the server's
// messages (out of stock, over a limit, below the minimum) are always current.
import * as api from 'api';
import * as alerts from 'alerts';

function lineKey(li) {
  const key = { productId: Number(li.dataset.productId) };
  if (li.dataset.variantId) key.variantId = li.dataset.variantId;
  if (li.dataset.region) key.region = li.dataset.region;
  if (li.dataset.amount) key.amount = Number(li.dataset.amount);
  return key;
}

// "3 балла", "5 баллов": the counted phrase in the page's language, as the server's bonusPlural writes it
async function points(n, unitKey) {
  const lang = (window.config && window.config.userLang) || document.documentElement.lang || 'en-GB';
  let locale = 'en-GB';
  try { locale = Intl.getCanonicalLocales(lang.replace(/_/g, '-'))[0] || locale; } catch { /* NodeBB's code is not a BCP 47 tag */ }
  const form = new Intl.PluralRules(locale).select(n);
  // grouped only in Russian (a space), as the server's formatCount: a comma would split the argument
  const text = new Intl.NumberFormat(locale, { useGrouping: locale.startsWith('ru') }).format(n);
  const { default: translator } = await import('translator');
  // the page says whose points: `bonus:points.count` or, for sellers' prizes, `bonus:sellerpoints.count`
  const key = /^bonus:[a-z]+\.count$/.test(unitKey || '') ? unitKey : 'bonus:points.count';
  return translator.translate(`[[${key}.${['one', 'few', 'many'].includes(form) ? form : 'other'}, ${text}]]`);
}

function recompute(root) {
  let subtotal = 0;
  const unitKey = root.dataset.unitKey;
  root.querySelectorAll('[data-bonus="line"]').forEach((li) => {
    const qty = Math.max(0, Number(li.querySelector('[data-action="quantity"]').value) || 0);
    const total = qty * Number(li.dataset.unitPrice);
    const cell = li.querySelector('[data-bonus="line-total"]');
    points(total, unitKey).then((text) => { cell.textContent = text; });
    subtotal += total;
  });
  const el = root.querySelector('[data-bonus="subtotal"]');
  if (el) points(subtotal, unitKey).then((text) => { el.textContent = text; });
}

function refresh() {
  if (window.ajaxify && typeof window.ajaxify.refresh === 'function') window.ajaxify.refresh();
  else window.location.reload();
}

export function init() {
  const root = document.querySelector('.bonus-cart');
  if (!root) return;
  const errorBox = root.querySelector('[data-bonus="form-error"]');
  const fail = (err) => {
    if (errorBox) errorBox.textContent = err && err.message ? err.message : String(err);
    alerts.error(err);
  };
  let timer = null;
  root.addEventListener('input', (event) => {
    if (event.target.dataset.action !== 'quantity') return;
    recompute(root);
    const li = event.target.closest('[data-bonus="line"]');
    clearTimeout(timer);
    timer = setTimeout(() => {
      const quantity = Number(event.target.value);
      if (!Number.isInteger(quantity) || quantity < 1) return;
      api.put('/plugins/bonus/cart/line', { ...lineKey(li), quantity }).then(refresh, fail);
    }, 600);
  });
  root.addEventListener('change', (event) => {
    if (event.target.dataset.action !== 'region') return;
    const li = event.target.closest('[data-bonus="line"]');
    const quantity = Number(li.querySelector('[data-action="quantity"]').value) || 1;
    api.put('/plugins/bonus/cart/line', { ...lineKey(li), quantity, newRegion: event.target.value }).then(refresh, fail);
  });
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action="remove"]');
    if (!button) return;
    button.disabled = true;
    api.del('/plugins/bonus/cart/line', lineKey(button.closest('[data-bonus="line"]'))).then(refresh, (err) => {
      button.disabled = false;
      fail(err);
    });
  });
}
