import fs from 'node:fs';
import path from 'node:path';
import type { Translator } from '../../lib/host/index';

const ROOT = path.resolve(__dirname, '../../..');
export const LANGUAGES = ['en-GB', 'ru'] as const;

type Table = Record<string, unknown>;

/** The plugin's language files: namespace ('bonus', 'admin/plugins/bonus') -> key -> string. */
function load(lang: string): Map<string, Table> {
  const base = path.join(ROOT, 'languages', lang);
  const out = new Map<string, Table>();
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.set(path.relative(base, p).replace(/\\/g, '/').replace(/\.json$/, ''), JSON.parse(fs.readFileSync(p, 'utf8')) as Table);
    }
  };
  walk(base);
  return out;
}

/*
 * NodeBB 4.15.1's translation semantics, written from reading its public/src/modules/translator.common.js,
 * public/src/modules/helpers.common.js (`tx`) and public/src/utils.common.js (escapeHTML,
 * decodeHTMLEntities, isSafeHref). test/host/nodebb-i18n.test.ts pins the behaviour with cases whose
 * expected outputs were produced by NodeBB's own code:
 * - the translator (`translator.translate`, used for e-mails' subjects, notifications, chat and posts the
 *   plugin writes) translates `[[ns:key, args]]` tokens and leaves every other text AS IS, unescaped;
 *   a token whose key is missing is shown (HTML-escaped) as written;
 * - a token's arguments are whitespace-collapsed, entity-decoded then HTML-escaped; an argument that is a
 *   whole `[[…]]` token after that is translated itself (so user text as an argument must have its
 *   brackets escaped as `&lsqb;`/`&rsqb;`, as `translator.compile` does); `%` before a digit becomes `&#37;`;
 *   `\,` becomes `&#44;`; `href`s that are not http(s) or site-relative are emptied;
 * - the Benchpress `tx` helper translates a known key from the page's `_i18n`, HTML-escapes anything
 *   else (entity-decoded first) — but any text that IS a known key (`bonus:x`, `[[bonus:x]]`,
 *   `bonus:x, arg`) is translated: user text must never reach it;
 * - pages are not translated as a whole (4.14+): a `[[…]]` left in rendered HTML stays raw.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };
/** NodeBB's `utils.escapeHTML`. */
export function escapeChars(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  return String(value).replace(/[&<>"'`=]/g, (c) => ESCAPES[c]!);
}

// the named entities that matter here (NodeBB knows ~100, mostly Latin letters)
const NAMED: Record<string, string> = { amp: '&', gt: '>', lt: '<', quot: '"', apos: "'", nbsp: '\u00a0' };
/** NodeBB's `utils.decodeHTMLEntities` (numeric, hex and named; the `;` is optional). */
export function decodeEntities(value: unknown): string {
  return String(value)
    .replace(/&#(\d+);?/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#[xX]([A-Fa-f0-9]+);?/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&([^;\W]+;?)/g, (m, e: string) => NAMED[e] ?? (e.endsWith(';') ? NAMED[e.slice(0, -1)] : undefined) ?? m);
}

/** The translator's `escapeHTML`: whitespace collapsed and trimmed, entities decoded, then escaped. */
export function escapeHTML(value: unknown): string {
  return escapeChars(decodeEntities(String(value).replace(/[\s\xa0]+/g, ' ').replace(/^\s+|\s+$/g, '')));
}

const fixDoubleEscaped = (s: string) => s.replace(/&amp;lsqb;/g, '&lsqb;').replace(/&amp;rsqb;/g, '&rsqb;');

const isSafeHref = (href: string) => {
  const h = href.trim().toLowerCase();
  return h.startsWith('https://') || h.startsWith('http://') || (h.startsWith('/') && !h.startsWith('//'));
};

/** `%1`… replaced by the (already escaped) arguments; unsafe `href`s emptied. */
function replaceArguments(translation: string, args: string[]): string {
  if (!args.length) return translation;
  let out = translation;
  args.forEach((arg, i) => {
    out = out.split(`%${i + 1}`).join(arg.replace(/%(?=\d)/g, '&#37;').replace(/\\,/g, '&#44;'));
  });
  return out.replace(/href\s*=\s*(["'])(.*?)\1/gi, (m, _q: string, href: string) => (isSafeHref(href) ? m : 'href=""'));
}

/** Splits `ns:key, a, [[ns:k, b]]` at top-level commas not preceded by `\`; no comma → []. */
function split(text: string): string[] {
  if (!text.includes(',')) return [];
  const out: string[] = [];
  let i = 0;
  let start = 0;
  let level = 0;
  while (i < text.length - 1) {
    const cur = text[i];
    const next = text[i + 1];
    if (cur === '[' && next === '[') { level += 1; i += 1; } else if (cur === ']' && next === ']') { level -= 1; i += 1; } else if (level === 0 && cur === ',' && text[i - 1] !== '\\') {
      out.push(text.slice(start, i).trim());
      i += 1;
      start = i;
    }
    i += 1;
  }
  out.push(text.slice(start, i + 1).trim());
  return out;
}

function normalizeToken(token: unknown, ignoreArgs = false): [string, string[]] {
  if (typeof token !== 'string' || token === '') return [String(token), []];
  let t = token;
  if (t.startsWith('[[') && t.endsWith(']]')) t = t.slice(2, -2);
  if (ignoreArgs) return [t.trim(), []];
  const parts = split(t);
  if (!parts.length) return [t.trim(), []];
  return [parts[0]!.trim(), parts.slice(1).map((p) => p.trim())];
}

/** NodeBB's key lookup: a flat key first, then a dotted path into nested objects. */
function resolveKey(table: unknown, key: string | undefined): unknown {
  if (!table || !key) return false;
  let x = table as Record<string, unknown>;
  if (typeof x[key] === 'string') return x[key];
  const parts = key.split('.');
  for (let i = 0; i <= parts.length; i += 1) {
    if (i === parts.length) return x[parts[i - 1]!] !== undefined ? x[parts[i - 1]!] : x[''];
    const v = x[parts[i]!];
    if (typeof v === 'object') x = v as Record<string, unknown>;
    else if (typeof v === 'string') return i === parts.length - 1 ? v : false;
    else return false;
  }
  return false;
}

const TOKEN_START = /^\[\[[^[\]\s,]+:[^[\]\s,]+/;
/** Cuts a text into plain runs and well-formed (possibly nested) `[[ns:key…]]` tokens. */
function parseTokens(str: string): { text: string; tx: boolean }[] {
  const out: { text: string; tx: boolean }[] = [];
  let cursor = 0;
  let lastCut = 0;
  while (cursor < str.length) {
    const open = str.indexOf('[[', cursor);
    if (open === -1) break;
    let depth = 1;
    let i = open + 2;
    let closed = false;
    while (i < str.length) {
      const close = str.indexOf(']]', i);
      if (close === -1) break;
      const nested = str.indexOf('[[', i);
      if (nested !== -1 && nested < close) { depth += 1; i = nested + 2; } else {
        depth -= 1;
        i = close + 2;
        if (depth === 0) { closed = true; break; }
      }
    }
    if (closed && TOKEN_START.test(str.slice(open, i))) {
      if (open > lastCut) out.push({ text: str.slice(lastCut, open), tx: false });
      out.push({ text: str.slice(open, i), tx: true });
      lastCut = i;
      cursor = i;
      continue;
    }
    cursor = open + 2;
  }
  if (lastCut < str.length) out.push({ text: str.slice(lastCut), tx: false });
  return out;
}

/** NodeBB's `translator.escape`: `[[`/`]]` made inert. */
export const escapeBrackets = (text: string) => text.replace(/\[\[/g, '&lsqb;&lsqb;').replace(/\]\]/g, '&rsqb;&rsqb;');

/** NodeBB's own language namespaces (public/language/en-GB/*.json) the plugin may name. */
const CORE_NAMESPACES = new Set(['global', 'error', 'pages', 'user', 'topic', 'category', 'modules', 'groups', 'register', 'login', 'search', 'tags',
  'unread', 'recent', 'popular', 'success', 'uploads', 'email', 'flags', 'post-queue', 'reset_password', 'users', 'world', 'notifications']);

/**
 * The translator of the fake forum: NodeBB's semantics (above) over the plugin's language files; a
 * missing key in `ru` falls back to en-GB (NodeBB's language build does so); core namespaces the fake
 * has no files for (`[[global:…]]`, `[[error:…]]`) show their key.
 */
export class FileTranslator implements Translator {
  private readonly tables = new Map<string, Record<string, Table>>();

  /** `fixed`: namespace -> table for every language instead of the plugin's files (tests of the semantics). */
  constructor(private readonly fixed?: Record<string, Table>) {}

  /** The page's `_i18n`: namespace -> table, as NodeBB's `languages.getFull(lang)`. */
  i18n(lang: string): Record<string, Table> {
    if (this.fixed) return this.fixed;
    const l = (LANGUAGES as readonly string[]).includes(lang) ? lang : 'en-GB';
    if (!this.tables.has(l)) {
      const base = load('en-GB');
      const own = load(l);
      const merged: Record<string, Table> = {};
      for (const [ns, table] of base) merged[ns] = { ...table, ...(own.get(ns) ?? {}) };
      // core namespaces: any key resolves to itself (the fake has no core language files)
      this.tables.set(l, new Proxy(merged, {
        get: (t, ns) => (typeof ns === 'string' && !(ns in t) && CORE_NAMESPACES.has(ns)
          ? new Proxy({}, { get: (_o, key) => (typeof key === 'string' ? key : undefined) })
          : t[ns as string]),
      }));
    }
    return this.tables.get(l)!;
  }

  private translateKey(name: string, args: string[], backup: string | undefined, lang: string): string {
    const [namespace, key] = name.split(':', 2);
    if (!namespace || !key) return escapeHTML(backup || name);
    const translated = resolveKey(this.i18n(lang)[namespace], key);
    if (!translated || typeof translated !== 'string') return escapeHTML(backup || name);
    const targs = args.map((arg) => {
      const escaped = fixDoubleEscaped(escapeHTML(arg));
      if (escaped.startsWith('[[') && escaped.endsWith(']]')) {
        const [t, a] = normalizeToken(escaped);
        return this.translateKey(t, a, undefined, lang);
      }
      return escaped;
    });
    return replaceArguments(translated, targs);
  }

  /** `translator.translate(text, lang)`: tokens translated, every other character left as is. */
  translateSync(text: string, lang: string): string {
    if (typeof text !== 'string' || text === '') return '';
    return parseTokens(text).map((t) => {
      if (!t.tx) return t.text;
      const [name, args] = normalizeToken(t.text);
      return this.translateKey(name, args, t.text, lang);
    }).join('');
  }

  /** `translator.translateKey(text, [], lang)`: the whole text read as one key (NodeBB's page titles). */
  translateKeySync(text: string, lang: string): string {
    const [name, args] = normalizeToken(text);
    return this.translateKey(name, args, text, lang);
  }

  async translate(text: string, lang: string): Promise<string> {
    return this.translateSync(text, lang);
  }

  async defaultLanguage(): Promise<string> {
    return 'en-GB';
  }
}

/** The Benchpress `tx` helper of NodeBB 4.15.1 (`this` is the template data with `_i18n`). */
export function txHelper(this: { _i18n?: Record<string, unknown> } | undefined, token: unknown, ...rest: unknown[]): string {
  let tok = token;
  let args = rest;
  if (Array.isArray(tok) && tok.length) {
    args = tok.slice(1);
    tok = tok[0];
  }
  if (!tok) return '';
  const passed = args.length > 0;
  const [name, fromToken] = normalizeToken(tok, passed);
  const useArgs = !passed && fromToken.length ? fromToken : args;
  const [namespace, key] = name.split(':', 2);
  const translation = resolveKey(this?._i18n?.[namespace!], key);
  if (!namespace || !key || !translation) return fixDoubleEscaped(escapeHTML(tok));
  const escapedArgs = useArgs.map((arg) => {
    const escaped = fixDoubleEscaped(escapeHTML(arg));
    return escaped.startsWith('[[') && escaped.endsWith(']]') ? txHelper.call(this, escaped) : escaped;
  });
  return replaceArguments(String(translation), escapedArgs);
}

/** NodeBB's Benchpress `escape` helper (entities decoded, then escaped). */
export const escapeHelper = (value: unknown) => escapeChars(decodeEntities(value));

/**
 * A page's HTML without its scripts: NodeBB 4.15 embeds the page's data, translation tokens and
 * people's words included, as JSON in `window._ajaxifyData` (the fake host's `ajaxify.data`), so
 * what a reader sees is checked without it.
 */
export function withoutScripts(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, '');
}
