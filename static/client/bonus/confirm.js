// Module `bonus-confirm` (plugin.json "modules", so `import { confirmAction } from 'bonus-confirm'`), the
// plugin's shared client helpers: `confirmAction` asks before an action that cannot be taken back, in NodeBB's own bootbox dialog, saying what will
// happen (issue 15, item 6). `token` is a translation token built by the server or from numbers:
// people's words inside it are escaped arguments, and NodeBB's translator HTML-escapes arguments,
// so the translated text is safe as the dialog's HTML.
import * as bootbox from 'bootbox';
import translator from 'translator';

export async function confirmAction(token) {
  const [message, ok, cancel] = await Promise.all([token, '[[bonus:confirm.ok]]', '[[bonus:cancel]]'].map((t) => translator.translate(t)));
  return new Promise((resolve) => {
    bootbox.confirm({
      message,
      buttons: { confirm: { label: ok, className: 'btn-danger' }, cancel: { label: cancel, className: 'btn-outline-secondary' } },
      callback: (yes) => resolve(Boolean(yes)),
    });
  });
}

/** `[[bonus:points.count.few, 3]]`: a count as a nested token in the page's language (for `confirmAction`). */
export function counted(phrase, n) {
  const lang = (window.config && window.config.userLang) || document.documentElement.lang || 'en-GB';
  let locale = 'en-GB';
  try { locale = Intl.getCanonicalLocales(lang.replace(/_/g, '-'))[0] || locale; } catch { /* NodeBB's code is not a BCP 47 tag */ }
  const form = new Intl.PluralRules(locale).select(n);
  // grouped only in Russian (a space), as the server's formatCount: a comma would split the argument
  const text = new Intl.NumberFormat(locale, { useGrouping: locale.startsWith('ru') }).format(n);
  return `[[bonus:${phrase}.${['one', 'few', 'many'].includes(form) ? form : 'other'}, ${text}]]`;
}

/**
 * The plugin's forms check their fields themselves, in the forum's language (issue 15, item 7): the
 * browser's own bubbles ("Please fill out this field") speak the browser's language. A field that
 * does not hold is marked (`is-invalid`) with its message under it, the first one gets the focus, and
 * the form's own submit handlers do not run. Every module with a form calls it at init: it guards the
 * forms inside the plugin's page (`[data-bonus-page]`), never the forum's own.
 */
export function guardForms() {
  document.querySelectorAll('[data-bonus-page] form').forEach((form) => {
    if (form.dataset.bonusGuarded) return;
    form.dataset.bonusGuarded = '1';
    form.noValidate = true;
    form.addEventListener('input', (event) => clear(event.target));
    form.addEventListener('change', (event) => clear(event.target));
    // capture: runs before the form's own submit handlers, and stops them when a field is wrong
    form.addEventListener('submit', (event) => {
      const bad = Array.from(form.elements).filter((el) => el.willValidate && !el.checkValidity());
      if (!bad.length) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      bad.forEach(mark);
      bad[0].focus();
    }, true);
  });
}

function tokenFor(el) {
  const v = el.validity;
  if (v.valueMissing) return '[[bonus:form.required]]';
  if (v.rangeUnderflow) return `[[bonus:form.min, ${Number(el.min)}]]`;
  if (v.rangeOverflow) return `[[bonus:form.max, ${Number(el.max)}]]`;
  if (v.badInput || v.stepMismatch) return '[[bonus:form.whole-number]]';
  if (v.typeMismatch && el.type === 'email') return '[[bonus:form.email]]';
  if (v.tooLong) return `[[bonus:form.too-long, ${counted('chars.count', Number(el.maxLength))}]]`;
  return '[[bonus:form.format]]';
}

async function mark(el) {
  el.classList.add('is-invalid');
  let note = el.parentElement.querySelector(`.invalid-feedback[data-for="${el.name || el.id}"]`);
  if (!note) {
    note = document.createElement('div');
    note.className = 'invalid-feedback d-block';
    note.dataset.for = el.name || el.id;
    el.insertAdjacentElement('afterend', note);
  }
  note.textContent = await translator.translate(tokenFor(el));
}

function clear(el) {
  if (!el || !el.classList || !el.classList.contains('is-invalid')) return;
  el.classList.remove('is-invalid');
  const note = el.parentElement && el.parentElement.querySelector(`.invalid-feedback[data-for="${el.name || el.id}"]`);
  if (note) note.remove();
}

/** Saves `text` as a file the browser downloads (an export: CSV, JSON), without leaving the page. */
export function downloadFile(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
