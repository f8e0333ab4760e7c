import fs from 'node:fs';
import path from 'node:path';
import { formatCount, pluralKey } from '../../lib/domain/plural';

const ROOT = path.resolve(__dirname, '../../..');
/**
 * NodeBB ≥ 4.14 templates translate with Benchpress helpers: `{{tx("bonus:key", arg)}}` (core) and
 * `{{bonusTx("bonus:prefix.", value, arg)}}` (the plugin's, for keys built from data). Tests register
 * these stand-ins, which output the `[[ns:key, args]]` token the real helper would translate, with
 * arguments HTML-escaped as NodeBB does; the fake host then translates the tokens.
 */
const escape = (v: unknown) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function tokenHelpers(): Record<string, (this: unknown, ...args: unknown[]) => string> {
  const tx = (token: unknown, ...args: unknown[]): string => {
    const t = String(token ?? '');
    if (!t) return '';
    if (t.startsWith('[[') && t.endsWith(']]') && !args.length) return t;
    // not a key (a product title, a size label): NodeBB's helper shows it escaped
    if (!/^[a-zA-Z0-9/_-]+:[a-zA-Z0-9._-]+$/.test(t)) return escape(t);
    // an argument that is itself a token (a counted phrase) is translated too, as NodeBB's helper does
    return `[[${[t, ...args.map((a) => /^\[\[[^[\]]+\]\]$/.test(String(a)) ? String(a) : escape(a).replace(/,/g, '&#44;'))].join(', ')}]]`;
  };
  return {
    tx,
    bonusTx: (prefix: unknown, value: unknown, ...args: unknown[]) => tx(`${String(prefix)}${String(value)}`, ...args),
    // the page data carries its language (`bonusLang`), as the plugin's pages do in NodeBB
    bonusPlural(this: unknown, key: unknown, n: unknown, ...args: unknown[]) {
      const lang = String((this as { bonusLang?: string } | undefined)?.bonusLang || 'en-GB');
      const count = Number(n);
      return tx(pluralKey(lang, String(key), count), formatCount(lang, count), ...args);
    },
  };
}

export function registerTokenHelpers(benchpress: { registerHelper(name: string, fn: (...args: unknown[]) => string): void }): void {
  for (const [name, fn] of Object.entries(tokenHelpers())) benchpress.registerHelper(name, fn);
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
