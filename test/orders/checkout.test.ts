import assert from 'node:assert/strict';
import { quote, resolvePromo, splitDiscount, type CheckoutLine, type PromoCode, type QuoteInput, type RefusalCode } from '../../lib/modules/orders/domain-checkout';
import type { Product } from '../../lib/modules/catalog/domain';
import { DEFAULT_DELIVERY_RULES } from '../../lib/modules/orders/domain-delivery';

const NOW = Date.parse('2026-11-22T12:00:00Z');

function product(id: number, over: Partial<Product> = {}): Product {
  return {
    id, kind: 'souvenir', programme: 'club', title: { 'en-GB': `P${id}`, ru: `P${id}` }, description: { 'en-GB': '', ru: '' }, images: [],
    priceInPoints: 500, categoryId: null, visibility: 'on-sale', sortOrder: 0, stockMode: 'counted', inStock: true,
    variants: [], deliveryClass: 'none', allowedCountries: [], forbiddenCountries: [], limit: null, activationRegions: [],
    topUp: null, createdAt: 0, updatedAt: 0, ...over,
  };
}

const CATALOG = new Map<number, Product>([
  [1, product(1, { priceInPoints: 1000 })], // mug
  [2, product(2, { priceInPoints: 700, deliveryClass: 'clothing', variants: [{ id: 's', label: 'S', inStock: true }, { id: 'm', label: 'M', inStock: true }] })],
  [3, product(3, { kind: 'license', priceInPoints: 1800, activationRegions: ['RU', 'KZ'], limit: { maxUnits: 1, months: 11, scope: 'product' } })],
  [4, product(4, { priceInPoints: 2500, deliveryClass: 'battery-electronics', limit: { maxUnits: 1, months: 3, scope: 'product' } })],
  [5, product(5, { kind: 'mobile-top-up', priceInPoints: 0, topUp: { minAmount: 200, stepAmount: 100, maxAmount: 5000 } })],
  [6, product(6, { visibility: 'hidden' })],
  [7, product(7, { priceInPoints: 2100, deliveryClass: 'ships-without-battery' })],
  [8, product(8, { priceInPoints: 2000, forbiddenCountries: ['KZ'] })],
]);

const PROMOS: PromoCode[] = [
  { code: 'ACT15', group: 'Activists', percent: 15 },
  { code: 'CONS25', group: 'Consultants', percent: 25 },
  { code: 'OLD35', group: 'Old-timers', percent: 35 },
  { code: 'COUNCIL35', group: 'Club council', percent: 35 },
];

const line = (productId: number, quantity = 1, over: Partial<CheckoutLine> = {}): CheckoutLine =>
  ({ productId, variantId: null, region: null, amount: null, quantity, ...over });

function input(over: Partial<QuoteInput> = {}): QuoteInput {
  return {
    lines: [], products: CATALOG, available: new Map(), delivery: { method: 'delivery', country: 'RU' },
    deliveryRules: DEFAULT_DELIVERY_RULES, pickupOffered: true, promoCode: '', memberGroups: ['Activists'],
    promos: PROMOS, minSouvenirOrder: 2000, history: [], now: NOW, ...over,
  };
}

const codes = (q: ReturnType<typeof quote>) => q.refusals.map((r) => (r.rule ? `${r.code}:${r.rule}` : r.code));

