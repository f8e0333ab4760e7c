/**
 * Delivery rules (PROGRAM §7) as one pure function per question. Results are typed and name the rule
 * that refused, so checkout can show a translated message naming the rule and the item
 * (`delivery.rule.<rule>`).
 *
 * Global rules (settings): no delivery at all to `noDeliveryCountries` (Turkmenistan); no clothing
 * or shoes to `noClothingCountries` (Ukraine); items of the Russia-only list (class `russia-only`, and
 * electronics with a non-removable battery) only inside `russiaOnlyCountry` or by pickup; items of
 * class `ships-without-battery` may go abroad, but without their batteries.
 * Per product: `forbiddenCountries`, and `allowedCountries` (when not empty, only those).
 */
import type { DeliveryClass, ProductKind } from '../catalog';
import { isPhysical } from '../catalog';
import type { CountryCode } from '../../kernel/countries';

export interface DeliveryRules {
  noDeliveryCountries: CountryCode[];
  noClothingCountries: CountryCode[];
  russiaOnlyCountry: CountryCode;
}

export const DEFAULT_DELIVERY_RULES: DeliveryRules = {
  noDeliveryCountries: ['TM'],
  noClothingCountries: ['UA'],
  russiaOnlyCountry: 'RU',
};

export interface DeliverableItem {
  kind: ProductKind;
  deliveryClass: DeliveryClass;
  allowedCountries: CountryCode[];
  forbiddenCountries: CountryCode[];
}

export type DeliveryMethod = 'delivery' | 'pickup';

export type DeliveryRule =
  | 'no-delivery-country' | 'product-forbidden-country' | 'product-allowed-countries'
  | 'russia-only' | 'no-clothing-country';

export type DeliveryCheck =
  | { ok: true; shipped: boolean; withoutBattery: boolean }
  | { ok: false; rule: DeliveryRule; country: CountryCode };

/** Classes on the Russia-only list: never sent outside the Russia-only country. */
export function isRussiaOnly(cls: DeliveryClass): boolean {
  return cls === 'russia-only' || cls === 'battery-electronics';
}

function isClothingOrShoes(cls: DeliveryClass): boolean {
  return cls === 'clothing' || cls === 'shoes';
}

/**
 * May this item go to `country` by `method`? Non-physical items (licenses, gift cards, top-ups) are
 * not shipped and always pass. Pickup passes for physical items (nothing crosses a border; whether
 * pickup is offered for an order is checkout's decision, §7). Rules are checked in a fixed order, the
 * first refusal is returned: global no-delivery, product forbidden, product allowed list, Russia-only,
 * clothing/shoes.
 */
export function checkDelivery(item: DeliverableItem, country: CountryCode, method: DeliveryMethod, rules: DeliveryRules): DeliveryCheck {
  if (!isPhysical(item.kind)) return { ok: true, shipped: false, withoutBattery: false };
  if (method === 'pickup') return { ok: true, shipped: false, withoutBattery: false };
  if (rules.noDeliveryCountries.includes(country)) return { ok: false, rule: 'no-delivery-country', country };
  if (item.forbiddenCountries.includes(country)) return { ok: false, rule: 'product-forbidden-country', country };
  if (item.allowedCountries.length > 0 && !item.allowedCountries.includes(country)) {
    return { ok: false, rule: 'product-allowed-countries', country };
  }
  const home = country === rules.russiaOnlyCountry;
  if (isRussiaOnly(item.deliveryClass) && !home) return { ok: false, rule: 'russia-only', country };
  if (isClothingOrShoes(item.deliveryClass) && rules.noClothingCountries.includes(country)) {
    return { ok: false, rule: 'no-clothing-country', country };
  }
  return { ok: true, shipped: true, withoutBattery: item.deliveryClass === 'ships-without-battery' && !home };
}

/** Refused for delivery only because of the Russia-only rule: such an item can be collected by pickup. */
export function canBeCollectedInstead(item: DeliverableItem, country: CountryCode, rules: DeliveryRules): boolean {
  const r = checkDelivery(item, country, 'delivery', rules);
  return !r.ok && r.rule === 'russia-only';
}

/** A rule shown on the product page before buying: a language key and the countries it names. */
export interface RuleNotice {
  key: string;
  countries: CountryCode[];
}

/**
 * Which delivery rules apply to this item, for the product page (`delivery.notice.*`). A Russia-only
 * item mentions pickup only when pickup is offered (a pickup place is set).
 */
export function deliveryNotices(item: DeliverableItem, rules: DeliveryRules, pickupOffered = true): RuleNotice[] {
  if (!isPhysical(item.kind)) return [];
  const notices: RuleNotice[] = [];
  if (rules.noDeliveryCountries.length) notices.push({ key: 'delivery.notice.no-delivery', countries: rules.noDeliveryCountries });
  if (isRussiaOnly(item.deliveryClass)) notices.push({ key: pickupOffered ? 'delivery.notice.russia-only' : 'delivery.notice.russia-only-no-pickup', countries: [rules.russiaOnlyCountry] });
  if (item.deliveryClass === 'ships-without-battery') notices.push({ key: 'delivery.notice.without-battery', countries: [rules.russiaOnlyCountry] });
  if (isClothingOrShoes(item.deliveryClass) && rules.noClothingCountries.length) {
    notices.push({ key: `delivery.notice.no-${item.deliveryClass}`, countries: rules.noClothingCountries });
  }
  if (item.allowedCountries.length) notices.push({ key: 'delivery.notice.only-countries', countries: item.allowedCountries });
  if (item.forbiddenCountries.length) notices.push({ key: 'delivery.notice.not-countries', countries: item.forbiddenCountries });
  return notices;
}
