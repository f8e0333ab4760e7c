// Module `bonus-confirm` (plugin.json "modules", so `import { confirmAction } from 'bonus-confirm'`):
// asks before an action that cannot be taken back, in NodeBB's own bootbox dialog, saying what will
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
