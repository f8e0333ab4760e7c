/**
 * Member licences (issue 19), the pure rules: which refusal an added code meets, how a code is shown
 * masked, the seats line ("on 2 of 3 accounts") and which expiry reminders are due.
 *
 * The licence registry is the module's own, not retail's: retail's registry answers one question
 * (is this box code a known sale of a retail product, yes/no) while a licence needs product, seats and
 * expiry per code, and the two lists are imported and blacklisted by different people for different
 * programmes. Codes are parsed the same way though: retail's `normaliseBoxCode` (any case, hyphens
 * optional, blanks ignored), reached through retail's index by the service that calls `decideAdd`.
 *
 * Time is a parameter (epoch milliseconds); nothing here reads a clock or the database.
 */

/** One registry entry: the product it activates, how many accounts may hold it, when it expires. */
export interface RegistryEntry {
  product: string;
  seats: number;
  /** Epoch ms; absent when the expiry is unknown. */
  expiresAt?: number;
  /** The licence term in months (1 year = 12), when the vendor's list gives it. */
  termMonths?: number;
}

/** Refusals of an added code, each with its own message `bonus:error.licences.{code}`. */
export const ADD_REFUSALS = [
  'malformed', 'blacklisted', 'expired', 'seats-used', 'already-held', 'unknown-code', 'cycling-limit',
] as const;
export type AddRefusal = (typeof ADD_REFUSALS)[number];

export interface AddContext {
  /** The code normalised, or null when it is not 4×5. */
  code: string | null;
  blacklisted: boolean;
  entry: RegistryEntry | null;
  /** Accounts holding the code now (not counting this member). */
  holders: number;
  heldByMember: boolean;
  /** Setting: a code the registry does not know is accepted as "unverified" (true) or refused. */
  acceptUnknown: boolean;
  /** Adds and removes of this code by this member in the cycling window, and the setting's limit (0 = none). */
  recentCycles: number;
  cyclingLimit: number;
  now: number;
}

export type AddDecision =
  | { ok: true; verified: boolean }
  | { ok: false; refusal: AddRefusal; seats?: number };

/**
 * The order of the checks is the order a member can act on: a malformed code first, then what is
 * true of the code for everyone (blacklisted, expired, unknown), then of this member, then the seats.
 * A "seats used" refusal carries only the seat count, never who holds them.
 */
export function decideAdd(c: AddContext): AddDecision {
  if (c.code === null) return { ok: false, refusal: 'malformed' };
  if (c.blacklisted) return { ok: false, refusal: 'blacklisted' };
  if (c.entry && c.entry.expiresAt !== undefined && c.entry.expiresAt <= c.now) return { ok: false, refusal: 'expired' };
  if (!c.entry && !c.acceptUnknown) return { ok: false, refusal: 'unknown-code' };
  if (c.heldByMember) return { ok: false, refusal: 'already-held' };
  if (c.cyclingLimit > 0 && c.recentCycles >= c.cyclingLimit) return { ok: false, refusal: 'cycling-limit' };
  if (c.entry && c.holders >= c.entry.seats) return { ok: false, refusal: 'seats-used', seats: c.entry.seats };
  return { ok: true, verified: c.entry !== null };
}

/** The code as shown by default: only the last block, e.g. "•••••-•••••-•••••-PQRST". */
export function maskCode(code: string): string {
  const blocks = code.split('-');
  return blocks.map((b, i) => (i === blocks.length - 1 ? b : '•'.repeat(b.length))).join('-');
}

