import assert from 'node:assert/strict';
import { decideAdd, dueReminder, maskCode, parseRegistryLines, reminderDays, type AddContext } from '../../lib/modules/licences';
import { normaliseBoxCode } from '../../lib/modules/retail';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 11, 4, 12);
const CODE = 'ABCDE-FGHIJ-KLMNO-PQRST';

const base = (over: Partial<AddContext> = {}): AddContext => ({
  code: CODE, blacklisted: false, entry: { product: 'KIS', seats: 3, expiresAt: NOW + 100 * DAY },
  holders: 0, heldByMember: false, acceptUnknown: true, recentCycles: 0, cyclingLimit: 5, now: NOW, ...over,
});

describe('licences/domain: adding a code', () => {
  it('accepts a registry code with a free seat as verified, an unknown one as unverified when the setting allows', () => {
    assert.deepEqual(decideAdd(base({ holders: 2 })), { ok: true, verified: true });
    assert.deepEqual(decideAdd(base({ entry: null })), { ok: true, verified: false });
  });

  it('refuses each case with its own refusal, in the order a member can act on', () => {
    const table: [Partial<AddContext>, string][] = [
      [{ code: null, blacklisted: true }, 'malformed'],
      [{ blacklisted: true, holders: 3 }, 'blacklisted'],
      [{ entry: { product: 'KIS', seats: 3, expiresAt: NOW }, holders: 3 }, 'expired'],
      [{ entry: null, acceptUnknown: false }, 'unknown-code'],
      [{ heldByMember: true, holders: 3 }, 'already-held'],
      [{ recentCycles: 5, holders: 3 }, 'cycling-limit'],
      [{ holders: 3 }, 'seats-used'],
    ];
    for (const [over, refusal] of table) {
      const d = decideAdd(base(over));
      assert.equal(d.ok, false, refusal);
      if (!d.ok) assert.equal(d.refusal, refusal, JSON.stringify(over));
    }
  });

  it('a "seats used" refusal tells the seat count and nothing about who holds them', () => {
    assert.deepEqual(decideAdd(base({ holders: 3 })), { ok: false, refusal: 'seats-used', seats: 3 });
  });

  it('a cycling limit of 0 means no limit; a code of unknown term never expires', () => {
    assert.equal(decideAdd(base({ cyclingLimit: 0, recentCycles: 99 })).ok, true);
    assert.equal(decideAdd(base({ entry: { product: 'KIS', seats: 1 } })).ok, true);
  });

  it('codes typed any way are normalised by retail\'s rule before the decision', () => {
    assert.equal(normaliseBoxCode(' abcde fghij-klmnopqrst '), CODE);
    assert.equal(normaliseBoxCode('ABCDE-FGHIJ-KLMNO'), null);
  });
});

describe('licences/domain: masking and reminders', () => {
  it('masks every block but the last', () => {
    assert.equal(maskCode(CODE), '•••••-•••••-•••••-PQRST');
    assert.ok(!maskCode(CODE).includes('ABCDE'));
  });

  it('reminder days are positive, distinct, largest first', () => {
    assert.deepEqual(reminderDays([7, 30, 7, 0, -1]), [30, 7]);
  });

  it('sends the 30-day then the 7-day reminder, each once, and nothing after expiry', () => {
    const exp = NOW + 40 * DAY;
    assert.equal(dueReminder(exp, NOW, [30, 7], new Set()), null);
    assert.equal(dueReminder(exp, exp - 30 * DAY, [30, 7], new Set()), 30);
    assert.equal(dueReminder(exp, exp - 20 * DAY, [30, 7], new Set([30])), null);
    assert.equal(dueReminder(exp, exp - 7 * DAY, [30, 7], new Set([30])), 7);
    assert.equal(dueReminder(exp, exp - 1 * DAY, [30, 7], new Set([30, 7])), null);
    assert.equal(dueReminder(exp, exp, [30, 7], new Set()), null);
  });

  it('a job that ran late sends only the nearest reminder', () => {
    const exp = NOW + 3 * DAY;
    assert.equal(dueReminder(exp, NOW, [30, 7], new Set()), 7);
  });
});

describe('licences/domain: registry import lines', () => {
  it('reports each line on its own: good lines parsed, bad ones refused with their reason and line number', () => {
    const text = [
      'abcde fghij klmno pqrst;Kaspersky Internet Security;3;2027-02-28',
      '',
      'ABCDE-FGHIJ-KLMNO-PQRSU,Kaspersky Total Security,1',
      'ABCDE-FGHIJ-KLMNO;KIS;3',
      'ABCDE-FGHIJ-KLMNO-PQRSV;;3',
      'ABCDE-FGHIJ-KLMNO-PQRSW;KIS;0',
      'ABCDE-FGHIJ-KLMNO-PQRSX;KIS;2;2027-02-29',
      'ABCDEFGHIJKLMNOPQRST;KIS;1',
      'only-one-column',
    ].join('\n');
    const lines = parseRegistryLines(text, normaliseBoxCode);
    assert.deepEqual(lines.map((l) => [l.line, l.ok ? 'ok' : l.error]), [
      [1, 'ok'], [3, 'ok'], [4, 'code'], [5, 'product'], [6, 'seats'], [7, 'expiry'], [8, 'duplicate'], [9, 'columns'],
    ]);
    const first = lines[0];
    assert.ok(first.ok);
    assert.equal(first.code, CODE);
    assert.deepEqual(first.entry, { product: 'Kaspersky Internet Security', seats: 3, expiresAt: Date.UTC(2027, 1, 28, 23, 59, 59, 999) });
    const second = lines[1];
    assert.ok(second.ok && second.entry.expiresAt === undefined);
  });

  it('an optional fifth column is the licence term in months (1 to 120)', () => {
    const lines = parseRegistryLines([`${CODE};KTS;3;2027-12-31;12`, 'ABCDE-FGHIJ-KLMNO-PQRSY;KTS;3;;24', 'ABCDE-FGHIJ-KLMNO-PQRSZ;KTS;3;;0', 'ABCDE-FGHIJ-KLMNO-PQRS1;KTS;3;;1 year', 'ABCDE-FGHIJ-KLMNO-PQRS2;KTS;3;;1;x'].join('\n'), normaliseBoxCode);
    assert.deepEqual(lines.map((l) => (l.ok ? l.entry.termMonths : l.error)), [12, 24, 'term', 'term', 'columns']);
  });

  it('the expiry is the end of the day in UTC, leap days included', () => {
    const [l] = parseRegistryLines(`${CODE};KIS;1;2028-02-29`, normaliseBoxCode);
    assert.ok(l.ok);
    assert.equal(l.entry.expiresAt, Date.UTC(2028, 1, 29, 23, 59, 59, 999));
  });
});
