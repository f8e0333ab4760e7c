/**
 * Counts in the reader's language. Russian has three forms for whole numbers ("1 балл", "2 балла",
 * "5 баллов") and English two; `Intl.PluralRules` knows which one a number takes. A counted phrase is
 * a family of language keys, one per plural form (`bonus:points.count.one`, `.few`, `.many`,
 * `.other`); every language file defines all four so that the key sets stay identical.
 */

export const PLURAL_FORMS = ['one', 'few', 'many', 'other'] as const;
export type PluralForm = (typeof PLURAL_FORMS)[number];

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

/** NodeBB's language codes (`en-GB`, `ru`, `pt_BR`) as BCP 47 tags; an unknown code reads as English. */
function locale(lang: string): string {
  const tag = String(lang || 'en-GB').replace(/_/g, '-');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

/** The plural form `n` takes in `lang` (one of the four keys every counted phrase defines). */
export function pluralForm(lang: string, n: number): PluralForm {
  const l = locale(lang);
  if (!rules.has(l)) rules.set(l, new Intl.PluralRules(l));
  const form = rules.get(l)!.select(Number.isFinite(n) ? Math.abs(n) : 0);
  return (PLURAL_FORMS as readonly string[]).includes(form) ? form as PluralForm : 'other';
}

/**
 * A number as the language writes it: "15 000" in Russian (NodeBB's translator turns the no-break
 * space into a plain one), "15000" in English: a counted phrase travels as a translation argument,
 * and NodeBB decodes an escaped comma (`&#44;`) before it translates a nested token, so a grouping
 * comma would split "2,465" into two arguments ("2 points").
 */
export function formatCount(lang: string, n: number): string {
  const l = locale(lang);
  if (!numbers.has(l)) numbers.set(l, new Intl.NumberFormat(l, { maximumFractionDigits: 2, useGrouping: l.startsWith('ru') }));
  return numbers.get(l)!.format(Number.isFinite(n) ? n : 0).replace(/^-/, '−');
}

/** A change of points with its sign, one minus sign (U+2212) and the language's grouping: "+25 000", "−150". */
export function signedCount(lang: string, n: number): string {
  return n > 0 ? `+${formatCount(lang, n)}` : formatCount(lang, n);
}

/** The key of the form `n` takes: `pluralKey('ru', 'bonus:points.count', 3)` is `bonus:points.count.few`. */
export const pluralKey = (lang: string, key: string, n: number): string => `${key}.${pluralForm(lang, n)}`;

// A translation argument must not contain the token's own separators.
const arg = (v: string) => v.replace(/,/g, '&#44;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');

/**
 * A translation token for a count, for text the server composes (notifications, e-mails, posts):
 * `[[bonus:points.count.few, 3]]`; further arguments follow the number. Arguments that are
 * themselves tokens (`[[…]]`) are kept, so a counted phrase can sit inside a sentence.
 */
export function pluralToken(lang: string, key: string, n: number, ...args: (string | number)[]): string {
  const rest = args.map((a) => {
    const s = String(a);
    return s.startsWith('[[') && s.endsWith(']]') ? s : arg(s);
  });
  return `[[${[pluralKey(lang, key, n), arg(formatCount(lang, n)), ...rest].join(', ')}]]`;
}
