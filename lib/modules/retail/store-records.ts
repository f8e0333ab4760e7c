/**
 * The retail programme's stored shapes: its keys under `bonus:retail:` and the records kept there
 * (sellers, sales, retail products). Read and written only through store.ts.
 */
import type { ActivationCode } from '../catalog';

export const RETAIL_KEYS = {
  ids: 'bonus:retail:ids',
  /** Hash code → claim count; `=== 1` wins the code (one code, one sale, whoever raced). */
  codeClaims: 'bonus:retail:code-claims',
  /** Sorted set value = code, score = sale id. */
  codes: 'bonus:retail:codes',
  sale: (id: number) => `bonus:retail:sale:${id}`,
  sellerSales: (uid: number) => `bonus:retail:seller:${uid}:sales`,
  /** The seller's accepted sales (sale id → id): adding and removing are idempotent, so a repeated step counts once. */
  sellerAccepted: (uid: number) => `bonus:retail:seller:${uid}:accepted`,
  registry: (productId: string) => `bonus:retail:registry:${productId}`,
  blacklist: 'bonus:retail:blacklist',
  /** Hash uid → count, one per day / per hour. */
  daily: (day: string) => `bonus:retail:daily:${day}`,
  failures: (hour: string) => `bonus:retail:failures:${hour}`,
  /**
   * The ACP dashboard's daily figures (issue 21), hash per club day: `registered` (sales written),
   * `instant` / `review` (accepted at once / sent to review), `refused` and `refused:{code}` (attempts
   * refused: a duplicate is `refused:already-registered`), `approved` / `rejected` (review decisions
   * of that day). A sale's and a decision's figures are added once by their workflow (`ctx.once`).
   */
  figures: (day: string) => `bonus:retail:figures:${day}`,
  review: 'bonus:retail:review',
  /** The seller's membership (hash) and the members by status (sorted sets uid → applied at). */
  member: (uid: number) => `bonus:retail:member:${uid}`,
  members: 'bonus:retail:members',
  membersByStatus: (status: string) => `bonus:retail:members:${status}`,
  /** Named locks (a member's application and annulment) and their leases. */
  locks: 'bonus:retail:locks',
  lockLeases: 'bonus:retail:lock-leases',
  /** Retail products: sorted set id → position, a hash per product. */
  products: 'bonus:retail:products',
  product: (id: string) => `bonus:retail:product:${id}`,
  /**
   * The gate (seed §6.2.1): prize order id → the accepted sales it used. One write uses them (and
   * writing it again is the same), one removal gives them back: no step of it can be half done.
   */
  gateUses: (uid: number) => `bonus:retail:seller:${uid}:gate-uses`,
} as const;

export type SellerStatus = 'pending' | 'active' | 'rejected' | 'annulled';
export const SELLER_STATUSES: readonly SellerStatus[] = ['pending', 'active', 'rejected', 'annulled'];

export interface SellerRecord {
  uid: number;
  status: SellerStatus;
  /** Member-written: shown escaped, never a translation key. */
  shopName: string;
  city: string;
  address: string;
  appliedAt: number;
  decidedAt: number;
  /** The admin's reason of a rejection or an annulment (admin-written text). */
  reason: string;
  /** Accepted sales so far. */
  acceptedSales: number;
  /** Accepted sales already used by paid prize orders (the gate, seed §6.2.1). */
  gateUsed: number;
}

/** A retail product as stored (the admin's list; `active: false` hides it from sellers). */
export interface RetailProductRow {
  id: string;
  name: string;
  points: number;
  mode: 'registry' | 'review';
  active: boolean;
}

export type SaleStatus = 'pending' | 'accepted' | 'rejected';

export interface Sale {
  id: number;
  uid: number;
  code: ActivationCode;
  productId: string;
  points: number;
  status: SaleStatus;
  /** Accepted at once but in the review queue for a spot check. */
  spotCheck: boolean;
  createdAt: number;
  reason?: string;
  /** A photo of the box the seller attached (an address on the forum or http(s)); shown in the review queue. */
  photo?: string;
}
