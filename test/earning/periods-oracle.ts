/**
 * THE TEST ORACLE for lib/kernel/periods.ts: the hand-written Intl version that periods.ts had before
 * it moved to Luxon (issue 12, item 5), kept unchanged so that a property test compares the two.
 * Calendar periods in the forum's configured IANA time zone (PROGRAM §2: weekly and monthly top-3).
 *
 * Pure: instants are parameters (ms since the epoch); the zone's rules come from Intl (Node ships
 * full ICU). A period is half-open: `start <= t < end`. Period ids are stable keys for storage and
 * idempotency: ISO weeks `2026-W34` (week-year, which differs from the calendar year around New Year)
 * and months `2026-08`.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export type PeriodKind = 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** `2026-W34` or `2026-08` */
  id: string;
  /** First instant of the period (local midnight), inclusive. */
  start: number;
  /** First instant of the next period, exclusive. */
  end: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (settings validation). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time of an instant in the zone. */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  return {
    year, month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
  };
}

export function localDate(ms: number, timeZone: string): LocalDate {
  const { year, month, day } = localDateTime(ms, timeZone);
  return { year, month, day };
}

/** The zone's offset from UTC at an instant, in ms (Moscow: +3 h). Seconds-precision. */
function offsetAt(ms: number, timeZone: string): number {
  const l = localDateTime(ms, timeZone);
  const asUtc = dayNumber(l) * DAY_MS + ((l.hour * 60 + l.minute) * 60 + l.second) * 1000;
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The first instant of a local calendar date in the zone (local midnight). Where midnight does not
 * exist (a DST jump at 00:00), the first instant that does is returned.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const wall = dayNumber(date) * DAY_MS;
  let t = wall - offsetAt(wall, timeZone);
  // The offset may change between the guess and the result (DST); two corrections settle it.
  for (let i = 0; i < 2; i++) {
    const next = wall - offsetAt(t, timeZone);
    if (next === t) break;
    t = next;
  }
  // A jump over midnight leaves t on the previous local day: move to the first instant of `date`.
  const got = localDate(t, timeZone);
  if (dayNumber(got) < dayNumber(date)) {
    const off = offsetAt(t + DAY_MS / 2, timeZone);
    t = wall - off;
    while (dayNumber(localDate(t - 60_000, timeZone)) >= dayNumber(date)) t -= 60_000;
  }
  return t;
}

/** Days since 1970-01-01 of a calendar date, proleptic Gregorian (H. Hinnant's days_from_civil). */
export function dayNumber(date: LocalDate): number {
  const { month: m, day: d } = date;
  const y = m <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (H. Hinnant's civil_from_days). */
export function dateOfDayNumber(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): { weekYear: number; week: number } {
  const n = dayNumber(date);
  const weekday = ((n + 3) % 7 + 7) % 7 + 1; // 1970-01-01 was a Thursday (4); Monday = 1
  const thursday = n - weekday + 4;
  const weekYear = dateOfDayNumber(thursday).year;
  const jan1 = dayNumber({ year: weekYear, month: 1, day: 1 });
  return { weekYear, week: Math.floor((thursday - jan1) / 7) + 1 };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function weekId(weekYear: number, week: number): string {
  return `${weekYear}-W${pad(week)}`;
}

export function monthId(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

/** The ISO week holding the instant, in the zone. */
export function weekOf(ms: number, timeZone: string): Period {
  const date = localDate(ms, timeZone);
  const { weekYear, week } = isoWeek(date);
  const n = dayNumber(date);
  const monday = n - (((n + 3) % 7 + 7) % 7);
  return {
    kind: 'week',
    id: weekId(weekYear, week),
    start: startOfLocalDay(dateOfDayNumber(monday), timeZone),
    end: startOfLocalDay(dateOfDayNumber(monday + 7), timeZone),
  };
}

/** The calendar month holding the instant, in the zone. */
export function monthOf(ms: number, timeZone: string): Period {
  const { year, month } = localDate(ms, timeZone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    kind: 'month',
    id: monthId(year, month),
    start: startOfLocalDay({ year, month, day: 1 }, timeZone),
    end: startOfLocalDay({ ...next, day: 1 }, timeZone),
  };
}

export function periodOf(kind: PeriodKind, ms: number, timeZone: string): Period {
  return kind === 'week' ? weekOf(ms, timeZone) : monthOf(ms, timeZone);
}

/** The period just before the given one (the one a job pays out once it has ended). */
export function previousPeriod(period: Period, timeZone: string): Period {
  return periodOf(period.kind, period.start - 1, timeZone);
}

/** The period holding the instant, or the one `back` periods before it (leaderboard history). */
export function periodsBack(kind: PeriodKind, ms: number, timeZone: string, back: number): Period {
  let p = periodOf(kind, ms, timeZone);
  for (let i = 0; i < back; i++) p = previousPeriod(p, timeZone);
  return p;
}

/** Parses a period id back into its period (`2026-W34`, `2026-08`); undefined when malformed. */
export function periodById(id: string, timeZone: string): Period | undefined {
  let m = /^(\d{4})-W(\d{2})$/.exec(id);
  if (m) {
    const weekYear = Number(m[1]);
    const week = Number(m[2]);
    // The Monday of week 1 is the Monday of the week holding 4 January.
    const jan4 = dayNumber({ year: weekYear, month: 1, day: 4 });
    const monday1 = jan4 - (((jan4 + 3) % 7 + 7) % 7);
    const monday = monday1 + (week - 1) * 7;
    const p = weekOf(startOfLocalDay(dateOfDayNumber(monday), timeZone), timeZone);
    return week >= 1 && p.id === id ? p : undefined;
  }
  m = /^(\d{4})-(\d{2})$/.exec(id);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return monthOf(startOfLocalDay({ year: Number(m[1]), month, day: 1 }, timeZone), timeZone);
  }
  return undefined;
}
