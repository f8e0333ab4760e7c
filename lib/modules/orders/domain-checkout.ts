/**
 * Pricing and the checkout rules (PROGRAM §5–§8), pure: lines × prices, the group discount by promo
 * code, the souvenir minimum, delivery restrictions, purchase limits and stock. `quote` never throws
 * for a business rule: every refusal is a value naming the rule and the lines it concerns, so the
 * cart can show all of them at once and payment can refuse with the first.
 *
 * Invariants: amounts are integers; `total = subtotal − discount`; the discount is split over the
 * lines so that Σ line.paidInPoints = total exactly (refunds of single lines give back what was paid).
 */
import type { Product, PurchaseLimit } from '../catalog';
import { MAX_ENTRY_POINTS } from '../../kernel/points';
import type { Programme } from '../../kernel/programmes';
import { checkTopUpAmount, isPhysical } from '../catalog';
import type { CountryCode } from '../../kernel/countries';
import { canBeCollectedInstead, checkDelivery, type DeliveryMethod, type DeliveryRule, type DeliveryRules } from './domain-delivery';
import { checkPurchaseLimit, type PastPurchase } from './domain-limits';

export interface CheckoutLine {
  productId: number;
  variantId: string | null;
  region: string | null;
  amount: number | null;
  quantity: number;
}

/** A group's promo code and discount (settings; roles mapped to forum groups). */
export interface PromoCode {
  code: string;
  group: string;
  percent: number;
}

export interface DeliveryChoice {
  method: DeliveryMethod;
  country: CountryCode;
}

export interface QuoteInput {
  lines: CheckoutLine[];
  /** The products the lines name, as stored (missing ones are refused). */
  products: ReadonlyMap<number, Product>;
  /** Units available per `stockKey` (display counters; payment's reservation is the binding check); absent = unlimited. */
  available: ReadonlyMap<string, number>;
  /** null until the member has chosen delivery (the cart): delivery rules are then not checked. */
  delivery: DeliveryChoice | null;
  deliveryRules: DeliveryRules;
  /** A pickup place is configured (pickup is offered only for items that cannot be sent, §7). */
  pickupOffered: boolean;
  promoCode: string;
  memberGroups: readonly string[];
  promos: readonly PromoCode[];
  minSouvenirOrder: number;
  /** The member's earlier purchases (cancelled lines excluded). */
  history: readonly PastPurchase[];
  now: number;
  /** The programmes the member takes part in (a seller's prize for anyone else is "not on sale"); default club only. */
  memberProgrammes?: readonly Programme[];
  /** Sellers' prizes (§6.2.1): accepted sales towards the next prize order, and how many it takes. */
  gate?: { have: number; need: number } | null;
}

/**
 * The largest order total (issue 11, item 4): the ledger's largest single entry, since the whole
 * total is held in one entry at payment. A quote above it is refused with this figure, so that a
 * quote without refusals is always payable; the cart refuses a line that alone goes above it.
 */
export const MAX_ORDER_POINTS = MAX_ENTRY_POINTS;

export type RefusalCode =
  | 'empty-cart' | 'not-on-sale' | 'choose-size' | 'choose-region' | 'top-up-amount'
  | 'out-of-stock' | 'not-enough-stock' | 'limit-exceeded' | 'limit-quantity-too-large'
  | 'delivery-refused' | 'pickup-not-allowed' | 'pickup-not-offered' | 'souvenir-minimum'
  | 'promo-unknown' | 'promo-not-member' | 'promo-one-code' | 'order-too-large'
  | 'mixed-programmes' | 'promo-club-only' | 'prize-gate' | 'prizes-russia-only';

/**
 * Why a delivery was refused: the delivery rule, except that a Russia-only item abroad says whether
 * pickup can be chosen instead (`russia-only`) or not, because no pickup place is set
 * (`russia-only-no-pickup`): a refusal names its real cause.
 */
