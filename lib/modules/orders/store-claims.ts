/**
 * Claims on host.db. Decisions rest on atomic primitives only (ARCHITECTURE.md "Data"):
 * - opening a claim is the order's workflow `claim-open` (service-claims.ts), run under the order's
 *   lease: "one open claim per order" is decided there on the claims' sorted sets; the last step
 *   writes the member's client key into `bonus:claims:keys` (a sorted set: never cached), so a
 *   repeated open returns the first claim;
 * - "one close per claim" is a lease in a sorted set, won by a sorted-set increment by the claim time
 *   (the winner reads back exactly its own time, as `takeLease` in lease.ts); a lease whose holder
 *   stopped before its work was recorded is taken over once older than `CLAIM_LEASE_MS`, so a crash
 *   never blocks a claim for good;
 * - a claim is closed once its close lease is taken; the closing is recorded when the claim joins
 *   `bonus:claims:closed` (the last write); steps that must happen once (giving the order's slot
 *   back) are counters read back from their increment;
 * - the points refunded by each claim of an order sit in a sorted set (score = points), so the
 *   refundable rest is read uncached.
 * The claim hash (`bonus:claim:{id}`, field `data`) is written once; field `closing` is the closing,
 * for display.
 */
import type { Database } from '../../host/index';
import { takeLease } from '../../kernel/lease';
import type { Claim, ClaimClosing, ClaimMessage } from './domain-claims';
import { parseStored } from '../../kernel/json';

export const CLAIM_KEYS = {
  ids: 'bonus:ids',
  idField: 'nextClaimId',
  claim: (id: number) => `bonus:claim:${id}`,
  messages: (id: number) => `bonus:claim:${id}:messages`,
  counters: (id: number) => `bonus:claim:${id}:counters`,
  byMember: (uid: number) => `bonus:claims:uid:${uid}`,
  byOrder: (orderId: number) => `bonus:claims:order:${orderId}`,
  refunds: (orderId: number) => `bonus:claims:refunds:${orderId}`,
  open: 'bonus:claims:open',
  closed: 'bonus:claims:closed',
  keys: 'bonus:claims:keys',
  /** Leases of openings in progress, written by versions before openings were a workflow (no longer read). */
  keyLeases: 'bonus:claims:key-leases',
  orderSlots: 'bonus:claims:order-open',
  closeClaims: 'bonus:claims:close-claims',
  steps: 'bonus:claims:steps',
};
const K = CLAIM_KEYS;

/** A close that took its lease and has not recorded its work after this long has stopped. */
export const CLAIM_LEASE_MS = 120_000;



export class ClaimStore {
  constructor(readonly db: Database) {}

  newId(): Promise<number> {
    return this.db.incrObjectField(K.ids, K.idField);
  }

  // --- the client key --------------------------------------------------------------------------

  claimIdByKey(uid: number, key: string): Promise<number | null> {
    return this.db.sortedSetScore(K.keys, `${uid}:${key}`);
  }

  /** The key now names the claim (the last step of the opening; idempotent). */
  async commitKey(uid: number, key: string, id: number): Promise<void> {
    await this.db.sortedSetAdd(K.keys, id, `${uid}:${key}`);
  }

  // --- one open claim per order ----------------------------------------------------------------

  /**
   * Gives back a slot an earlier version took for the order's open claim when that claim closed at
   * `closedAt` (idempotent; only a slot taken before that closing). Openings no longer take slots:
   * one open claim per order is decided under the order's lease on the claims themselves.
   */
  async releaseOrderSlot(orderId: number, closedAt: number): Promise<void> {
    const takenAt = await this.db.sortedSetScore(K.orderSlots, String(orderId));
    if (takenAt !== null && takenAt <= closedAt) await this.db.sortedSetRemove(K.orderSlots, String(orderId));
  }

  async orderHasOpenClaim(orderId: number): Promise<boolean> {
    return (await this.openClaimOfOrder(orderId)) !== null;
  }

  /** The order's claim that is not closed, if any (uncached: sorted sets only; an order has a few claims). */
  async openClaimOfOrder(orderId: number): Promise<number | null> {
    for (const id of await this.orderClaimIds(orderId)) if (!(await this.isClosed(id))) return id;
    return null;
  }

