import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isEntryAmount, parseStoredInt, points, pointsDelta } from '../../lib/kernel/points';
import {
  applyEntry, foldEntries, outcomeKey, sameRequest, spendable, ZERO_BALANCES, type Balances, type EntryKind,
} from '../../lib/modules/ledger/domain';

describe('ledger domain: points', () => {
  it('accepts only integers, Points only non-negative ones', () => {
    assert.equal(points(0), 0);
    assert.equal(points(5000), 5000);
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 60]) assert.throws(() => points(bad), RangeError);
    assert.equal(pointsDelta(-500), -500);
    assert.throws(() => pointsDelta(0.1), RangeError);
    assert.equal(isEntryAmount(0), false);
    assert.equal(isEntryAmount(1), true);
  });

  it('parses stored strings strictly', () => {
    assert.equal(parseStoredInt('42'), 42);
    assert.equal(parseStoredInt('-7'), -7);
    assert.equal(parseStoredInt('1.5'), null);
    assert.equal(parseStoredInt(''), null);
    assert.equal(parseStoredInt(null), null);
  });
});

describe('ledger domain: applying entries', () => {
  const b = (posted: number, held = 0, pending = 0): Balances => ({ posted, held, pending });
  const cases: [string, Balances, EntryKind, number, Balances | string][] = [
    ['credit adds to posted', b(0), 'credit', 10, b(10)],
    ['pending credit is not spendable', b(0), 'credit-pending', 2, b(0, 0, 2)],
    ['mature moves pending to posted', b(0, 0, 2), 'mature', 2, b(2)],
    ['cancel drops pending', b(0, 0, 2), 'cancel-pending', 2, b(0)],
    ['pending never below zero', b(0), 'mature', 2, 'negative-pending'],
    ['penalty may go below zero', b(100), 'debit', 500, b(-400)],
    ['spend within spendable', b(50), 'spend', 50, b(0)],
    ['spend beyond spendable refused', b(50), 'spend', 51, 'insufficient-points'],
    ['spend counts holds', b(50, 40), 'spend', 11, 'insufficient-points'],
    ['hold reserves', b(50), 'hold', 30, b(50, 30)],
    ['hold beyond spendable refused', b(50, 30), 'hold', 21, 'insufficient-points'],
    ['capture takes the hold', b(50, 30), 'capture', 30, b(20, 0)],
    ['release gives it back', b(50, 30), 'release', 30, b(50, 0)],
    ['held never below zero', b(50), 'release', 1, 'negative-held'],
    ['negative balance blocks spending', b(-10), 'hold', 1, 'insufficient-points'],
    ['negative adjust is a penalty', b(10), 'adjust', -30, b(-20)],
    ['adjust zero refused', b(10), 'adjust', 0, 'invalid-amount'],
    ['fractional amounts refused', b(10), 'credit', 1.5, 'invalid-amount'],
    ['negative credit refused', b(10), 'credit', -1, 'invalid-amount'],
  ];
  for (const [name, before, kind, amount, expected] of cases) {
    it(name, () => {
      const r = applyEntry(before, kind, amount);
      if (typeof expected === 'string') assert.deepEqual(r, { ok: false, code: expected });
      else assert.deepEqual(r, { ok: true, balances: expected });
    });
  }

  it('outcomes of one target share one key; replays compare member, kind and amount', () => {
    assert.equal(outcomeKey('earn:post:12'), 'settle:earn:post:12');
    assert.equal(sameRequest({ uid: 1, kind: 'credit', amount: 5 }, { uid: 1, kind: 'credit', amount: 5 }), true);
    assert.equal(sameRequest({ uid: 1, kind: 'credit', amount: 5 }, { uid: 1, kind: 'credit', amount: 6 }), false);
    assert.equal(sameRequest({ uid: 1, kind: 'credit', amount: 5 }, { uid: 2, kind: 'credit', amount: 5 }), false);
  });

  it('the fold of accepted entries equals the balances applyEntry produced, and spending never goes below zero (property)', () => {
    const kinds: EntryKind[] = ['credit', 'credit-pending', 'mature', 'cancel-pending', 'debit', 'spend', 'hold', 'capture', 'release', 'adjust'];
    fc.assert(fc.property(
      fc.array(fc.record({ kind: fc.constantFrom(...kinds), amount: fc.integer({ min: -300, max: 300 }) }), { maxLength: 80 }),
      (ops) => {
        let balances = ZERO_BALANCES;
        const accepted: { kind: EntryKind; amount: number }[] = [];
        for (const op of ops) {
          const before = balances;
          const r = applyEntry(balances, op.kind, op.amount);
          if (!r.ok) continue;
          if (op.kind === 'spend' || op.kind === 'hold') assert.ok(spendable(r.balances) >= 0 && spendable(before) >= op.amount);
          assert.ok(r.balances.pending >= 0 && r.balances.held >= 0);
          accepted.push(op);
          balances = r.balances;
        }
        assert.deepEqual(foldEntries(accepted), balances);
      },
    ), { numRuns: 300 });
  });
});