describe('checkout: pricing and rules (PROGRAM §5–§8)', () => {
  describe('totals and discounts', () => {
    const table: { name: string; over: Partial<QuoteInput>; subtotal: number; discount: number; total: number }[] = [
      { name: 'lines × prices', over: { lines: [line(1, 2), line(2, 1, { variantId: 'm' })] }, subtotal: 2700, discount: 0, total: 2700 },
      { name: 'Activists 15%', over: { lines: [line(1, 3)], promoCode: 'act15' }, subtotal: 3000, discount: 450, total: 2550 },
      { name: 'Consultants 25%', over: { lines: [line(1, 3)], promoCode: 'CONS25', memberGroups: ['Consultants'] }, subtotal: 3000, discount: 750, total: 2250 },
      { name: 'Old-timers 35%', over: { lines: [line(1, 3)], promoCode: 'OLD35', memberGroups: ['Old-timers'] }, subtotal: 3000, discount: 1050, total: 1950 },
      { name: 'Club council 35%', over: { lines: [line(1, 3)], promoCode: ' council35 ', memberGroups: ['Club council'] }, subtotal: 3000, discount: 1050, total: 1950 },
      { name: 'discount rounds down (member pays whole points)', over: { lines: [line(3, 1, { region: 'RU' }), line(5, 1, { amount: 300 })], promoCode: 'ACT15', delivery: null }, subtotal: 2100, discount: 315, total: 1785 },
      { name: 'top-up priced by its amount', over: { lines: [line(5, 2, { amount: 700 })] }, subtotal: 1400, discount: 0, total: 1400 },
    ];
    for (const c of table) {
      it(c.name, () => {
        const q = quote(input(c.over));
        assert.deepEqual(codes(q), []);
        assert.deepEqual([q.subtotal, q.discount, q.total], [c.subtotal, c.discount, c.total]);
        assert.equal(q.lines.reduce((s, l) => s + l.paidInPoints, 0), q.total);
      });
    }

    it('splitDiscount: whole points, sums exactly, largest remainders first', () => {
      const cases: [number[], number, number[]][] = [
        [[1000, 1000, 1000], 450, [150, 150, 150]],
        [[333, 333, 334], 100, [33, 33, 34]],
        [[1, 1, 1], 2, [1, 1, 0]],
        [[0, 500], 75, [0, 75]],
        [[700, 1800, 300], 0, [0, 0, 0]],
      ];
      for (const [totals, discount, expected] of cases) {
        const shares = splitDiscount(totals, discount);
        assert.deepEqual(shares, expected);
        assert.equal(shares.reduce((a, b) => a + b, 0), discount);
      }
    });

    it('promo codes: one per order, only for the group', () => {
      assert.deepEqual(resolvePromo('', PROMOS, []), { ok: true, promo: null });
      assert.deepEqual(resolvePromo('ACT15', PROMOS, ['Consultants']), { ok: false, code: 'promo-not-member' });
      assert.deepEqual(resolvePromo('NOPE', PROMOS, ['Activists']), { ok: false, code: 'promo-unknown' });
      assert.deepEqual(resolvePromo('ACT15 CONS25', PROMOS, ['Activists', 'Consultants']), { ok: false, code: 'promo-one-code' });
      assert.deepEqual(resolvePromo('ACT15,CONS25', PROMOS, ['Activists']), { ok: false, code: 'promo-one-code' });
      // an unset code ('') never matches
      assert.deepEqual(resolvePromo('x', [{ code: '', group: 'Activists', percent: 15 }], ['Activists']), { ok: false, code: 'promo-unknown' });
    });
  });

  describe('refusals name the rule and the items', () => {
    const history = [{ productId: 3, categoryId: null, quantity: 1, at: Date.parse('2026-03-01T00:00:00Z') }];
    const table: { name: string; over: Partial<QuoteInput>; codes: string[]; lines?: number[][] }[] = [
      { name: 'empty cart', over: { lines: [] }, codes: ['empty-cart'] },
      { name: 'hidden item', over: { lines: [line(6, 5)] }, codes: ['not-on-sale'], lines: [[0]] },
      { name: 'unknown item', over: { lines: [line(99, 1)] }, codes: ['not-on-sale'] },
      { name: 'size missing', over: { lines: [line(2, 3)] }, codes: ['choose-size'] },
      { name: 'size unknown', over: { lines: [line(2, 3, { variantId: 'xxl' })] }, codes: ['choose-size'] },
      { name: 'license region missing', over: { lines: [line(3, 1)] }, codes: ['choose-region'] },
      { name: 'license region not offered', over: { lines: [line(3, 1, { region: 'UA' })] }, codes: ['choose-region'] },
      { name: 'top-up off the steps', over: { lines: [line(5, 1, { amount: 250 })] }, codes: ['top-up-amount'] },
      { name: 'souvenirs under 2000 (licenses do not count)', over: { lines: [line(1, 1), line(3, 1, { region: 'RU' })] }, codes: ['souvenir-minimum'], lines: [[0]] },
      { name: 'the minimum is counted before the discount', over: { lines: [line(1, 2)], promoCode: 'ACT15' }, codes: [] },
      { name: 'licenses alone have no minimum', over: { lines: [line(3, 1, { region: 'KZ' })] }, codes: [] },
      { name: 'out of stock', over: { lines: [line(1, 2)], available: new Map([['1:', 0]]) }, codes: ['out-of-stock'] },
      { name: 'not enough stock (sizes counted apart)', over: { lines: [line(2, 2, { variantId: 's' }), line(2, 1, { variantId: 'm' })], available: new Map([['2:s', 1], ['2:m', 5]]) }, codes: ['not-enough-stock'], lines: [[0]] },
      { name: 'two regions of one license share the pool', over: { lines: [line(3, 1, { region: 'RU' }), line(3, 1, { region: 'KZ' })], available: new Map([['3:', 1]]) }, codes: ['not-enough-stock', 'limit-exceeded'] },
      { name: 'limit: a new license only 11 months after the last', over: { lines: [line(3, 1, { region: 'RU' })], history }, codes: ['limit-exceeded'] },
      { name: 'limit: 12 months later it is fine', over: { lines: [line(3, 1, { region: 'RU' })], history, now: Date.parse('2027-02-01T00:00:00Z') }, codes: [] },
      { name: 'limit: quantity above the limit', over: { lines: [line(4, 2)] }, codes: ['limit-quantity-too-large'] },
      { name: 'Turkmenistan: no delivery', over: { lines: [line(1, 2)], delivery: { method: 'delivery', country: 'TM' } }, codes: ['delivery-refused:no-delivery-country'] },
      { name: 'Ukraine: no clothing', over: { lines: [line(2, 3, { variantId: 's' })], delivery: { method: 'delivery', country: 'UA' } }, codes: ['delivery-refused:no-clothing-country'] },
      { name: 'Russia-only item abroad', over: { lines: [line(4, 1)], delivery: { method: 'delivery', country: 'KZ' } }, codes: ['delivery-refused:russia-only'] },
      { name: 'Russia-only item abroad: pickup allowed', over: { lines: [line(4, 1)], delivery: { method: 'pickup', country: 'KZ' } }, codes: [] },
      { name: 'pickup without a reason is refused', over: { lines: [line(1, 2)], delivery: { method: 'pickup', country: 'KZ' } }, codes: ['pickup-not-allowed'] },
      { name: 'pickup refused when no place is configured', over: { lines: [line(4, 1)], pickupOffered: false, delivery: { method: 'pickup', country: 'KZ' } }, codes: ['pickup-not-offered'] },
      { name: 'Russia-only item abroad, no pickup place: the refusal does not offer pickup', over: { lines: [line(4, 1)], pickupOffered: false, delivery: { method: 'delivery', country: 'KZ' } }, codes: ['delivery-refused:russia-only-no-pickup'] },
      { name: 'product forbidden country', over: { lines: [line(8, 1)], delivery: { method: 'delivery', country: 'KZ' } }, codes: ['delivery-refused:product-forbidden-country'] },
      { name: 'licenses go anywhere', over: { lines: [line(3, 1, { region: 'RU' })], delivery: { method: 'delivery', country: 'TM' } }, codes: [] },
      { name: 'promo of another group', over: { lines: [line(1, 2)], promoCode: 'OLD35' }, codes: ['promo-not-member'] },
      { name: 'unknown promo', over: { lines: [line(1, 2)], promoCode: 'FREE' }, codes: ['promo-unknown'] },
      { name: 'several refusals at once', over: { lines: [line(1, 1), line(4, 1)], delivery: { method: 'delivery', country: 'KZ' }, available: new Map([['1:', 0]]), promoCode: 'X' }, codes: ['out-of-stock', 'delivery-refused:russia-only', 'promo-unknown'] },
    ];
    for (const c of table) {
      it(c.name, () => {
        const q = quote(input(c.over));
        assert.deepEqual(codes(q), c.codes);
        if (c.lines) assert.deepEqual(q.refusals.map((r) => r.lines), c.lines);
      });
    }

    it('ships-without-battery abroad is allowed and marked', () => {
      const q = quote(input({ lines: [line(7, 1)], delivery: { method: 'delivery', country: 'KZ' } }));
      assert.deepEqual(codes(q), []);
      assert.equal(q.lines[0].withoutBattery, true);
      assert.equal(quote(input({ lines: [line(7, 1)] })).lines[0].withoutBattery, false);
    });

    it('refusals carry the numbers their messages name', () => {
      const q = quote(input({ lines: [line(1, 1)] }));
      assert.deepEqual(q.refusals[0].args, [2000, 1000]);
      assert.deepEqual(q.refusals[0].productIds, [1]);
      const s = quote(input({ lines: [line(1, 3)], available: new Map([['1:', 2]]) }));
      assert.deepEqual(s.refusals.map((r) => [r.code, r.args]), [['not-enough-stock', [2]]]);
    });

    it('every refusal code is covered by this table', () => {
      const all: RefusalCode[] = ['empty-cart', 'not-on-sale', 'choose-size', 'choose-region', 'top-up-amount', 'out-of-stock', 'not-enough-stock', 'limit-exceeded', 'limit-quantity-too-large', 'delivery-refused', 'pickup-not-allowed', 'pickup-not-offered', 'souvenir-minimum', 'promo-unknown', 'promo-not-member', 'promo-one-code'];
      const seen = new Set(table.flatMap((c) => c.codes.map((x) => x.split(':')[0])));
      seen.add('promo-one-code');
      assert.deepEqual(all.filter((c) => !seen.has(c)), []);
    });
  });
});

describe('CSV export cells', () => {
  it('quotes every cell, doubles quotes, defuses formulas', async () => {
    const { csvCell, toCsv } = await import('../../lib/kernel/csv');
    const table: [string | number | null, string][] = [
      ['Mug', '"Mug"'], ['say "hi"', '"say ""hi"""'], ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'], ['+7 900', '"\'+7 900"'],
      ['-1', '"\'-1"'], ['@cmd', '"\'@cmd"'], [-5, '"-5"'], [null, '""'], ['a,b\nc', '"a,b\nc"'],
    ];
    for (const [v, out] of table) assert.equal(csvCell(v), out);
    assert.equal(toCsv(['a', 'b'], [[1, 'x']]), '"a","b"\r\n"1","x"\r\n');
  });
});
