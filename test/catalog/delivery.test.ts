import assert from 'node:assert/strict';
import { DELIVERY_CLASSES, PRODUCT_KINDS, type DeliveryClass } from '../../lib/modules/catalog/domain';
import { COUNTRY_CODES } from '../../lib/kernel/countries';
import { canBeCollectedInstead, checkDelivery, DEFAULT_DELIVERY_RULES, deliveryNotices, type DeliverableItem } from '../../lib/modules/orders/domain-delivery';

const rules = DEFAULT_DELIVERY_RULES;
const souvenir = (deliveryClass: DeliveryClass, extra: Partial<DeliverableItem> = {}): DeliverableItem => ({
  kind: 'souvenir', deliveryClass, allowedCountries: [], forbiddenCountries: [], ...extra,
});

/**
 * PROGRAM §7 written out by hand, class by class: the countries that refuse delivery and the rule
 * that names the refusal; every other listed country is delivered to. `battery` marks destinations
 * where the item ships without its battery.
 */
const ABROAD = COUNTRY_CODES.filter((c) => c !== 'RU' && c !== 'TM');
const EXPECTED: Record<DeliveryClass, { refused: Record<string, string>; battery?: string[] }> = {
  'none': { refused: { TM: 'no-delivery-country' } },
  'clothing': { refused: { TM: 'no-delivery-country', UA: 'no-clothing-country' } },
  'shoes': { refused: { TM: 'no-delivery-country', UA: 'no-clothing-country' } },
  'battery-electronics': { refused: { TM: 'no-delivery-country', ...Object.fromEntries(ABROAD.map((c) => [c, 'russia-only'])) } },
  'russia-only': { refused: { TM: 'no-delivery-country', ...Object.fromEntries(ABROAD.map((c) => [c, 'russia-only'])) } },
  'ships-without-battery': { refused: { TM: 'no-delivery-country' }, battery: ABROAD },
};

describe('catalog: delivery rules (PROGRAM §7)', () => {
  it('covers every class in the table', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...DELIVERY_CLASSES].sort());
    assert.equal(COUNTRY_CODES.length, 13);
  });

  for (const cls of DELIVERY_CLASSES) {
    for (const country of COUNTRY_CODES) {
      const refusedBy = EXPECTED[cls].refused[country];
      it(`${cls} → ${country}: ${refusedBy ?? 'delivered'}`, () => {
        const r = checkDelivery(souvenir(cls), country, 'delivery', rules);
        if (refusedBy) {
          assert.deepEqual(r, { ok: false, rule: refusedBy, country });
        } else {
          assert.deepEqual(r, { ok: true, shipped: true, withoutBattery: (EXPECTED[cls].battery ?? []).includes(country) });
        }
      });
      it(`${cls} → ${country} by pickup: always possible`, () => {
        assert.deepEqual(checkDelivery(souvenir(cls), country, 'pickup', rules), { ok: true, shipped: false, withoutBattery: false });
      });
    }
  }

  for (const kind of PRODUCT_KINDS.filter((k) => k !== 'souvenir')) {
    it(`${kind} is never shipped, so no country refuses it (even TM)`, () => {
      for (const country of COUNTRY_CODES) {
        assert.deepEqual(checkDelivery({ kind, deliveryClass: 'none', allowedCountries: [], forbiddenCountries: ['TM'] }, country, 'delivery', rules),
          { ok: true, shipped: false, withoutBattery: false });
      }
    });
  }

  it('a product\'s forbidden countries refuse, named as the product rule', () => {
    assert.deepEqual(checkDelivery(souvenir('none', { forbiddenCountries: ['KZ'] }), 'KZ', 'delivery', rules),
      { ok: false, rule: 'product-forbidden-country', country: 'KZ' });
    assert.equal(checkDelivery(souvenir('none', { forbiddenCountries: ['KZ'] }), 'BY', 'delivery', rules).ok, true);
  });

  it('a product\'s allowed list admits only those countries', () => {
    const item = souvenir('none', { allowedCountries: ['RU', 'BY'] });
    assert.equal(checkDelivery(item, 'BY', 'delivery', rules).ok, true);
    assert.deepEqual(checkDelivery(item, 'KZ', 'delivery', rules), { ok: false, rule: 'product-allowed-countries', country: 'KZ' });
  });

  it('the global no-delivery rule comes first, even over a product that allows the country', () => {
    assert.deepEqual(checkDelivery(souvenir('clothing', { allowedCountries: ['TM'] }), 'TM', 'delivery', rules),
      { ok: false, rule: 'no-delivery-country', country: 'TM' });
  });

  it('rules come from settings: another Russia-only country, no clothing ban', () => {
    const custom = { noDeliveryCountries: [], noClothingCountries: [], russiaOnlyCountry: 'BY' };
    assert.equal(checkDelivery(souvenir('clothing'), 'UA', 'delivery', custom).ok, true);
    assert.equal(checkDelivery(souvenir('none'), 'TM', 'delivery', custom).ok, true);
    assert.equal(checkDelivery(souvenir('russia-only'), 'BY', 'delivery', custom).ok, true);
    assert.equal(checkDelivery(souvenir('russia-only'), 'RU', 'delivery', custom).ok, false);
  });

  it('pickup is the way out only for Russia-only refusals', () => {
    assert.equal(canBeCollectedInstead(souvenir('russia-only'), 'KZ', rules), true);
    assert.equal(canBeCollectedInstead(souvenir('battery-electronics'), 'UA', rules), true);
    assert.equal(canBeCollectedInstead(souvenir('russia-only'), 'RU', rules), false);
    assert.equal(canBeCollectedInstead(souvenir('clothing'), 'UA', rules), false);
    assert.equal(canBeCollectedInstead(souvenir('russia-only'), 'TM', rules), false);
  });

  it('product page notices name the rules that apply', () => {
    const keys = (item: DeliverableItem) => deliveryNotices(item, rules).map((n) => n.key);
    assert.deepEqual(keys(souvenir('none')), ['delivery.notice.no-delivery']);
    assert.deepEqual(keys(souvenir('clothing')), ['delivery.notice.no-delivery', 'delivery.notice.no-clothing']);
    assert.deepEqual(keys(souvenir('shoes')), ['delivery.notice.no-delivery', 'delivery.notice.no-shoes']);
    assert.deepEqual(keys(souvenir('russia-only')), ['delivery.notice.no-delivery', 'delivery.notice.russia-only']);
    assert.deepEqual(keys(souvenir('battery-electronics')), ['delivery.notice.no-delivery', 'delivery.notice.russia-only']);
    assert.deepEqual(keys(souvenir('ships-without-battery', { forbiddenCountries: ['GE'] })),
      ['delivery.notice.no-delivery', 'delivery.notice.without-battery', 'delivery.notice.not-countries']);
    assert.deepEqual(deliveryNotices({ kind: 'license', deliveryClass: 'none', allowedCountries: [], forbiddenCountries: [] }, rules), []);
    assert.deepEqual(deliveryNotices(souvenir('clothing'), rules)[1].countries, ['UA']);
  });
});
