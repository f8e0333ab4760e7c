/** The orders module's database keys (shared by its stores; private to the module). */
import type { LineReplacement, StatusChange } from './domain';

export const ORDER_KEYS = {
  ids: 'bonus:ids',
  idField: 'nextOrderId',
  order: (id: number) => `bonus:order:${id}`,
  steps: (id: number) => `bonus:order:${id}:steps`,
  history: (id: number) => `bonus:order:${id}:history`,
  replacements: (id: number) => `bonus:order:${id}:replacements`,
  byMember: (uid: number) => `bonus:orders:uid:${uid}`,
  /** A member's paid orders with a licence line (id → paid time): the purchases page reads a page of it. */
  licencesOf: (uid: number) => `bonus:orders:uid:${uid}:licences`,
  all: 'bonus:orders:all',
  /** Paid orders by current status (id → paid time), kept with the history; the ACP's status filter. */
  byStatus: (status: string) => `bonus:orders:status:${status}`,
  /** Paid orders holding a product, as bought or by replacement (id → paid time); the ACP's product filter. */
  byProduct: (productId: number) => `bonus:orders:product:${productId}`,
  keys: 'bonus:orders:keys',
  /** Earlier versions' payment key claims (a hash); now `keyClaims`. */
  claims: 'bonus:orders:claims',
  /** Payment keys being paid: `{uid}:{key}` → when its payment claimed it (a lease; left when committed). */
  keyClaims: 'bonus:orders:key-claims',
  inflight: 'bonus:orders:inflight',
  /** The one lease of each order (field = order id) and when it ends. */
  orderLocks: 'bonus:orders:order-locks',
  orderLeases: 'bonus:orders:order-lock-leases',
  /** The change under way on an order (one member: its JSON; score = when it was decided). */
  pending: (id: number) => `bonus:order:${id}:pending`,
  /** Orders with a change under way (score = when it was decided), for the recovery job. */
  pendingAll: 'bonus:orders:pending',
  purchases: (uid: number) => `bonus:orders:purchases:${uid}`,
  awaitingCodes: 'bonus:orders:awaiting-codes',
  /** Sellers' prize orders not yet shipped: order id → ship-by time (§9.2.1); left when shipped, delivered or cancelled. */
  prizesDue: 'bonus:orders:prizes-due',
  /** Earlier versions' checkout locks (ended by their leases); now `memberLeases`. */
  locks: 'bonus:orders:locks',
  leases: 'bonus:orders:lock-leases',
  /** The members' checkout locks: uid → when it was taken (a lease). */
  memberLeases: 'bonus:orders:member-leases',
  profile: (uid: number) => `bonus:checkout:profile:${uid}`,
};

/**
 * What earlier versions wrote under an order's lease before a change's steps (a refund of lines with
 * the history entry it ends with, or a replacement with its record); read by the upgrade only
 * (lib/upgrades/order-pending-steps.ts), written by tests of that upgrade.
 */
export type PendingChange =
  | { kind: 'refund'; lines: number[]; change: StatusChange }
  | { kind: 'replace'; rec: LineReplacement; quantity: number };

export interface InflightPayment {
  id: number;
  uid: number;
  key: string;
  record: string;
  startedAt: number;
}