/** Days before expiry at which a reminder is sent, largest first, duplicates and non-positive days dropped. */
export function reminderDays(setting: readonly number[]): number[] {
  return [...new Set(setting.filter((d) => Number.isInteger(d) && d > 0))].sort((a, b) => b - a);
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The reminder due now for a licence expiring at `expiresAt`: the smallest configured day count whose
 * moment has passed while the licence is still valid, or null. Sending is once per (licence, days),
 * so a job that ran late sends only the nearest reminder, not both.
 */
export function dueReminder(expiresAt: number, now: number, days: readonly number[], sent: ReadonlySet<number>): number | null {
  if (expiresAt <= now) return null;
  const due = reminderDays(days).filter((d) => expiresAt - d * DAY <= now);
  if (due.length === 0) return null;
  const nearest = due[due.length - 1];
  return sent.has(nearest) ? null : nearest;
}

/** The key that makes one reminder happen once: licence holder, code and day count. */
export const reminderKey = (uid: number, code: string, days: number): string => `${uid}:${code}:${days}`;

/** The reasons one registry import line is refused, each with its message `bonus:licences.import.{reason}`. */
export const IMPORT_LINE_ERRORS = ['columns', 'code', 'product', 'seats', 'expiry', 'term', 'duplicate'] as const;
export type ImportLineError = (typeof IMPORT_LINE_ERRORS)[number];

export type ImportLine =
  | { line: number; ok: true; code: string; entry: RegistryEntry }
  | { line: number; ok: false; error: ImportLineError };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The last millisecond of a calendar day yyyy-mm-dd, UTC, or null when it is no such day (civil-date arithmetic, no clock). */
function endOfDayUtc(s: string): number | null {
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const inMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (inMonth === undefined || d < 1 || d > inMonth) return null;
  // Days since 1970-01-01 (H. Hinnant's days_from_civil).
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return (days + 1) * DAY - 1;
}

/**
 * One registry import, line by line: `code;product;seats[;expiry yyyy-mm-dd[;term in months]]` (a tab or a comma may
 * separate instead, when the line has no `;`), each line reported on its own so that one bad line of 100,000 refuses only itself; a
 * code seen twice in one import is refused on its later lines. `normalise` is the shared 4×5 rule.
 * The expiry is the end of that day, UTC.
 */
export function parseRegistryLines(text: string, normalise: (raw: string) => string | null): ImportLine[] {
  const seen = new Set<string>();
  const out: ImportLine[] = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = i + 1;
    const raw = rawLine.trim();
    if (raw === '') return;
    // one separator per line, the first kind present: a product name may hold commas when `;` or tabs separate
    const sep = raw.includes(';') ? ';' : raw.includes('\t') ? '\t' : ',';
    const cols = raw.split(sep).map((c) => c.trim());
    if (cols.length < 3 || cols.length > 5) { out.push({ line, ok: false, error: 'columns' }); return; }
    const code = normalise(cols[0]);
    if (code === null) { out.push({ line, ok: false, error: 'code' }); return; }
    const product = cols[1];
    if (product === '' || product.length > 200) { out.push({ line, ok: false, error: 'product' }); return; }
    const seats = /^\d{1,6}$/.test(cols[2]) ? Number(cols[2]) : 0;
    if (seats < 1) { out.push({ line, ok: false, error: 'seats' }); return; }
    let expiresAt: number | undefined;
    if (cols[3] !== undefined && cols[3] !== '') {
      const at = endOfDayUtc(cols[3]);
      if (at === null) { out.push({ line, ok: false, error: 'expiry' }); return; }
      expiresAt = at;
    }
    let termMonths: number | undefined;
    if (cols[4] !== undefined && cols[4] !== '') {
      termMonths = /^\d{1,3}$/.test(cols[4]) ? Number(cols[4]) : 0;
      if (termMonths < 1 || termMonths > 120) { out.push({ line, ok: false, error: 'term' }); return; }
    }
    if (seen.has(code)) { out.push({ line, ok: false, error: 'duplicate' }); return; }
    seen.add(code);
    out.push({ line, ok: true, code, entry: { product, seats, ...(expiresAt !== undefined ? { expiresAt } : {}), ...(termMonths !== undefined ? { termMonths } : {}) } });
  });
  return out;
}