export type RefusedDeliveryRule = DeliveryRule | 'russia-only-no-pickup';

export interface Refusal {
  code: RefusalCode;
  /** Indexes into the input lines. */
  lines: number[];
  productIds: number[];
  /** For `delivery-refused`: the rule that refused. */
  rule?: RefusedDeliveryRule;
  /** Numbers the message names (units available, limit, minimum, …). */
  args: number[];
}

export interface PricedLine extends CheckoutLine {
  index: number;
  kind: Product['kind'];
  categoryId: number | null;
  unitPriceInPoints: number;
  lineTotal: number;
  /** This line's part of the discount. */
  discountShare: number;
  paidInPoints: number;
  /** Shipped abroad without its batteries (§7). */
  withoutBattery: boolean;
}

export interface Quote {
  /** Whose points pay: the programme of the cart's products (club for an empty or mixed cart, which is refused). */
  programme: Programme;
  lines: PricedLine[];
  subtotal: number;
  /** Souvenirs only, before the discount: what the minimum is counted on. */
  souvenirSubtotal: number;
  needsShipping: boolean;
  promo: PromoCode | null;
  discount: number;
  total: number;
  /** Pickup may be chosen (an item cannot be sent to the chosen country only because of the Russia-only rule). */
  pickupAllowed: boolean;
  refusals: Refusal[];
}

/** The stock counter a line draws on (licenses of different regions share one pool). */
export function stockKey(line: Pick<CheckoutLine, 'productId' | 'variantId'>): string {
  return `${line.productId}:${line.variantId ?? ''}`;
}

const refuse = (code: RefusalCode, lines: PricedLine[] | CheckoutLine[], indexes: number[], args: number[] = [], rule?: RefusedDeliveryRule): Refusal => ({
  code, lines: indexes, productIds: [...new Set(indexes.map((i) => lines[i]?.productId ?? 0))], args, ...(rule ? { rule } : {}),
});

/** Which promo code the member typed, if any: trimmed, case-insensitive; more than one word is refused. */
export function resolvePromo(input: string, promos: readonly PromoCode[], memberGroups: readonly string[]):
  { ok: true; promo: PromoCode | null } | { ok: false; code: 'promo-unknown' | 'promo-not-member' | 'promo-one-code' } {
  const typed = input.trim();
  if (typed === '') return { ok: true, promo: null };
  if (/[\s,;]/.test(typed)) return { ok: false, code: 'promo-one-code' };
  const matches = promos.filter((p) => p.code !== '' && p.code.toUpperCase() === typed.toUpperCase());
  if (matches.length === 0) return { ok: false, code: 'promo-unknown' };
  const usable = matches.filter((p) => memberGroups.includes(p.group)).sort((a, b) => b.percent - a.percent);
  return usable.length ? { ok: true, promo: usable[0] } : { ok: false, code: 'promo-not-member' };
}

/**
 * Splits `discount` over line totals in proportion, in whole points: each line gets the floor of its
 * share, and the points left over go one each to the lines with the largest remainders (ties: first).
 */