  /** A lease (lease.ts) of CLAIM_LEASE_MS on `member` of `key`, taken over when stale and not `done`. */
  private lease(key: string, member: string, now: number, done: () => Promise<boolean>): Promise<boolean> {
    return takeLease(this.db, key, member, now, CLAIM_LEASE_MS, done);
  }

  // --- the claim -------------------------------------------------------------------------------

  /** Writes a new claim and lists it (member, order, open). */
  async create(claim: Claim, key: string): Promise<void> {
    await this.db.setObject(K.claim(claim.id), { data: JSON.stringify(claim), uid: claim.uid, orderId: claim.orderId, key });
    await this.db.sortedSetAddBulk([
      [K.byMember(claim.uid), claim.createdAt, claim.id],
      [K.byOrder(claim.orderId), claim.createdAt, claim.id],
      [K.open, claim.createdAt, claim.id],
    ]);
  }

  async get(id: number): Promise<Claim | null> {
    return parseStored<Claim>(await this.db.getObjectField(K.claim(id), 'data'));
  }

  async getMany(ids: number[]): Promise<Claim[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.claim), ['data']);
    return rows.flatMap((r) => {
      const c = parseStored<Claim>(r.data);
      return c ? [c] : [];
    });
  }

  async memberClaimIds(uid: number): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.byMember(uid), 0, -1)).map(Number);
  }

  async orderClaimIds(orderId: number): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.byOrder(orderId), 0, -1)).map(Number);
  }

  /** Open claims oldest first (they wait longest), closed ones newest first. */
  async openIds(): Promise<number[]> {
    return (await this.db.getSortedSetRange(K.open, 0, -1)).map(Number);
  }

  async closedIds(): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.closed, 0, -1)).map(Number);
  }

  // --- closing ---------------------------------------------------------------------------------

  /** True for the one admin whose close takes effect (or who takes over a close that stopped). */
  winClose(id: number, now: number): Promise<boolean> {
    return this.lease(K.closeClaims, String(id), now, () => this.isClosingRecorded(id));
  }

  /** Closed from the moment an admin's close took the lease (no more messages). */
  async isClosed(id: number): Promise<boolean> {
    return ((await this.db.sortedSetScore(K.closeClaims, String(id))) ?? 0) > 0;
  }

  isClosingRecorded(id: number): Promise<boolean> {
    return this.db.isSortedSetMember(K.closed, id);
  }

  /** Idempotent; joining `closed` is the last write, the commit point of the closing. */
  async writeClosing(claim: Claim, closing: ClaimClosing): Promise<void> {
    await this.db.setObjectField(K.claim(claim.id), 'closing', JSON.stringify(closing));
    if (closing.amount > 0) await this.db.sortedSetAdd(K.refunds(claim.orderId), closing.amount, claim.id);
    await this.db.sortedSetRemove(K.open, claim.id);
    await this.db.sortedSetAdd(K.closed, closing.at, claim.id);
  }

  async closing(id: number): Promise<ClaimClosing | null> {
    return parseStored<ClaimClosing>(await this.db.getObjectField(K.claim(id), 'closing'));
  }

  /** Points refunded by the order's claims so far (uncached: a sorted set's scores). */
  async refundedByClaims(orderId: number, exceptClaimId?: number): Promise<number> {
    const rows = await this.db.getSortedSetRangeWithScores(K.refunds(orderId), 0, -1);
    return rows.reduce((s, r) => s + (Number(r.value) === exceptClaimId ? 0 : r.score), 0);
  }

  // --- the thread ------------------------------------------------------------------------------

  async addMessage(claimId: number, m: Omit<ClaimMessage, 'seq'>): Promise<ClaimMessage> {
    const seq = await this.db.incrObjectField(K.counters(claimId), 'message');
    const message: ClaimMessage = { seq, ...m };
    await this.db.sortedSetAdd(K.messages(claimId), seq, JSON.stringify(message));
    return message;
  }

  async messages(claimId: number): Promise<ClaimMessage[]> {
    const rows = await this.db.getSortedSetRange(K.messages(claimId), 0, -1);
    return rows.flatMap((r) => {
      const m = parseStored<ClaimMessage>(r);
      return m ? [m] : [];
    });
  }
}
