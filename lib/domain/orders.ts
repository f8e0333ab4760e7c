/**
 * Orders (PROGRAM §5, §8), pure: the order's shape, the status state machine (a transition table and
 * a guard), and the checkout contact and delivery data. Internal states of payment (`placing`, `void`)
 * never reach a member: an order is visible from `paid` on.
 */
import type { LocalizedText, ProductKind } from './catalog';
import type { CountryCode } from './countries';
import type { DeliveryMethod } from './delivery';

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
