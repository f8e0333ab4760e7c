'use strict';

// A classic script (plugin.json "scripts" and "acpScripts"), bundled by NodeBB into its client code:
// registers the plugin's Benchpress helper for templates rendered in the browser on client-side
// navigation. `{{bonusTx("bonus:kind.", kind)}}` translates a key built from data, as core's `tx`
// translates a fixed one. The server registers the same helper (lib/nodebb/http.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- NodeBB's AMD-style require in bundled scripts
require(['benchpressjs', 'helpers'], function (Benchpress, helpers) {
  Benchpress.registerHelper('bonusTx', function (prefix, value, ...args) {
    return helpers.tx.call(this, String(prefix) + String(value), ...args);
  });
  // `{{bonusPlural("bonus:points.count", n)}}`: the key's form for `n` in the page's language
  // (`bonus:points.count.few`), as lib/kernel/plural.ts chooses it on the server.
  const FORMS = ['one', 'few', 'many', 'other'];
  function locale(lang) {
    try { return Intl.getCanonicalLocales(String(lang || 'en-GB').replace(/_/g, '-'))[0] || 'en-GB'; } catch { return 'en-GB'; }
  }
  // grouped only in Russian, as the server's formatCount: a comma would split a translation argument
  function formatNumber(lang, n) {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 2, useGrouping: String(lang).startsWith('ru') }).format(n).replace(/^-/, '\u2212');
  }
  Benchpress.registerHelper('bonusPlural', function (key, n, ...args) {
    const lang = locale((this && this.bonusLang) || (window.config && window.config.userLang));
    const count = Number(n);
    const safe = Number.isFinite(count) ? count : 0;
    const form = new Intl.PluralRules(lang).select(Math.abs(safe));
    const text = formatNumber(lang, safe);
    return helpers.tx.call(this, String(key) + '.' + (FORMS.includes(form) ? form : 'other'), text, ...args);
  });
  // `{{bonusNumber(n)}}`: a bare number as the page's language writes it ("25 000" in Russian)
  Benchpress.registerHelper('bonusNumber', function (n) {
    const value = Number(n);
    return formatNumber(locale((this && this.bonusLang) || (window.config && window.config.userLang)), Number.isFinite(value) ? value : 0);
  });
});
