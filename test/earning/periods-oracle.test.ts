import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as luxon from '../../lib/kernel/periods';
import * as oracle from './periods-oracle';

/**
 * periods.ts runs on Luxon; the hand-written Intl version it replaced (periods-oracle.ts) is the
 * oracle: for random instants in zones with odd rules (DST at midnight, half-hour offsets, +14 h),
 * both give the same dates, weeks, months and period boundaries.
 */
const ZONES = ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana',
  'Asia/Tehran', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Asia/Beirut', 'America/Sao_Paulo'];
const instant = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2045-12-31T00:00:00Z') });
const zone = fc.constantFrom(...ZONES);
const date = fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter((d) => d.day <= oracle.daysInMonth(d.year, d.month)).map((d) => ({ ...d }));
/** Zone rules are compared from 1970 on (tzdata does not promise older history; Moscow's 1918 had +2:31:19). */
const zonedDate = date.filter((d) => d.year >= 1970);

describe('earning: periods on Luxon agree with the hand-written oracle', () => {
  it('local dates and times, weeks and months of an instant', () => {
    fc.assert(fc.property(instant, zone, (ms, tz) => {
      assert.deepEqual(luxon.localDateTime(ms, tz), oracle.localDateTime(ms, tz));
      for (const kind of ['week', 'month'] as const) {
        const p = luxon.periodOf(kind, ms, tz);
        const o = oracle.periodOf(kind, ms, tz);
        assert.equal(p.id, o.id);
        assert.ok(p.start <= ms && ms < p.end);
        assert.equal(luxon.previousPeriod(p, tz).end, p.start);
        // Boundaries agree wherever the oracle keeps its contract (see below).
        const keeps = (t: number) => oracle.dayNumber(oracle.localDate(t, tz)) !== oracle.dayNumber(oracle.localDate(t - 1, tz));
        if (keeps(o.start)) assert.equal(p.start, o.start);
        if (keeps(o.end)) assert.equal(p.end, o.end);
      }
    }), { numRuns: 3000 });
  });

  it('the first instant of a local day, and period ids parsed back', () => {
    fc.assert(fc.property(zonedDate, zone, (d, tz) => {
      // Luxon's answer always keeps the contract: on the date, and the instant before is not.
      const start = luxon.startOfLocalDay(d, tz);
      assert.deepEqual(luxon.localDate(start, tz), d, `${JSON.stringify(d)} ${tz}`);
      assert.ok(luxon.dayNumber(luxon.localDate(start - 1, tz)) < luxon.dayNumber(d), `${JSON.stringify(d)} ${tz}`);
      // The oracle agrees wherever it keeps its own contract (it does not in a few midnight DST jumps
      // of the past: Beirut on 28 March 1993, where it answered 23:00 of the day before; Tehran on
      // 5 August 1978, whose midnight came twice, where it answered the second one).
      const old = oracle.startOfLocalDay(d, tz);
      const keepsContract = oracle.dayNumber(oracle.localDate(old, tz)) === oracle.dayNumber(d) && oracle.dayNumber(oracle.localDate(old - 1, tz)) < oracle.dayNumber(d);
      if (keepsContract) assert.equal(start, old, `${JSON.stringify(d)} ${tz}`);
      const w = oracle.isoWeek(d);
      assert.deepEqual(luxon.isoWeek(d), w);
      const id = oracle.weekId(w.weekYear, w.week);
      const p = luxon.periodById(id, tz);
      assert.equal(p?.id, id);
      // The oracle lost some weeks whose Monday starts with a DST jump at midnight (Tehran, 22 March
      // 1993 and 21 March 2016: it answered undefined); where it answers, the boundaries agree.
      const o = oracle.periodById(id, tz);
      for (const [t, old] of [[p!.start, o?.start], [p!.end, o?.end]] as [number, number | undefined][]) {
        assert.ok(luxon.dayNumber(luxon.localDate(t - 1, tz)) < luxon.dayNumber(luxon.localDate(t, tz)));
        if (old !== undefined && oracle.dayNumber(oracle.localDate(old, tz)) !== oracle.dayNumber(oracle.localDate(old - 1, tz))) assert.equal(t, old);
      }
    }), { numRuns: 3000 });
  });

  it('calendar arithmetic: day numbers, month lengths, leap years', () => {
    fc.assert(fc.property(date, fc.integer({ min: -400, max: 400 }), (d, months) => {
      assert.equal(luxon.dayNumber(d), oracle.dayNumber(d));
      assert.deepEqual(luxon.dateOfDayNumber(oracle.dayNumber(d)), d);
      assert.equal(luxon.daysInMonth(d.year, d.month), oracle.daysInMonth(d.year, d.month));
      assert.equal(luxon.isLeapYear(d.year), oracle.isLeapYear(d.year));
      const moved = luxon.addMonths(d, months);
      const index = d.year * 12 + d.month - 1 + months;
      assert.deepEqual(moved, { year: Math.floor(index / 12), month: (index % 12 + 12) % 12 + 1, day: Math.min(d.day, oracle.daysInMonth(Math.floor(index / 12), (index % 12 + 12) % 12 + 1)) });
      // Instants: Luxon's month arithmetic in UTC agrees with the date arithmetic at any time of day.
      const ms = oracle.dayNumber(d) * 86_400_000 + 12_345_678;
      assert.equal(luxon.addMonthsUtc(ms, months), oracle.dayNumber(moved) * 86_400_000 + 12_345_678);
    }), { numRuns: 3000 });
  });

  it('refuses what the oracle refuses: malformed ids and unknown zones', () => {
    for (const id of ['2027-W53', '2026-W00', '2026-W54', '2026-13', '2026-00', 'W34', '2026-8', '2026-W5']) {
      assert.equal(luxon.periodById(id, 'Europe/Moscow'), oracle.periodById(id, 'Europe/Moscow'), id);
    }
    for (const tz of ['Europe/Moscow', 'Mars/Olympus', '', 'UTC', 'Etc/GMT+3', 'europe/moscow']) {
      assert.equal(luxon.isValidTimeZone(tz), oracle.isValidTimeZone(tz), tz);
    }
  });
});
