/**
 * Activation codes (PROGRAM §9): 4 blocks of 5 letters or digits separated by hyphens, 20 characters
 * without the hyphens. Parsing normalises case and surrounding blanks; a code typed without hyphens
 * (20 letters/digits) is accepted and given its hyphens, so the stored form is always canonical.
 */
export type ActivationCode = string & { readonly __brand: 'ActivationCode' };

export type CodeParse =
  | { ok: true; code: ActivationCode }
  | { ok: false; reason: 'empty' | 'format' };

const CANONICAL = /^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/;
const BARE = /^[A-Z0-9]{20}$/;

export function parseActivationCode(raw: string): CodeParse {
  const s = raw.trim().toUpperCase();
  if (s === '') return { ok: false, reason: 'empty' };
  if (CANONICAL.test(s)) return { ok: true, code: s as ActivationCode };
  if (BARE.test(s)) {
    const blocks = [s.slice(0, 5), s.slice(5, 10), s.slice(10, 15), s.slice(15, 20)];
    return { ok: true, code: blocks.join('-') as ActivationCode };
  }
  return { ok: false, reason: 'format' };
}

/**
 * A gift card's code (issue 16, item 5): shops write them their own way (16 letters, blocks with
 * hyphens, digits only), so any 6 to 64 letters, digits and hyphens, kept as written (trimmed).
 */
const GIFT_CARD = /^[A-Za-z0-9][A-Za-z0-9-]{4,62}[A-Za-z0-9]$/;

export function parseGiftCardCode(raw: string): CodeParse {
  const s = raw.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  return GIFT_CARD.test(s) ? { ok: true, code: s as ActivationCode } : { ok: false, reason: 'format' };
}

export function isActivationCode(s: string): s is ActivationCode {
  return CANONICAL.test(s);
}

/** For places that may show that a code exists but not the code: `ABCDE-*****-*****-*****`. */
export function maskActivationCode(code: ActivationCode): string {
  return `${code.slice(0, 5)}-*****-*****-*****`;
}

export type ImportLineResult =
  | { line: number; status: 'ok'; code: ActivationCode }
  | { line: number; status: 'blank' }
  | { line: number; status: 'invalid'; reason: 'format' }
  | { line: number; status: 'duplicate-in-file'; firstLine: number };

/**
 * Splits pasted text or a CSV upload into candidate codes, one per line (1-based line numbers).
 * CSV: the first cell of each line is the code (a header line such as `code` is reported invalid,
 * which the admin sees in the report). Quotes around a cell are removed.
 */
export function parseCodeLines(text: string, parse: (raw: string) => CodeParse = parseActivationCode): ImportLineResult[] {
  const out: ImportLineResult[] = [];
  const firstSeen = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  lines.forEach((rawLine, i) => {
    const line = i + 1;
    const cell = (rawLine.split(/[,;\t]/)[0] ?? '').trim().replace(/^"(.*)"$/, '$1');
    const parsed = parse(cell);
    if (!parsed.ok) {
      out.push(parsed.reason === 'empty' ? { line, status: 'blank' } : { line, status: 'invalid', reason: 'format' });
      return;
    }
    const seen = firstSeen.get(parsed.code);
    if (seen !== undefined) {
      out.push({ line, status: 'duplicate-in-file', firstLine: seen });
      return;
    }
    firstSeen.set(parsed.code, line);
    out.push({ line, status: 'ok', code: parsed.code });
  });
  return out;
}
