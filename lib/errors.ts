import { pluralToken } from './domain/plural';

/**
 * An expected refusal, shown to the person who asked. `code` is a key of the `bonus` language
 * namespace (`error.not-enough-points`); the host translates it for the caller.
 */
export class BonusError extends Error {
  constructor(
    readonly code: string,
    readonly args: ErrorArg[] = [],
    readonly status: 400 | 403 | 404 | 409 = 400,
  ) {
    super(countedToken('en-GB', code, args));
    this.name = 'BonusError';
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
export type ErrorArg = string | number | Counted;

/** `[[bonus:key, arg, [[bonus:points.count.few, 3]]]]`: a token whose counts are written for `lang`. */
export function countedToken(lang: string, key: string, args: ErrorArg[] = [], namespace = 'bonus'): string {
  const parts = args.map((a) => (typeof a === 'object' ? pluralToken(lang, `bonus:${a.phrase}`, a.count) : escapeArg(a)));
  return `[[${namespace}:${[key, ...parts].join(', ')}]]`;
}

/** `[[bonus:error.x, 5, name]]`; commas and brackets in arguments are escaped the NodeBB way. */
const escapeArg = (a: string | number) => String(a).replace(/%/g, '&#37;').replace(/,/g, '&#44;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');

export function translationToken(key: string, args: (string | number)[] = [], namespace = 'bonus'): string {
  return `[[${namespace}:${[key, ...args.map(escapeArg)].join(', ')}]]`;
}
