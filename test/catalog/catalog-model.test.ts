import assert from 'node:assert/strict';
import {
  checkTopUpAmount, combineStockStates, compareProducts, DEFAULT_TOP_UP, effectiveStockMode, localized, matchesSearch,
  productProblems, stockState, type Product,
} from '../../lib/modules/catalog/domain';

type Draft = Omit<Product, 'id' | 'createdAt' | 'updatedAt'>;
const base: Draft = {
  kind: 'souvenir', programme: 'club', title: { 'en-GB': 'Mug', ru: 'Кружка' }, description: { 'en-GB': '', ru: '' }, images: [],
  priceInPoints: 200, categoryId: null, visibility: 'on-sale', sortOrder: 0, stockMode: 'counted', inStock: true,
  variants: [], deliveryClass: 'none', allowedCountries: [], forbiddenCountries: [], limit: null, activationRegions: [], topUp: null,
};

describe('catalog: product model', () => {
  const problems: [string, Partial<Draft>, string[]][] = [
    ['a plain souvenir', {}, []],
    ['no title in either language', { title: { 'en-GB': ' ', ru: '' } }, ['no-title']],
    ['a title in one language is enough', { title: { 'en-GB': '', ru: 'Кружка' } }, []],
    ['price 0', { priceInPoints: 0 }, ['price-not-positive']],
    ['sizes on a souvenir', { variants: [{ id: 's', label: 'S', inStock: true }, { id: 'm', label: 'M', inStock: true }] }, []],
    ['the same size twice', { variants: [{ id: 's', label: 'S', inStock: true }, { id: 's2', label: 's', inStock: true }] }, ['duplicate-variant']],
    ['sizes on a license', { kind: 'license', activationRegions: ['RU'], variants: [{ id: 's', label: 'S', inStock: true }] }, ['variants-only-for-souvenirs']],
    ['a license without regions', { kind: 'license' }, ['license-needs-regions']],
    ['regions on a souvenir', { activationRegions: ['RU'] }, ['regions-only-for-licenses']],
    ['a delivery class on a gift card', { kind: 'gift-card', deliveryClass: 'russia-only' }, ['delivery-class-only-for-souvenirs']],
    ['a top-up with its rule and no price', { kind: 'mobile-top-up', priceInPoints: 0, topUp: DEFAULT_TOP_UP }, []],
    ['a top-up without a rule', { kind: 'mobile-top-up', priceInPoints: 0 }, ['top-up-rule-invalid']],
    ['a country both allowed and forbidden', { allowedCountries: ['RU', 'BY'], forbiddenCountries: ['BY'] }, ['country-both-allowed-and-forbidden']],
  ];
  for (const [name, patch, expected] of problems) {
    it(`problems: ${name}`, () => assert.deepEqual(productProblems({ ...base, ...patch }), expected));
  }

  const amounts: [number, boolean][] = [[100, false], [199, false], [200, true], [250, false], [300, true], [1000, true], [5000, true], [5100, false], [200.5, false], [-200, false]];
  for (const [amount, ok] of amounts) {
    it(`mobile top-up of ${amount}: ${ok ? 'accepted' : 'refused'}`, () => assert.equal(checkTopUpAmount(DEFAULT_TOP_UP, amount).ok, ok));
  }

  const states: [Product['stockMode'], number, boolean, string][] = [
    ['unlimited', 0, false, 'in-stock'],
    ['manual', 0, true, 'in-stock'],
    ['manual', 100, false, 'out-of-stock'],
    ['counted', 0, true, 'out-of-stock'],
    ['counted', -1, true, 'out-of-stock'],
    ['counted', 1, true, 'low'],
    ['counted', 5, true, 'low'],
    ['counted', 6, true, 'in-stock'],
  ];
  for (const [mode, count, inStock, expected] of states) {
    it(`stock ${mode} count=${count} flag=${inStock} (threshold 5) → ${expected}`, () => assert.equal(stockState(mode, count, inStock, 5), expected));
  }
  it('variants combine to the best state', () => {
    assert.equal(combineStockStates(['out-of-stock', 'low', 'in-stock']), 'in-stock');
    assert.equal(combineStockStates(['out-of-stock', 'low']), 'low');
    assert.equal(combineStockStates(['out-of-stock']), 'out-of-stock');
    assert.equal(combineStockStates([]), 'out-of-stock');
  });
  it('licenses are always counted (their stock is the code pool)', () => {
    assert.equal(effectiveStockMode({ kind: 'license', stockMode: 'unlimited' }), 'counted');
    assert.equal(effectiveStockMode({ kind: 'souvenir', stockMode: 'manual' }), 'manual');
  });
  it('text in the member\'s language, else the other', () => {
    assert.equal(localized({ 'en-GB': 'Mug', ru: 'Кружка' }, 'ru'), 'Кружка');
    assert.equal(localized({ 'en-GB': 'Mug', ru: 'Кружка' }, 'en-GB'), 'Mug');
    assert.equal(localized({ 'en-GB': 'Mug', ru: 'Кружка' }, 'de'), 'Mug');
    assert.equal(localized({ 'en-GB': 'Mug', ru: '' }, 'ru'), 'Mug');
    assert.equal(localized({ 'en-GB': '', ru: 'Кружка' }, 'en-GB'), 'Кружка');
  });
  it('sorts by sort order, then id; searches both languages', () => {
    const list = [{ id: 3, sortOrder: 1 }, { id: 1, sortOrder: 2 }, { id: 2, sortOrder: 1 }].sort(compareProducts);
    assert.deepEqual(list.map((p) => p.id), [2, 3, 1]);
    assert.equal(matchesSearch(base, 'круж'), true);
    assert.equal(matchesSearch(base, 'MUG'), true);
    assert.equal(matchesSearch(base, 'hoodie'), false);
    assert.equal(matchesSearch(base, '  '), true);
  });
});
