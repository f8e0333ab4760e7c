import assert from 'node:assert/strict';
import { checkPurchaseLimit, type PastPurchase } from '../../lib/modules/orders/domain-limits';
import { addMonthsUtc } from '../../lib/kernel/periods';
import type { PurchaseLimit } from '../../lib/modules/catalog/domain';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const buy = (when: string, quantity = 1, productId = 1, categoryId: number | null = 10): PastPurchase => ({ productId, categoryId, quantity, at: at(when) });

describe('catalog: purchase limits (PROGRAM §8)', () => {
  describe('addMonthsUtc', () => {
    const table: [string, number, string][] = [
      ['2026-01-15T10:00:00.000Z', 11, '2026-12-15T10:00:00.000Z'],
      ['2026-11-30T12:00:00.000Z', 3, '2027-02-28T12:00:00.000Z'],
      ['2027-11-30T12:00:00.000Z', 3, '2028-02-29T12:00:00.000Z'],
      ['2028-02-29T00:00:00.000Z', 12, '2029-02-28T00:00:00.000Z'],
      ['2026-03-31T23:59:59.999Z', -1, '2026-02-28T23:59:59.999Z'],
      ['2026-12-31T00:00:00.000Z', 1, '2027-01-31T00:00:00.000Z'],
      ['1999-12-31T05:00:00.000Z', 2, '2000-02-29T05:00:00.000Z'],
      ['2026-05-10T08:30:00.000Z', 0, '2026-05-10T08:30:00.000Z'],
      ['2026-05-10T08:30:00.000Z', -24, '2024-05-10T08:30:00.000Z'],
    ];
    for (const [from, months, to] of table) {
      it(`${from} + ${months} months = ${to}`, () => assert.equal(iso(addMonthsUtc(at(from), months)), to));
    }
    it('agrees with Date.setUTCMonth wherever no clamping happens (days 1–28, 1970–2100)', () => {
      for (let ms = at('1970-01-01T03:00:00Z'); ms < at('2100-01-01T00:00:00Z'); ms += 9_876_543_210) {
        const d = new Date(ms);
        if (d.getUTCDate() > 28) continue;
        for (const m of [-13, -1, 1, 3, 11, 25]) {
          const expected = new Date(ms);
          expected.setUTCMonth(expected.getUTCMonth() + m);
          assert.equal(addMonthsUtc(ms, m), expected.getTime(), `${d.toISOString()} ${m}`);
        }
      }
    });
  });

  const license: PurchaseLimit = { maxUnits: 1, months: 11, scope: 'product' };
  const gadget: PurchaseLimit = { maxUnits: 1, months: 3, scope: 'category' };

  it('no limit: always allowed', () => {
    assert.deepEqual(checkPurchaseLimit({ limit: null, productId: 1, categoryId: 10, quantity: 99, history: [buy('2026-01-01T00:00:00Z', 50)], now: at('2026-01-02T00:00:00Z') }),
      { ok: true, remaining: null });
  });

  const boundary: [string, PurchaseLimit, PastPurchase[], string, boolean, string?][] = [
    ['license: 1 ms before 11 months', license, [buy('2026-01-15T10:00:00Z')], '2026-12-15T09:59:59.999Z', false, '2026-12-15T10:00:00.000Z'],
    ['license: exactly 11 months later', license, [buy('2026-01-15T10:00:00Z')], '2026-12-15T10:00:00.000Z', true],
    ['license: the same instant as the purchase', license, [buy('2026-01-15T10:00:00Z')], '2026-01-15T10:00:00.000Z', false, '2026-12-15T10:00:00.000Z'],
    ['license: a future-dated entry does not count', license, [buy('2026-02-01T00:00:00Z')], '2026-01-15T10:00:00.000Z', true],
    ['gadget category: clamped month end, 1 ms before', gadget, [buy('2026-11-30T12:00:00Z')], '2027-02-28T11:59:59.999Z', false, '2027-02-28T12:00:00.000Z'],
    ['gadget category: clamped month end, exactly', gadget, [buy('2026-11-30T12:00:00Z')], '2027-02-28T12:00:00.000Z', true],
    ['gadget category: another product of the same category counts', gadget, [buy('2026-06-01T00:00:00Z', 1, 2, 10)], '2026-07-01T00:00:00Z', false, '2026-09-01T00:00:00.000Z'],
    ['gadget category: another category does not count', gadget, [buy('2026-06-01T00:00:00Z', 1, 2, 11)], '2026-07-01T00:00:00Z', true],
    ['product scope: another product does not count', license, [buy('2026-06-01T00:00:00Z', 1, 2, 10)], '2026-07-01T00:00:00Z', true],
  ];
  for (const [name, limit, history, now, ok, next] of boundary) {
    it(name, () => {
      const r = checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 1, history, now: at(now) });
      assert.equal(r.ok, ok);
      if (!r.ok && r.code === 'limit-exceeded') assert.equal(iso(r.nextAllowedAt), next);
    });
  }

  it('a category limit with an uncategorised product counts nothing', () => {
    const r = checkPurchaseLimit({ limit: gadget, productId: 1, categoryId: null, quantity: 1, history: [buy('2026-06-01T00:00:00Z', 1, 1, null)], now: at('2026-06-02T00:00:00Z') });
    assert.equal(r.ok, true);
  });

  it('N units: counts quantities, and the next-allowed instant frees enough units', () => {
    const limit: PurchaseLimit = { maxUnits: 3, months: 2, scope: 'product' };
    const history = [buy('2026-01-10T00:00:00Z', 1), buy('2026-02-10T00:00:00Z', 2)];
    const now = at('2026-02-20T00:00:00Z');
    assert.deepEqual(checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 1, history, now }),
      { ok: false, code: 'limit-exceeded', maxUnits: 3, months: 2, scope: 'product', usedUnits: 3, nextAllowedAt: at('2026-03-10T00:00:00Z') });
    const two = checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 2, history, now });
    assert.equal(!two.ok && two.code === 'limit-exceeded' && iso(two.nextAllowedAt), '2026-04-10T00:00:00.000Z');
    assert.deepEqual(checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 1, history, now: at('2026-03-10T00:00:00Z') }),
      { ok: true, remaining: 0 });
    assert.deepEqual(checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 4, history: [], now }),
      { ok: false, code: 'limit-quantity-too-large', maxUnits: 3, months: 2, scope: 'product' });
    assert.deepEqual(checkPurchaseLimit({ limit, productId: 1, categoryId: 10, quantity: 3, history: [], now }), { ok: true, remaining: 0 });
  });
});
