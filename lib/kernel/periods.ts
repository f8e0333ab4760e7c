/**
 * Calendar periods in the forum's configured IANA time zone (PROGRAM §2: weekly and monthly top-3).
 *
 * Pure: instants are parameters (ms since the epoch). Zones, ISO weeks and month arithmetic are
 * Luxon's (which reads the zones' rules from Intl; Node ships full ICU); the hand-written version
 * this replaced is kept in test/earning/periods-oracle.ts as the tests' oracle. A period is half-open: `start <= t < end`. Period ids are stable keys for storage and
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

import { DateTime, IANAZone } from 'luxon';


/** Luxon's zone object for an IANA name (created once per name; Luxon caches them). */
function zone(timeZone: string): IANAZone {
  const z = IANAZone.create(timeZone);
  if (!z.isValid) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  return z;
}

const inZone = (ms: number, timeZone: string): DateTime => DateTime.fromMillis(ms, { zone: zone(timeZone) });
const utcDate = (date: LocalDate): DateTime => DateTime.utc(date.year, date.month, date.day);
const toLocalDate = (d: DateTime): LocalDate => ({ year: d.year, month: d.month, day: d.day });

/** True when the zone is a known IANA zone (settings validation). */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && timeZone !== '' && IANAZone.isValidZone(timeZone);
}

/** The wall-clock date and time of an instant in the zone. */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  const d = inZone(ms, timeZone);
  return { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: d.second };
}

export function localDate(ms: number, timeZone: string): LocalDate {
  return toLocalDate(inZone(ms, timeZone));
}

const MINUTE_MS = 60_000;

/**
 * localDate for many instants in a row (the economy's entries, a settlement page): the date of the
 * last minute asked is kept when the whole minute falls on one date in the zone (checked at its
 * first and last millisecond, so an offset of odd seconds is still exact), so instants of the same
 * minute cost no zone computation (issue 14: Luxon's zone arithmetic was a visible share of the
 * settlement job's CPU).
 */
export function localDates(): (ms: number, timeZone: string) => LocalDate {
  let kept: { zone: string; minute: number; date: LocalDate } | null = null;
  return (ms, timeZone) => {
    const minute = Math.floor(ms / MINUTE_MS);
    if (kept && kept.zone === timeZone && kept.minute === minute) return kept.date;
    const first = localDate(minute * MINUTE_MS, timeZone);
    const last = localDate(minute * MINUTE_MS + MINUTE_MS - 1, timeZone);
    if (first.year !== last.year || first.month !== last.month || first.day !== last.day) return localDate(ms, timeZone);
    kept = { zone: timeZone, minute, date: first };
    return first;
  };
}

/**
 * The first instant of a local calendar date in the zone (local midnight). Where midnight does not
 * exist (a DST jump at 00:00), the first instant that does is returned; where it exists twice, the
 * earlier one.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const z = zone(timeZone);
  let t = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: z }).toMillis();
  // Luxon resolves an ambiguous wall time to one of its two instants; step back while the previous
  // instant (an hour earlier at most) is still on the same date, so the result is the day's first.
  const dayOf = (ms: number) => dayNumber(toLocalDate(DateTime.fromMillis(ms, { zone: z })));
  const n = dayNumber(date);
  if (dayOf(t) > n) t = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour: 1 }, { zone: z }).toMillis();
  for (let step = 3_600_000; step >= 60_000; step /= 60) {
    while (dayOf(t - step) >= n) t -= step;
  }
  return t;
}

/*
 * Plain calendar arithmetic on dates without a zone stays integer arithmetic: it runs in tight loops
 * (birthday windows, day indexes), where a Luxon object per call cost 30–60× as much CPU.
 */

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

/**
 * A calendar date moved by whole months, the day clamped to the target month's length (31 Jan + 1 =
 * 28/29 Feb). The one month arithmetic of the plugin (loans' due dates, birthday windows); instants
 * use addMonthsUtc (Luxon), which the oracle test checks against this.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** An instant moved by whole calendar months in UTC, the day clamped to the target month's length. */
export function addMonthsUtc(ms: number, months: number): number {
  return DateTime.fromMillis(ms, { zone: 'utc' }).plus({ months }).toMillis();
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): { weekYear: number; week: number } {
  const d = utcDate(date);
  return { weekYear: d.weekYear, week: d.weekNumber };
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
  return periodOf('week', ms, timeZone);
}

function computeWeek(ms: number, timeZone: string): Period {
  const date = localDate(ms, timeZone);
  const { weekYear, week } = isoWeek(date);
  const monday = utcDate(date).startOf('week');
  return {
    kind: 'week',
    id: weekId(weekYear, week),
    start: startOfLocalDay(toLocalDate(monday), timeZone),
    end: startOfLocalDay(toLocalDate(monday.plus({ weeks: 1 })), timeZone),
  };
}

/** The calendar month holding the instant, in the zone. */
export function monthOf(ms: number, timeZone: string): Period {
  return periodOf('month', ms, timeZone);
}

function computeMonth(ms: number, timeZone: string): Period {
  const { year, month } = localDate(ms, timeZone);
  const next = DateTime.utc(year, month).plus({ months: 1 });
  return {
    kind: 'month',
    id: monthId(year, month),
    start: startOfLocalDay({ year, month, day: 1 }, timeZone),
    end: startOfLocalDay({ year: next.year, month: next.month, day: 1 }, timeZone),
  };
}

/**
 * The last period computed per kind and zone: every post asks for the current week and month, and
 * an instant inside the last answer needs no zone arithmetic. A copy is returned (callers own it).
 */
const lastPeriod = new Map<string, Period>();

export function periodOf(kind: PeriodKind, ms: number, timeZone: string): Period {
  const cacheKey = `${kind} ${timeZone}`;
  const last = lastPeriod.get(cacheKey);
  if (last && last.start <= ms && ms < last.end) return { ...last };
  const p = kind === 'week' ? computeWeek(ms, timeZone) : computeMonth(ms, timeZone);
  lastPeriod.set(cacheKey, p);
  return { ...p };
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
    const d = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: 'utc' });
    if (!d.isValid || d.weekYear !== Number(m[1]) || d.weekNumber !== Number(m[2])) return undefined;
    const p = weekOf(startOfLocalDay(toLocalDate(d), timeZone), timeZone);
    return p.id === id ? p : undefined;
  }
  m = /^(\d{4})-(\d{2})$/.exec(id);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    return monthOf(startOfLocalDay({ year: Number(m[1]), month, day: 1 }, timeZone), timeZone);
  }
  return undefined;
}
