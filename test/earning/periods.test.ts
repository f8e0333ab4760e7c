import assert from 'node:assert/strict';
import {
  localDates,
  dateOfDayNumber, dayNumber, isoWeek, isValidTimeZone, localDate, monthOf, periodById, periodsBack, previousPeriod,
  startOfLocalDay, weekOf,
} from '../../lib/kernel/periods';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('earning: periods in the configured time zone', () => {
  describe('ISO week of a calendar date', () => {
    const table: [string, string][] = [
      ['2026-08-20', '2026-W34'],
      ['2026-08-17', '2026-W34'],
      ['2026-08-16', '2026-W33'],
      ['2026-01-01', '2026-W01'], // a Thursday: week 1 starts on 29 December 2025
      ['2025-12-29', '2026-W01'],
      ['2025-12-28', '2025-W52'],
      ['2026-12-31', '2026-W53'], // 2026 has 53 weeks
      ['2027-01-03', '2026-W53'],
      ['2027-01-04', '2027-W01'],
      ['2020-12-31', '2020-W53'],
      ['2021-01-01', '2020-W53'],
      ['2024-12-30', '2025-W01'],
      ['2032-12-31', '2032-W53'],
      ['2023-01-01', '2022-W52'],
    ];
    for (const [date, id] of table) {
      it(`${date} is in ${id}`, () => {
        const [year, month, day] = date.split('-').map(Number);
        const { weekYear, week } = isoWeek({ year, month, day });
        assert.equal(`${weekYear}-W${String(week).padStart(2, '0')}`, id);
      });
    }
  });

  describe('weeks and months of an instant', () => {
    const table: [string, string, string, string, string, string, string, string][] = [
      // instant, zone, week id, week start, week end, month id, month start, month end
      ['2026-08-16T21:30:00Z', 'Europe/Moscow', '2026-W34', '2026-08-16T21:00:00.000Z', '2026-08-23T21:00:00.000Z', '2026-08', '2026-07-31T21:00:00.000Z', '2026-08-31T21:00:00.000Z'],
      ['2026-08-16T21:30:00Z', 'UTC', '2026-W33', '2026-08-10T00:00:00.000Z', '2026-08-17T00:00:00.000Z', '2026-08', '2026-08-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z'],
      // month end in the zone: 31 August 23:59:59.999 Moscow is still August, one ms later is September
      ['2026-08-31T20:59:59.999Z', 'Europe/Moscow', '2026-W36', '2026-08-30T21:00:00.000Z', '2026-09-06T21:00:00.000Z', '2026-08', '2026-07-31T21:00:00.000Z', '2026-08-31T21:00:00.000Z'],
      ['2026-08-31T21:00:00.000Z', 'Europe/Moscow', '2026-W36', '2026-08-30T21:00:00.000Z', '2026-09-06T21:00:00.000Z', '2026-09', '2026-08-31T21:00:00.000Z', '2026-09-30T21:00:00.000Z'],
      // week 53 across New Year in Moscow
      ['2026-12-31T21:00:00Z', 'Europe/Moscow', '2026-W53', '2026-12-27T21:00:00.000Z', '2027-01-03T21:00:00.000Z', '2027-01', '2026-12-31T21:00:00.000Z', '2027-01-31T21:00:00.000Z'],
      // DST starts in Berlin on 29 March 2026: that week is one hour short
      ['2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-W13', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', '2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      // DST ends in New York on 1 November 2026
      ['2026-11-01T05:30:00Z', 'America/New_York', '2026-W44', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', '2026-11', '2026-11-01T04:00:00.000Z', '2026-12-01T05:00:00.000Z'],
      // a zone ahead of UTC by more than half a day
      ['2026-02-28T11:00:00Z', 'Pacific/Kiritimati', '2026-W09', '2026-02-22T10:00:00.000Z', '2026-03-01T10:00:00.000Z', '2026-03', '2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z'],
    ];
    for (const [instant, zone, wid, ws, we, mid, ms, me] of table) {
      it(`${instant} in ${zone}: ${wid}, ${mid}`, () => {
        const w = weekOf(at(instant), zone);
        assert.deepEqual([w.id, iso(w.start), iso(w.end)], [wid, ws, we]);
        const m = monthOf(at(instant), zone);
        assert.deepEqual([m.id, iso(m.start), iso(m.end)], [mid, ms, me]);
        assert.ok(w.start <= at(instant) && at(instant) < w.end);
      });
    }
  });

  describe('local midnight is the first instant of each day, every day, in zones with odd DST rules', () => {
    for (const zone of ['UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Tehran', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      it(zone, () => {
        const first = dayNumber({ year: 2025, month: 12, day: 1 });
        for (let n = first; n < first + 800; n++) {
          const date = dateOfDayNumber(n);
          const start = startOfLocalDay(date, zone);
          assert.deepEqual(localDate(start, zone), date, `${zone} ${JSON.stringify(date)}`);
          assert.deepEqual(localDate(start - 1, zone), dateOfDayNumber(n - 1), `${zone} before ${JSON.stringify(date)}`);
        }
      });
    }
  });

  it('consecutive weeks and months tile time without gaps (a year in Berlin)', () => {
    for (const kind of ['week', 'month'] as const) {
      let p = periodsBack(kind, at('2027-01-10T00:00:00Z'), 'Europe/Berlin', 0);
      for (let i = 0; i < 60; i++) {
        const prev = previousPeriod(p, 'Europe/Berlin');
        assert.equal(prev.end, p.start);
        assert.notEqual(prev.id, p.id);
        p = prev;
      }
    }
  });

  describe('period ids parse back', () => {
    for (const id of ['2026-W34', '2026-W53', '2027-W01', '2020-W53', '2026-08', '2026-12', '2027-01']) {
      it(id, () => assert.equal(periodById(id, 'Europe/Moscow')?.id, id));
    }
    for (const id of ['2027-W53', '2026-W00', '2026-13', '2026-00', 'W34', '2026-8']) {
      it(`${id} is refused`, () => assert.equal(periodById(id, 'Europe/Moscow'), undefined));
    }
  });

  it('knows valid zones', () => {
    assert.equal(isValidTimeZone('Europe/Moscow'), true);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
    assert.equal(isValidTimeZone(''), false);
  });

  it('localDates gives localDate\'s answer for every instant, across midnights, DST changes and an offset of odd seconds', () => {
    const cases: [string, number][] = [
      ['Europe/Moscow', Date.parse('2026-11-01T20:58:00Z')],
      ['America/New_York', Date.parse('2026-03-08T06:58:00Z')],
      ['America/New_York', Date.parse('2026-11-01T03:58:00Z')],
      // Liberia kept UTC−0:44:30 until 1972: its midnight falls half-way through a UTC minute
      ['Africa/Monrovia', Date.parse('1971-06-01T00:43:00Z')],
    ];
    for (const [zone, start] of cases) {
      const cached = localDates();
      for (let ms = start; ms < start + 4 * 60_000; ms += 7_500) {
        for (const t of [ms, ms + 29_999, ms + 30_000]) assert.deepEqual(cached(t, zone), localDate(t, zone), `${zone} ${new Date(t).toISOString()}`);
      }
    }
  });
});