export function splitDiscount(lineTotals: readonly number[], discount: number): number[] {
  const subtotal = lineTotals.reduce((a, b) => a + b, 0);
  if (subtotal === 0 || discount === 0) return lineTotals.map(() => 0);
  const exact = lineTotals.map((t) => (t * discount) / subtotal);
  const shares = exact.map(Math.floor);
  let left = discount - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

function validLine(line: CheckoutLine, product: Product | undefined, programmes: readonly Programme[]): RefusalCode | null {
  if (!product || product.visibility !== 'on-sale' || !programmes.includes(product.programme)) return 'not-on-sale';
  if (product.variants.length ? !product.variants.some((v) => v.id === line.variantId) : line.variantId !== null) return 'choose-size';
  if (product.kind === 'license' && (!line.region || !product.activationRegions.includes(line.region))) return 'choose-region';
  if (product.kind === 'mobile-top-up' && (!product.topUp || !checkTopUpAmount(product.topUp, line.amount ?? 0).ok)) return 'top-up-amount';
  return null;
}

export function unitPrice(line: Pick<CheckoutLine, 'amount'>, product: Product): number {
  return product.kind === 'mobile-top-up' ? (line.amount ?? 0) : product.priceInPoints;
}

function checkStock(priced: PricedLine[], available: ReadonlyMap<string, number>): Refusal[] {
  const wanted = new Map<string, PricedLine[]>();
  for (const l of priced) wanted.set(stockKey(l), [...(wanted.get(stockKey(l)) ?? []), l]);
  const out: Refusal[] = [];
  for (const [key, lines] of wanted) {
    const have = available.get(key);
    if (have === undefined) continue;
    const need = lines.reduce((s, l) => s + l.quantity, 0);
    const at = { lines: lines.map((l) => l.index), productIds: [lines[0].productId] };
    if (have <= 0) out.push({ code: 'out-of-stock', ...at, args: [] });
    else if (have < need) out.push({ code: 'not-enough-stock', ...at, args: [have] });
  }
  return out;
}

function checkLimits(priced: PricedLine[], products: ReadonlyMap<number, Product>, history: readonly PastPurchase[], now: number): Refusal[] {
  const out: Refusal[] = [];
  const seen: PastPurchase[] = [...history];
  for (const l of priced) {
    const limit: PurchaseLimit | null = products.get(l.productId)?.limit ?? null;
    const r = checkPurchaseLimit({ limit, productId: l.productId, categoryId: l.categoryId, quantity: l.quantity, history: seen, now });
    if (!r.ok) out.push({ code: r.code, lines: [l.index], productIds: [l.productId], args: [r.maxUnits, r.months] });
    // Earlier lines of this order count against later ones (two sizes of one limited item).
    seen.push({ productId: l.productId, categoryId: l.categoryId, quantity: l.quantity, at: now });
  }
  return out;
}

function checkDeliveryRules(priced: PricedLine[], input: QuoteInput): { refusals: Refusal[]; pickupAllowed: boolean } {
  const physical = priced.filter((l) => isPhysical(l.kind));
  if (!input.delivery || physical.length === 0) return { refusals: [], pickupAllowed: false };
  const { country, method } = input.delivery;
  const item = (l: PricedLine) => input.products.get(l.productId)!;
  const pickupAllowed = input.pickupOffered && physical.some((l) => canBeCollectedInstead(item(l), country, input.deliveryRules));
  if (method === 'pickup') {
    // No pickup place set: pickup is not offered at all; otherwise it is only for what cannot be sent.
    const code = !input.pickupOffered ? 'pickup-not-offered' : 'pickup-not-allowed';
    return { refusals: pickupAllowed ? [] : [refuse(code, priced, physical.map((l) => l.index))], pickupAllowed };
  }
  const byRule = new Map<RefusedDeliveryRule, number[]>();
  for (const l of physical) {
    const r = checkDelivery(item(l), country, 'delivery', input.deliveryRules);
    if (r.ok) l.withoutBattery = r.withoutBattery;
    else {
      const rule = r.rule === 'russia-only' && !input.pickupOffered ? 'russia-only-no-pickup' : r.rule;
      byRule.set(rule, [...(byRule.get(rule) ?? []), l.index]);
    }
  }
  const refusals = [...byRule].map(([rule, indexes]) => ({
    code: 'delivery-refused' as const, lines: indexes, productIds: [...new Set(indexes.map((i) => priced.find((l) => l.index === i)!.productId))], args: [], rule,
  }));
  return { refusals, pickupAllowed };
}

/** Prices the lines and checks every rule; see the file comment. */
export function quote(input: QuoteInput): Quote {
  const refusals: Refusal[] = [];
  if (input.lines.length === 0) refusals.push({ code: 'empty-cart', lines: [], productIds: [], args: [] });
  const priced: PricedLine[] = [];
  const memberProgrammes = input.memberProgrammes ?? ['club'];
  input.lines.forEach((line, index) => {
    const product = input.products.get(line.productId);
    const problem = validLine(line, product, memberProgrammes);
    if (problem || !product) {
      refusals.push(refuse(problem ?? 'not-on-sale', input.lines, [index]));
      return;
    }
    const unit = unitPrice(line, product);
    priced.push({
      ...line, index, kind: product.kind, categoryId: product.categoryId, unitPriceInPoints: unit,
      lineTotal: unit * line.quantity, discountShare: 0, paidInPoints: unit * line.quantity, withoutBattery: false,
    });
  });

  // One programme's points pay for an order (PROGRAM §9): a cart holding both is refused as a whole.
  const programmes = [...new Set(priced.map((l) => input.products.get(l.productId)!.programme))];
  const programme: Programme = programmes.length === 1 ? programmes[0] : 'club';
  if (programmes.length > 1) refusals.push(refuse('mixed-programmes', priced, priced.map((l) => l.index)));
  const prizes = programme === 'sellers' && programmes.length === 1;
  if (prizes && input.gate && input.gate.have < input.gate.need) refusals.push({ code: 'prize-gate', lines: [], productIds: [], args: [input.gate.have, input.gate.need] });
  if (prizes && input.delivery && priced.some((l) => isPhysical(l.kind)) && input.delivery.country !== input.deliveryRules.russiaOnlyCountry) {
    // §9.2.1: prizes ship within Russia only
    refusals.push(refuse('prizes-russia-only', priced, priced.filter((l) => isPhysical(l.kind)).map((l) => l.index)));
  }

  refusals.push(...checkStock(priced, input.available));
  refusals.push(...checkLimits(priced, input.products, input.history, input.now));
  const delivery = checkDeliveryRules(priced, input);
  refusals.push(...delivery.refusals);

  const souvenirs = priced.filter((l) => isPhysical(l.kind));
  const souvenirSubtotal = souvenirs.reduce((s, l) => s + l.lineTotal, 0);
  // the souvenir minimum is the club's rule (§6); sellers' prizes have none
  if (!prizes && souvenirs.length > 0 && souvenirSubtotal < input.minSouvenirOrder) {
    refusals.push({ code: 'souvenir-minimum', lines: souvenirs.map((l) => l.index), productIds: [...new Set(souvenirs.map((l) => l.productId))], args: [input.minSouvenirOrder, souvenirSubtotal] });
  }

  // group discounts are the club's (issue 16, item 1): a code typed for a prize order is refused
  const promo = prizes && input.promoCode.trim() !== '' ? { ok: false as const, code: 'promo-club-only' as const } : resolvePromo(input.promoCode, input.promos, input.memberGroups);
  if (!promo.ok) refusals.push({ code: promo.code, lines: [], productIds: [], args: [] });
  const applied = promo.ok ? promo.promo : null;

  const subtotal = priced.reduce((s, l) => s + l.lineTotal, 0);
  if (subtotal > MAX_ORDER_POINTS) {
    refusals.push({ code: 'order-too-large', lines: priced.map((l) => l.index), productIds: [...new Set(priced.map((l) => l.productId))], args: [MAX_ORDER_POINTS, subtotal] });
  }
  const discount = applied ? Math.floor((subtotal * applied.percent) / 100) : 0;
  const shares = splitDiscount(priced.map((l) => l.lineTotal), discount);
  priced.forEach((l, i) => {
    l.discountShare = shares[i];
    l.paidInPoints = l.lineTotal - shares[i];
  });
  return {
    programme, lines: priced, subtotal, souvenirSubtotal, needsShipping: souvenirs.length > 0, promo: applied, discount,
    total: subtotal - discount, pickupAllowed: delivery.pickupAllowed, refusals,
  };
}
