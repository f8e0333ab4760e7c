/**
 * Orders (PROGRAM §5, §8), pure: the order's shape, the status state machine (a transition table and
 * a guard), and the checkout contact and delivery data. Internal states of payment (`placing`, `void`)
 * never reach a member: an order is visible from `paid` on.
 */
import type { Programme } from '../../kernel/programmes';
import { isPhysical, type LocalizedText, type ProductKind } from '../catalog';
import type { CountryCode } from '../../kernel/countries';
import type { DeliveryMethod } from './domain-delivery';

export const ORDER_STATUSES = ['paid', 'processing', 'shipped', 'delivered', 'partly-refunded', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where an order may go next. `partly-refunded` keeps the order going with fewer lines. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  paid: ['processing', 'partly-refunded', 'cancelled'],
  processing: ['shipped', 'delivered', 'partly-refunded', 'cancelled'],
  'partly-refunded': ['processing', 'shipped', 'delivered', 'partly-refunded', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Statuses after which nothing is given back any more. */
export function isFinal(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

export interface ContactInfo {
  name: string;
  email: string;
  phone: string;
}

export interface DeliveryAddress {
  method: DeliveryMethod;
  country: CountryCode;
  region: string;
  city: string;
  address: string;
  postcode: string;
}

export interface OrderLine {
  productId: number;
  variantId: string | null;
  variantLabel: string | null;
  region: string | null;
  amount: number | null;
  quantity: number;
  kind: ProductKind;
  categoryId: number | null;
  title: LocalizedText;
  unitPriceInPoints: number;
  lineTotal: number;
  discountShare: number;
  paidInPoints: number;
  withoutBattery: boolean;
}

export interface Order {
  id: number;
  uid: number;
  /** Whose points paid (PROGRAM §9); orders written before the sellers' programme read as `club`. */
  programme: Programme;
  /** Sellers' prizes: shipped by this time (order + the shipping days setting, §9.2.1); null for club orders. */
  shipBy: number | null;
  idempotencyKey: string;
  lines: OrderLine[];
  subtotal: number;
  discount: number;
  total: number;
  promo: { group: string; percent: number } | null;
  contact: ContactInfo;
  /** null when nothing is shipped (licenses, gift cards, top-ups only). */
  delivery: DeliveryAddress | null;
  createdAt: number;
}

export interface StatusChange {
  seq: number;
  status: OrderStatus;
  at: number;
  actorUid: number;
  /** Tracking number, reason, a note to the member (free text). */
  note: string;
  /** Set when the entry records a line replaced at packing (the status stays what it was). */
  replacement?: LineReplacement;
}

/**
 * A line replaced at packing (an item out of stock swapped for another product): written once per
 * line, with who did it and when, and how the price difference was settled.
 */
export interface LineReplacement {
  line: number;
  /** The history entry that records it. */
  seq: number;
  at: number;
  actorUid: number;
  /** The order's status then (the history entry keeps it) and the admin's note to the member. */
  status: OrderStatus;
  note: string;
  from: Pick<OrderLine, 'productId' | 'variantId' | 'variantLabel' | 'title' | 'kind' | 'categoryId' | 'unitPriceInPoints' | 'lineTotal' | 'paidInPoints'>;
  to: Pick<OrderLine, 'productId' | 'variantId' | 'variantLabel' | 'title' | 'kind' | 'categoryId' | 'unitPriceInPoints' | 'lineTotal' | 'paidInPoints' | 'withoutBattery'>;
  /** Points given back to the member (the replacement costs less); 0 otherwise. */
  refund: number;
  /** Points the club covered (the replacement costs more); 0 otherwise. */
  clubPays: number;
}

/** Statuses in which a line may still be replaced (the order is not packed yet). */
export const REPLACEABLE_STATUSES: readonly OrderStatus[] = ['paid', 'processing'];

/**
 * What the member pays for a replacement line: its total less the order's promo discount (the same
 * percent, rounded down as at checkout), and the difference to what the replaced line cost them
 * (> 0: to give back; < 0: the club pays it, the member is never charged).
 */
export function replacementPrice(lineTotal: number, promoPercent: number, oldPaid: number): { paid: number; difference: number } {
  const paid = lineTotal - Math.floor((lineTotal * promoPercent) / 100);
  return { paid, difference: oldPaid - paid };
}

/** The order's lines as they stand after the replacements recorded so far. */
export function applyReplacements(order: Order, replacements: ReadonlyMap<number, LineReplacement>): Order {
  if (replacements.size === 0) return order;
  return {
    ...order,
    lines: order.lines.map((l, i) => {
      const r = replacements.get(i);
      return r ? { ...l, ...r.to, discountShare: r.to.lineTotal - r.to.paidInPoints } : l;
    }),
  };
}

/**
 * Souvenirs still in the order, counted as the souvenir minimum is at checkout: without licenses
 * (and other non-physical kinds) and before the discount. `lines` are the lines left in the order.
 */
export function souvenirSubtotal(lines: readonly Pick<OrderLine, 'kind' | 'lineTotal'>[]): { count: number; subtotal: number } {
  const souvenirs = lines.filter((l) => isPhysical(l.kind));
  return { count: souvenirs.length, subtotal: souvenirs.reduce((s, l) => s + l.lineTotal, 0) };
}

/**
 * PROGRAM §6: dropping or replacing lines must not quietly take a souvenir order below the minimum.
 * Warns (returns the new subtotal) when souvenirs are left, they total less than `minimum`, and
 * the change lowers the subtotal; null otherwise.
 */
export function belowMinimum(before: number, after: { count: number; subtotal: number }, minimum: number): number | null {
  return after.count > 0 && after.subtotal < minimum && after.subtotal < before ? after.subtotal : null;
}

/** Lines refunded so far and the points they gave back. */
export function refundedPoints(order: Pick<Order, 'lines'>, refundedLines: ReadonlySet<number>): number {
  return order.lines.reduce((s, l, i) => s + (refundedLines.has(i) ? l.paidInPoints : 0), 0);
}

/**
 * The status a refund of `lines` leads to: `cancelled` when no line is left, `partly-refunded`
 * otherwise; refused (null) from a status that gives nothing back any more.
 */
export function statusAfterRefund(current: OrderStatus, lineCount: number, refundedAfter: ReadonlySet<number>): OrderStatus | null {
  const next: OrderStatus = refundedAfter.size >= lineCount ? 'cancelled' : 'partly-refunded';
  return canTransition(current, next) ? next : null;
}

/** Not yet on its way (a prize order in one of these after its ship-by time is late, §9.2.1). */
export function awaitsShipment(status: OrderStatus): boolean {
  return status === 'paid' || status === 'processing' || status === 'partly-refunded';
}

/** A prize order past its ship-by time and not shipped (the ACP flags it, the seller sees it). */
export function isLate(s: { status: OrderStatus; order: Pick<Order, 'shipBy'> }, now: number): boolean {
  return s.order.shipBy !== null && s.order.shipBy < now && awaitsShipment(s.status);
}

/** A paid order's first history entry (deterministic). */
export function paidChange(order: Order): StatusChange {
  return { seq: 1, status: 'paid', at: order.createdAt, actorUid: order.uid, note: '' };
}
