import assert from 'node:assert/strict';
import { birthdayKey, birthdayWindow, giftYearOn, monthDayKey, monthDayKeysAround, parseBirthday, type MonthDay } from '../../lib/modules/earning/domain-birthday';
import { addMonths, dateOfDayNumber, dayNumber, type LocalDate } from '../../lib/kernel/periods';

const d = (s: string): LocalDate => {
  const [year, month, day] = s.split('-').map(Number);
  return { year, month, day };
};
const fmt = (x: LocalDate) => `${x.year}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;

describe('earning: birthday gift', () => {
  describe('parsing both stored formats', () => {
    const table: [string, MonthDay | null][] = [
      ['1990-08-15', { month: 8, day: 15 }],
      ['08/15/1990', { month: 8, day: 15 }],
      ['1990-8-5', { month: 8, day: 5 }],
      ['8/5/1990', { month: 8, day: 5 }],
      [' 1992-02-29 ', { month: 2, day: 29 }],
      ['02/29/2000', { month: 2, day: 29 }],
      ['1991-02-29', null],
      ['02/29/1900', null],
      ['1990-04-31', null],
      ['1990-13-01', null],
      ['1990-00-10', null],
      ['15/08/1990', null],
      ['15.08.1990', null],
      ['', null],
      ['yesterday', null],
    ];
    for (const [raw, expected] of table) it(JSON.stringify(raw), () => assert.deepEqual(parseBirthday(raw), expected));
    it('non-strings', () => {
      assert.equal(parseBirthday(undefined), null);
      assert.equal(parseBirthday(19900815), null);
    });
  });

  describe('windows (1 month before, 1 month after, both days inclusive)', () => {
    const table: [MonthDay, number, string, string][] = [
      [{ month: 8, day: 15 }, 2026, '2026-07-15', '2026-09-15'],
      [{ month: 1, day: 10 }, 2026, '2025-12-10', '2026-02-10'],
      [{ month: 12, day: 31 }, 2026, '2026-11-30', '2027-01-31'],
      [{ month: 3, day: 31 }, 2026, '2026-02-28', '2026-04-30'],
      [{ month: 3, day: 31 }, 2028, '2028-02-29', '2028-04-30'],
      [{ month: 2, day: 29 }, 2027, '2027-01-28', '2027-03-28'], // celebrated on 28 February
      [{ month: 2, day: 29 }, 2028, '2028-01-29', '2028-03-29'],
      [{ month: 1, day: 31 }, 2026, '2025-12-31', '2026-02-28'],
    ];
    for (const [b, year, first, last] of table) {
      it(`${monthDayKey(b)} in ${year}: ${first} … ${last}`, () => {
        const w = birthdayWindow(b, year, 1, 1);
        assert.deepEqual([fmt(w.first), fmt(w.last)], [first, last]);
      });
    }
  });

  describe('which gift year a day belongs to', () => {
    const table: [MonthDay, string, number | null][] = [
      [{ month: 8, day: 15 }, '2026-08-15', 2026],
      [{ month: 8, day: 15 }, '2026-09-15', 2026], // last day of the window
      [{ month: 8, day: 15 }, '2026-09-16', null],
      [{ month: 8, day: 15 }, '2026-07-15', 2026],
      [{ month: 8, day: 15 }, '2026-07-14', null],
      [{ month: 1, day: 10 }, '2025-12-10', 2026], // window opens the year before
      [{ month: 1, day: 10 }, '2025-12-09', null],
      [{ month: 12, day: 31 }, '2027-01-31', 2026], // and closes the year after
      [{ month: 12, day: 31 }, '2027-02-01', null],
      [{ month: 2, day: 29 }, '2027-03-28', 2027],
      [{ month: 2, day: 29 }, '2027-03-29', null],
      [{ month: 2, day: 29 }, '2028-03-29', 2028],
      [{ month: 2, day: 29 }, '2027-02-28', 2027],
    ];
    for (const [b, day, year] of table) {
      it(`${monthDayKey(b)} on ${day}: ${year}`, () => assert.equal(giftYearOn(b, d(day), 1, 1), year));
    }
    it('a window of 0 months is the birthday itself', () => {
      assert.equal(giftYearOn({ month: 8, day: 15 }, d('2026-08-15'), 0, 0), 2026);
      assert.equal(giftYearOn({ month: 8, day: 15 }, d('2026-08-16'), 0, 0), null);
      assert.equal(giftYearOn({ month: 2, day: 29 }, d('2026-02-28'), 0, 0), 2026);
    });
  });

  it('addMonths clamps to the month end', () => {
    assert.equal(fmt(addMonths(d('2026-01-31'), 1)), '2026-02-28');
    assert.equal(fmt(addMonths(d('2026-01-15'), -1)), '2025-12-15');
    assert.equal(fmt(addMonths(d('2026-12-31'), 2)), '2027-02-28');
  });

  it('the index keys around a day cover every birthday whose window holds it (2026–2028, windows 0–3 months)', function () {
    this.timeout(30_000);
    const birthdays: MonthDay[] = [];
    for (let n = dayNumber(d('2028-01-01')); n < dayNumber(d('2029-01-01')); n++) {
      const x = dateOfDayNumber(n);
      birthdays.push({ month: x.month, day: x.day });
    }
    for (const [before, after] of [[1, 1], [0, 0], [2, 3], [3, 0]]) {
      for (let n = dayNumber(d('2026-01-01')); n < dayNumber(d('2029-01-01')); n += 1) {
        const today = dateOfDayNumber(n);
        const keys = new Set(monthDayKeysAround(today, before, after));
        for (const b of birthdays) {
          if (giftYearOn(b, today, before, after) !== null) assert.ok(keys.has(monthDayKey(b)), `${fmt(today)} ${monthDayKey(b)} ${before}/${after}`);
        }
        assert.ok(keys.size <= 31 * (before + after + 1) + 3, `${keys.size} keys`);
      }
    }
  });

  it('ledger key', () => assert.equal(birthdayKey(5, 2026), 'birthday:5:2026'));
});
