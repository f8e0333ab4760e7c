/**
 * What a payment keeps beside the order (private to the orders module; OrderStore extends it): the
 * client keys (a lease while paying, then the order they answer with), the member's checkout lock,
 * the remembered contact and delivery data, the purchases counted by limits, and the records of
 * payments an earlier version left under way.
 */
import { takeLease } from '../../kernel/lease';
import type { Database } from '../../host/index';
import type { ContactInfo, DeliveryAddress } from './domain';
import type { PastPurchase } from './domain-limits';
import { ORDER_KEYS as K, type InflightPayment } from './store-keys';
import { parseStored } from '../../kernel/json';

export class CheckoutStore {
  constructor(readonly db: Database) {}

  // --- idempotency ---------------------------------------------------------------------------

  /** The paid order of a member's idempotency key, if any. */
  async orderIdByKey(uid: number, key: string): Promise<number | null> {
    return this.db.sortedSetScore(K.keys, `${uid}:${key}`);
  }

  /**
   * True for the one caller who pays with this key now (a lease, lease.ts): the rest wait for it. A
   * claim whose payment stopped before writing anything is taken over when its lease ends, unless the
   * key was committed meanwhile.
   */
  claimKey(uid: number, key: string, now: number, leaseMs: number): Promise<boolean> {
    return takeLease(this.db, K.keyClaims, `${uid}:${key}`, now, leaseMs, async () => (await this.orderIdByKey(uid, key)) !== null);
  }

  /** Read from the sorted set (never cached): false means the key is free again (refused, undone or paid). */
  async isKeyClaimed(uid: number, key: string): Promise<boolean> {
    return ((await this.db.sortedSetScore(K.keyClaims, `${uid}:${key}`)) ?? 0) > 0;
  }

  async releaseKey(uid: number, key: string): Promise<void> {
    await this.db.sortedSetRemove(K.keyClaims, `${uid}:${key}`);
  }

  /** A key an earlier version claimed in its hash (`bonus:orders:claims`), freed by the recovery of its payment. */
  async releaseLegacyKey(uid: number, key: string): Promise<void> {
    await this.db.deleteObjectField(K.claims, `${uid}:${key}`);
  }

  commitKey(uid: number, key: string, id: number): Promise<void> {
    return this.db.sortedSetAdd(K.keys, id, `${uid}:${key}`);
  }

  // --- payments an earlier version left under way (read by the payment's recovery only) --------

  endInflight(record: string): Promise<void> {
    return this.db.sortedSetRemove(K.inflight, record);
  }

  /** Payments started before `before`, oldest first. */
  async staleInflight(before: number | '+inf'): Promise<InflightPayment[]> {
    const rows = await this.db.getSortedSetRangeByScoreWithScores(K.inflight, 0, -1, '-inf', before);
    return rows.flatMap(({ value, score }) => {
      const [id, uid, ...rest] = value.split('|');
      const n = Number(id);
      const u = Number(uid);
      return Number.isSafeInteger(n) && Number.isSafeInteger(u) ? [{ id: n, uid: u, key: rest.join('|'), record: value, startedAt: score }] : [];
    });
  }

  // --- purchases counted by limits -------------------------------------------------------------

  async addPurchases(uid: number, orderId: number, lines: { productId: number; categoryId: number | null; quantity: number }[], at: number): Promise<void> {
    if (lines.length === 0) return;
    await this.db.sortedSetAddBulk(lines.map((l, i) => [K.purchases(uid), at, purchaseValue(orderId, i, l)]));
  }

  async addPurchase(uid: number, orderId: number, index: number, line: { productId: number; categoryId: number | null; quantity: number }, at: number): Promise<void> {
    await this.db.sortedSetAdd(K.purchases(uid), at, purchaseValue(orderId, index, line));
  }

  async removePurchase(uid: number, orderId: number, index: number, line: { productId: number; categoryId: number | null; quantity: number }): Promise<void> {
    await this.db.sortedSetRemove(K.purchases(uid), purchaseValue(orderId, index, line));
  }

  /** The member's purchases made at or after `since` (a limit's window: never the whole history). */
  async purchasesSince(uid: number, since: number): Promise<PastPurchase[]> {
    const rows = await this.db.getSortedSetRangeByScoreWithScores(K.purchases(uid), 0, -1, since, '+inf');
    return rows.flatMap(({ value, score }) => {
      const [, , pid, cid, qty] = value.split('|');
      const productId = Number(pid);
      const quantity = Number(qty);
      if (!Number.isSafeInteger(productId) || !Number.isSafeInteger(quantity)) return [];
      return [{ productId, categoryId: cid ? Number(cid) : null, quantity, at: score }];
    });
  }

  // --- one checkout per member at a time -------------------------------------------------------

  /**
   * The member's checkout lock (the payment is decided under it): a lease taken in one write (lease.ts
   * `takeLease`, scored by when it was taken), so a holder that stopped at any point loses it when the
   * lease ends.
   */
  tryLock(uid: number, now: number, leaseMs: number): Promise<boolean> {
    return takeLease(this.db, K.memberLeases, String(uid), now, leaseMs, async () => false);
  }

  async unlock(uid: number): Promise<void> {
    await this.db.sortedSetRemove(K.memberLeases, String(uid));
  }

  // --- remembered checkout data ----------------------------------------------------------------

  async getProfile(uid: number): Promise<{ contact: ContactInfo | null; delivery: DeliveryAddress | null }> {
    const raw = (await this.db.getObject(K.profile(uid))) ?? {};
    return { contact: parseStored<ContactInfo>(raw.contact), delivery: parseStored<DeliveryAddress>(raw.delivery) };
  }

  async setProfile(uid: number, field: 'contact' | 'delivery', value: ContactInfo | DeliveryAddress): Promise<void> {
    await this.db.setObjectField(K.profile(uid), field, JSON.stringify(value));
  }
}

function purchaseValue(orderId: number, index: number, l: { productId: number; categoryId: number | null; quantity: number }): string {
  return `${orderId}|${index}|${l.productId}|${l.categoryId ?? ''}|${l.quantity}`;
}
