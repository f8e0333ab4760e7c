import fs from 'node:fs';
import path from 'node:path';
import { escapeHelper, txHelper } from './translator';
import { formatCount, pluralKey } from '../../lib/kernel/plural';

const ROOT = path.resolve(__dirname, '../../..');
/**
 * NodeBB ≥ 4.14 templates translate with Benchpress helpers: `{{tx("bonus:key", arg)}}` (core) and
 * `{{bonusTx("bonus:prefix.", value, arg)}}` (the plugin's, for keys built from data; lib/nodebb/http.ts).
 * With the page's `_i18n` in the data (as NodeBB renders every page, and the fake host does) they are
 * NodeBB 4.15.1's helper exactly (./translator.ts txHelper). The key-checking page tests render
 * without `_i18n`: then they output the `[[ns:key, args]]` token the helper would translate (arguments
 * escaped), so the test can check that every key exists; text that is not key-shaped is escaped.
 */
const escape = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Ctx = { _i18n?: Record<string, unknown>; bonusLang?: string } | undefined | void;

function tokenTx(token: unknown, ...args: unknown[]): string {
  const t = String(token ?? '');
  if (!t) return '';
  if (t.startsWith('[[') && t.endsWith(']]') && !args.length) return t;
  if (!/^[a-zA-Z0-9/_-]+:[a-zA-Z0-9._-]+$/.test(t)) return escape(t);
  // an argument that is itself a token (a counted phrase) is translated too, as NodeBB's helper does
  return `[[${[t, ...args.map((a) => /^\[\[[^[\]]+\]\]$/.test(String(a)) ? String(a) : escape(a).replace(/,/g, '&#44;'))].join(', ')}]]`;
}

export function tokenHelpers(): Record<string, (this: Ctx, ...args: unknown[]) => string> {
  const tx = function (this: Ctx, token: unknown, ...args: unknown[]): string {
    return this && this._i18n ? txHelper.call(this, token, ...args) : tokenTx(token, ...args);
  };
  return {
    // NodeBB's `{value}` escaping (helpers.escape): entities decoded first, then escaped
    __escape: (value: unknown) => escapeHelper(value),
    tx,
    bonusTx(this: Ctx, prefix: unknown, value: unknown, ...args: unknown[]) {
      return tx.call(this, `${String(prefix)}${String(value)}`, ...args);
    },
    // the page data carries its language (`bonusLang`), as the plugin's pages do in NodeBB
    bonusPlural(this: Ctx, key: unknown, n: unknown, ...args: unknown[]) {
      const lang = String((this && this.bonusLang) || 'en-GB');
      const count = Number(n);
      return tx.call(this, pluralKey(lang, String(key), count), formatCount(lang, count), ...args);
    },
    bonusNumber(this: Ctx, n: unknown) {
      return formatCount(String((this && this.bonusLang) || 'en-GB'), Number(n));
    },
  };
}

export function registerTokenHelpers(benchpress: { registerHelper(name: string, fn: (...args: unknown[]) => string): void }): void {
  for (const [name, fn] of Object.entries(tokenHelpers())) benchpress.registerHelper(name, fn as (...args: unknown[]) => string);
}

/**
 * `<!-- IMPORT path -->` as NodeBB's build inlines it (src/meta/templates.js): the plugin's own
 * templates are found; a theme partial the sandbox does not have (the account header) is dropped,
 * as NodeBB drops a partial it cannot find.
 */
function withImports(source: string, depth = 0): string {
  return source.replace(/<!-- IMPORT (.+?) -->/g, (_m, partial: string) => {
    const file = path.join(ROOT, 'templates', partial.trim());
    return depth < 5 && fs.existsSync(file) ? withImports(fs.readFileSync(file, 'utf8'), depth + 1) : '';
  });
}

/** A plugin template as NodeBB's build would serve it (imports inlined). */
export function templateSource(name: string): string {
  return withImports(fs.readFileSync(path.join(ROOT, 'templates', `${name}.tpl`), 'utf8'));
}
