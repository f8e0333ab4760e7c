/**
 * Dates and times as members read them: in the club's configured time zone, in the page language's
 * format (`Intl.DateTimeFormat`), never ISO UTC; and period ids (`2026-W36`, `2026-08`), which are
 * storage keys, as the dates they stand for ("31 Aug – 6 Sep 2026", "August 2026"). Pure: the
 * instant, the language and the zone are parameters.
 */
import { dateOfDayNumber, dayNumber, type LocalDate } from './periods';

const cache = new Map<string, Intl.DateTimeFormat>();
/** Noon UTC of a calendar day: the instant that formats as that day in UTC. */
const noon = (d: LocalDate) => dayNumber(d) * 86_400_000 + 43_200_000;

function locale(lang: string): string {
  try {
    return Intl.getCanonicalLocales(String(lang || 'en-GB').replace(/_/g, '-'))[0] ?? 'en-GB';
  } catch {
    return 'en-GB';
  }
}

function zone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function format(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), options);
    cache.set(key, f);
  }
  return f;
}

/** "3 Sept 2026, 14:05" / "3 сент. 2026 г., 14:05": the minute, in the club's zone. */
export function dateTimeText(ms: number, lang: string, timeZone: string): string {
  return format(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone(timeZone) }).format(ms);
}

/** "3 Sept 2026" / "3 сент. 2026 г.": the day, in the club's zone. */
export function dateText(ms: number, lang: string, timeZone: string): string {
  return format(lang, { dateStyle: 'medium', timeZone: zone(timeZone) }).format(ms);
}

/** A calendar day (a loan's last day) as the language writes it. */
export function dayText(day: LocalDate, lang: string): string {
  return format(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(noon(day));
}

/** The zone's name for a CSV header or a note: "Europe/Moscow (UTC+03:00)". */
export function zoneText(ms: number, timeZone: string): string {
  const tz = zone(timeZone);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return offset && offset !== 'GMT' ? `${tz} (${offset.replace('GMT', 'UTC')})` : `${tz} (UTC)`;
}

/**
 * A period id as its dates: a week "31 Aug – 6 Sep 2026" (the Monday to the Sunday), a month
 * "August 2026". The kind is given by the caller's wording ("week of …"). An id that is not a period
 * comes back as it is.
 */
export function periodText(id: string, lang: string): { kind: 'week' | 'month' | null; text: string } {
  const week = /^(\d{4})-W(\d{2})$/.exec(id);
  if (week) {
    const jan4 = dayNumber({ year: Number(week[1]), month: 1, day: 4 });
    const monday = jan4 - (((jan4 + 3) % 7 + 7) % 7) + (Number(week[2]) - 1) * 7;
    const f = format(lang, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    // ICU puts thin spaces around the dash: plain ones wrap and search like the rest of the page
    return { kind: 'week', text: f.formatRange(noon(dateOfDayNumber(monday)), noon(dateOfDayNumber(monday + 6))).replace(/[\u2009\u202f]/g, ' ') };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const text = format(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(noon({ year: Number(month[1]), month: Number(month[2]), day: 15 }));
    return { kind: 'month', text };
  }
  return { kind: null, text: id };
}
