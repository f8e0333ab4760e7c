import { pluralToken } from './plural';

/** What kind of refusal it is: the one thing its HTTP status is decided from (kernel/result.ts). */
export type RefusalKind = 'invalid' | 'forbidden' | 'not-found' | 'conflict';

/**
 * An expected refusal raised inside a module. `code` is a key of the `bonus` language namespace
 * (`error.not-enough-points`). It never leaves a module as an exception: the module's public use case
 * (`refusable`, kernel/result.ts) returns it as the refusal of its `Result`.
 */
export class BonusError extends Error {
  constructor(
    readonly code: string,
    readonly args: ErrorArg[] = [],
    readonly kind: RefusalKind = 'invalid',
  ) {
    super(countedToken('en-GB', code, args));
    this.name = 'BonusError';
  }

  /** The refusal as a value (what the module's use case returns). */
  get refusal(): { kind: RefusalKind; code: string; args: ErrorArg[] } {
    return { kind: this.kind, code: this.code, args: this.args };
  }

  /** The message for a reader of `lang`: counts take that language's plural forms. */
  messageFor(lang: string): string {
    return countedToken(lang, this.code, this.args);
  }
}

/**
 * A count inside a message: the phrase family (`points.count` → `bonus:points.count.few`) whose form
 * the number takes in the reader's language ("2 балла", "5 баллов").
 */
export interface Counted { count: number; phrase: string }
export const counted = (count: number, phrase = 'points.count'): Counted => ({ count, phrase });
/** A plugin language key as an argument (`settings.role.activists`): translated in place, never user text. */
export interface KeyArg { key: string }
export const keyArg = (key: string): KeyArg => ({ key });
export type ErrorArg = string | number | Counted | KeyArg;

/** `[[bonus:key, arg, [[bonus:points.count.few, 3]]]]`: a token whose counts are written for `lang`. */
export function countedToken(lang: string, key: string, args: ErrorArg[] = [], namespace = 'bonus'): string {
  const parts = args.map((a) => (typeof a !== 'object' ? escapeArg(a) : 'key' in a ? `[[bonus:${a.key.replace(/[^a-z0-9._-]/g, '')}]]` : pluralToken(lang, `bonus:${a.phrase}`, a.count)));
  return `[[${namespace}:${[key, ...parts].join(', ')}]]`;
}

/**
 * `[[bonus:error.x, 5, name]]`. Arguments are data, never keys: `%` and `,` are escaped as NodeBB's
 * `translator.compile` does, and every bracket as `&lsqb;`/`&rsqb;` (NodeBB's translator decodes `&#91;`
 * before it checks whether an argument is itself a `[[key]]` to translate, but keeps `&lsqb;`). The
 * translator HTML-escapes arguments, so the result is safe HTML.
 */
const escapeArg = (a: string | number) => String(a).replace(/%/g, '&#37;').replace(/,/g, '&#44;').replace(/\[/g, '&lsqb;').replace(/\]/g, '&rsqb;');

export function translationToken(key: string, args: (string | number)[] = [], namespace = 'bonus'): string {
  return `[[${namespace}:${[key, ...args.map(escapeArg)].join(', ')}]]`;
}

/**
 * A member's or admin's own words (a warning or ban reason, an operation comment, a group's name) kept
 * where the plugin otherwise keeps translation tokens (a ledger entry's comment): wrapped in a token
 * whose argument is escaped, so it is shown as written, HTML-escaped, and never read as a key.
 */
export function userTextToken(text: string): string {
  return translationToken('points.comment-text', [text]);
}

/** A token the plugin wrote (`[[bonus:key]]` or `[[bonus:key, args]]`), as opposed to text someone typed. */
export function isPluginToken(value: string): boolean {
  return /^\[\[bonus:[a-z0-9]+(?:[.-][a-z0-9]+)*(?:,[^[\]]*)?\]\]$/.test(value);
}

/**
 * Someone's text as HTML for a place NodeBB shows as given (a notification's long body, an e-mail's
 * body): HTML-escaped, and its brackets as `&lsqb;`/`&rsqb;` so NodeBB never takes it for a `[[key]]`.
 */
export function htmlText(text: string): string {
  return text.replace(/[&<>"'`=[\]]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;', '=': '&#61;', '[': '&lsqb;', ']': '&rsqb;' })[c]!);
}
