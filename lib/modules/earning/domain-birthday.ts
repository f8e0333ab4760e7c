/**
 * The birthday gift (PROGRAM §2): once per year, inside a window from N months before to M months
 * after the birthday (default 1 and 1), only for members who set a birthday.
 *
 * Pure, on local calendar dates (the caller converts "now" into the forum's zone).
 *
 * Rules chosen here:
 * - The window is measured in calendar months from the birthday's date, both ends inclusive:
 *   birthday 15 August → 15 July … 15 September. A day that does not exist in the target month is
 *   clamped to the month's last day (31 March − 1 month = 28/29 February).
 * - A 29 February birthday falls on 28 February in years without one.
 * - The "gift year" is the year of the birthday the window surrounds (a window around 10 January
 *   opens on 10 December of the year before); the ledger key is `birthday:{uid}:{giftYear}`, so a
 *   member who changes their birthday cannot be paid twice for the same year.
 * - Windows of one member never overlap (before + after ≤ 11 months, enforced by the settings).
 */
import { addMonths, dateOfDayNumber, dayNumber, daysInMonth, type LocalDate } from '../../kernel/periods';

export interface MonthDay {
  month: number;
  day: number;
}

export interface BirthdayWindow {
  giftYear: number;
  /** First day of the window, inclusive. */
  first: LocalDate;
  /** Last day of the window, inclusive. */
  last: LocalDate;
}

/** `YYYY-MM-DD` (current themes) or `MM/DD/YYYY` (old data); null for anything else or impossible dates. */
export function parseBirthday(raw: unknown): MonthDay | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!m) return null;
    [month, day, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (month < 1 || month > 12 || day < 1) return null;
  // Validate against the stated year when there is one (29 February 2001 is not a date).
  if (day > daysInMonth(year > 0 ? year : 2000, month)) return null;
  return { month, day };
}

/** The `MM-DD` index key of a birthday (`bonus:birthdays` sorted by it). */
export function monthDayKey(b: MonthDay): string {
  return `${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

/** The date the birthday falls on in a year (29 February → 28 February in common years). */
export function birthdayInYear(b: MonthDay, year: number): LocalDate {
  return { year, month: b.month, day: Math.min(b.day, daysInMonth(year, b.month)) };
}

export function birthdayWindow(b: MonthDay, giftYear: number, monthsBefore: number, monthsAfter: number): BirthdayWindow {
  const date = birthdayInYear(b, giftYear);
  return { giftYear, first: addMonths(date, -monthsBefore), last: addMonths(date, monthsAfter) };
}

/** The gift year whose window holds `today`, or null when today is outside every window. */
export function giftYearOn(b: MonthDay, today: LocalDate, monthsBefore: number, monthsAfter: number): number | null {
  const t = dayNumber(today);
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const w = birthdayWindow(b, year, monthsBefore, monthsAfter);
    if (dayNumber(w.first) <= t && t <= dayNumber(w.last)) return year;
  }
  return null;
}

/**
 * The `MM-DD` keys whose windows hold `today`: the birthday job reads only these members from the
 * index instead of scanning every member. Over-inclusive by design (every key within the window's
 * reach); `giftYearOn` decides exactly.
 */
export function monthDayKeysAround(today: LocalDate, monthsBefore: number, monthsAfter: number): string[] {
  const keys = new Set<string>();
  // A birthday whose window holds today lies between today − after and today + before (in months);
  // clamping a window's first day to a shorter month (31 March − 1 month = 28 February) reaches up
  // to 3 days further, hence the margin.
  const from = dayNumber(addMonths(today, -monthsAfter)) - 3;
  const to = dayNumber(addMonths(today, monthsBefore)) + 3;
  for (let n = from; n <= to; n++) {
    keys.add(monthDayKey(dateOfDayNumber(n)));
  }
  // 29 February birthdays are celebrated on 28 February in common years.
  if (keys.has('02-28')) keys.add('02-29');
  return [...keys].sort();
}

export { birthdayKey } from './ledger-keys';

/**
 * The day (a day number) the birthday job should next look at a member: today while one of their
 * windows holds today, else the day their next window opens (the job's due index, issue 13 item 6).
 */
export function nextLookDay(b: MonthDay, today: LocalDate, monthsBefore: number, monthsAfter: number): number {
  const t = dayNumber(today);
  if (giftYearOn(b, today, monthsBefore, monthsAfter) !== null) return t;
  const opens = [today.year - 1, today.year, today.year + 1, today.year + 2]
    .map((y) => dayNumber(birthdayWindow(b, y, monthsBefore, monthsAfter).first))
    .filter((d) => d > t);
  return Math.min(...opens);
}

/** After the gift of `giftYear` (paid now or before): the day the next year's window opens. */
export function lookDayAfterGift(b: MonthDay, giftYear: number, monthsBefore: number, monthsAfter: number): number {
  return dayNumber(birthdayWindow(b, giftYear + 1, monthsBefore, monthsAfter).first);
}
