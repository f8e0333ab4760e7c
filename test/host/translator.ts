import fs from 'node:fs';
import path from 'node:path';
import type { Translator } from '../../lib/host';

const ROOT = path.resolve(__dirname, '../../..');
export const LANGUAGES = ['en-GB', 'ru'] as const;

/** The plugin's language files: namespace ('bonus', 'admin/plugins/bonus') -> key -> string. */
function load(lang: string): Map<string, Record<string, string>> {
  const base = path.join(ROOT, 'languages', lang);
  const out = new Map<string, Record<string, string>>();
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.set(path.relative(base, p).replace(/\\/g, '/').replace(/\.json$/, ''), JSON.parse(fs.readFileSync(p, 'utf8')));
    }
  };
  walk(base);
  return out;
}

// NodeBB decodes an argument's entities, then escapes a `%` before a digit, so that an argument can
// never act as a placeholder: `[[ns:key, %1]]` shows `&#37;1`, as in the real forum.
const unescapeArg = (a: string) => a.replace(/&#44;/g, ',').replace(/&#37;/g, '%').replace(/&#91;/g, '[').replace(/&#93;/g, ']').replace(/%(?=\d)/g, '&#37;');

/**
 * Translates `[[ns:key, arg1, arg2]]` tokens as NodeBB's translator does: `%1`… replaced by the
 * arguments, tokens inside arguments translated first, a missing key falls back to en-GB, and an
 * unknown namespace (core's `[[global:…]]`) shows its key.
 */
export class FileTranslator implements Translator {
  private readonly tables = new Map<string, Map<string, Record<string, string>>>();

  private table(lang: string): Map<string, Record<string, string>> {
    const l = (LANGUAGES as readonly string[]).includes(lang) ? lang : 'en-GB';
    if (!this.tables.has(l)) this.tables.set(l, load(l));
    return this.tables.get(l)!;
  }

  translateSync(text: string, lang: string): string {
    let out = text;
    for (let i = 0; i < 6; i += 1) {
      const next = out.replace(/\[\[([a-zA-Z0-9/_-]+):([^[\]]+?)\]\]/g, (_m, ns: string, body: string, offset: number, whole: string) => {
        const [key, ...args] = body.split(',').map((s) => s.trim());
        const value = this.table(lang).get(ns)?.[key] ?? this.table('en-GB').get(ns)?.[key] ?? key;
        const text = value.replace(/%(\d+)/g, (_x, n: string) => unescapeArg(args[Number(n) - 1] ?? ''));
        // a token inside another one's arguments ("Pay [[points, 2,465]]") is one argument, as NodeBB's
        // parser reads it: its commas do not split the outer token
        const before = whole.slice(0, offset);
        const nested = (before.match(/\[\[/g) ?? []).length > (before.match(/\]\]/g) ?? []).length;
        return nested ? text.replace(/,/g, '&#44;') : text;
      });
      if (next === out) break;
      out = next;
    }
    return out;
  }

  async translate(text: string, lang: string): Promise<string> {
    return this.translateSync(text, lang);
  }

  async defaultLanguage(): Promise<string> {
    return 'en-GB';
  }
}
