/**
 * Orders on host.db. Decisions rest on atomic primitives only (ARCHITECTURE.md "Data"):
 * - the idempotency key of a payment is won by a lease on `{uid}:{key}` (`bonus:orders:key-claims`), and
 *   `bonus:orders:keys` (a sorted set: never cached) maps it to the paid order — the commit point
 *   that replays read;
 * - every step of a payment that must happen once is a counter in `bonus:order:{id}:steps`, read
 *   back with an increment (by 0 to read), never with a cached hash read;
 * - every change of a paid order (status, refund, cancel, replacement, claim closing) is made under
 *   the order's one lease (`lockOrder`, a lease lock: lease.ts): its holder re-reads the order and
 *   decides; what gives something back runs as a durable-steps workflow (order-workflows.ts), which
 *   the next holder (or the recovery job) finishes first if a crash stopped it. The `pending` record
 *   (`bonus:order:{id}:pending`) is what earlier versions wrote instead; only the upgrade reads it;
 * - a payment is the durable-steps workflow `order-pay` (service-payment.ts); `bonus:orders:inflight`
 *   is what earlier versions kept instead, handed to the workflow by the recovery job.
 * The order hash (`bonus:order:{id}`, field `data`) is written once and never changed; its `status`
 * field is a display copy of the last history entry. A line replaced at packing is recorded once in
 * `bonus:order:{id}:replacements` (a sorted set scored by the line, never cached) and laid over the
 * order's lines when it is read.
 */
import { LeaseLocks } from '../../kernel/lease';
import type { Database } from '../../host/index';
import type { LineReplacement, Order, OrderStatus, StatusChange } from './domain';
import { isOrderStatus, ORDER_STATUSES } from './domain';
import { CheckoutStore } from './store-checkout';
import { ORDER_KEYS as K, type PendingChange } from './store-keys';
import { parseStored } from '../../kernel/json';

export { PAYMENT_LEASE_MS } from './leases';
export { ORDER_KEYS, type InflightPayment, type PendingChange } from './store-keys';

/** Orders written before the sellers' programme have neither field: club orders with no shipping deadline. */
function withDefaults(o: Order): Order {
  return { ...o, programme: o.programme ?? 'club', shipBy: o.shipBy ?? null };
}

export class OrderStore extends CheckoutStore {
  private readonly orderLocks: LeaseLocks;

  constructor(db: Database) {
    super(db);
    this.orderLocks = new LeaseLocks(db, K.orderLocks, K.orderLeases);
  }

  newId(): Promise<number> {
    return this.db.incrObjectField(K.ids, K.idField);
  }

  // --- step counters ---------------------------------------------------------------------------

  /** Increments a step counter; returns the new value (=== 1: this caller does the step). */
  step(id: number, name: string): Promise<number> {
    return this.db.incrObjectField(K.steps(id), name);
  }

  /** Reads a step counter atomically. */
  stepCount(id: number, name: string): Promise<number> {
    return this.db.incrObjectFieldBy(K.steps(id), name, 0);
  }

  // --- the order -------------------------------------------------------------------------------

  async writeOrder(order: Order): Promise<void> {
    await this.db.setObject(K.order(order.id), { data: JSON.stringify(order), uid: order.uid, status: 'placing' });
  }

  async getOrder(id: number): Promise<Order | null> {
    const raw = await this.db.getObjectField(K.order(id), 'data');
    if (!raw) return null;
    try {
      return withDefaults(JSON.parse(raw) as Order);
    } catch {
      return null;
    }
  }

  async getOrders(ids: number[]): Promise<Order[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.order), ['data']);
    return rows.flatMap((r) => {
      try {
        return r.data ? [withDefaults(JSON.parse(r.data) as Order)] : [];
      } catch {
        return [];
      }
    });
  }

  /** Makes a paid order visible: in the member's list and the admin's list. Idempotent. */
  async index(order: Order, paidAt: number): Promise<void> {
    // one batch (issue 14): every index is derived, and the lists check each row they show
    await this.db.sortedSetAddBulk([
      [K.byMember(order.uid), paidAt, order.id],
      ...(order.lines.some((l) => l.kind === 'license') ? [[K.licencesOf(order.uid), paidAt, order.id] as [string, number, number]] : []),
      ...[...new Set(order.lines.map((l) => l.productId))].map((p): [string, number, number] => [K.byProduct(p), paidAt, order.id]),
      [K.all, paidAt, order.id],
      ...(order.shipBy !== null ? [[K.prizesDue, order.shipBy, order.id] as [string, number, number]] : []),
    ]);
  }

  /** Prize orders due to ship by `until` (ids, earliest deadline first). */
  async prizesDueBy(until: number | '+inf'): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScore(K.prizesDue, 0, -1, '-inf', until)).map(Number);
  }

  /**
   * Keeps the status and product indexes of one order (after a status change or a replacement, and
   * by the upgrade for orders paid before them). Derived data: the list checks every row it shows.
   */
  async indexFilters(id: number, status: OrderStatus | null, productIds: number[], knownPaidAt?: number): Promise<void> {
    const paidAt = knownPaidAt ?? await this.db.sortedSetScore(K.all, id);
    if (paidAt === null) return;
    const adds: [string, number, number][] = productIds.map((p) => [K.byProduct(p), paidAt, id]);
    if (status) adds.push([K.byStatus(status), paidAt, id]);
    // different keys: one round trip (issue 14)
    await Promise.all([
      adds.length ? this.db.sortedSetAddBulk(adds) : null,
      status ? this.db.sortedSetsRemove(ORDER_STATUSES.filter((x) => x !== status).map(K.byStatus), id) : null,
      status === 'shipped' || status === 'delivered' || status === 'cancelled' ? this.db.sortedSetRemove(K.prizesDue, id) : null,
    ]);
  }

  /** For orders paid before the licences index: adds a paid order with a licence line to it. Idempotent. */
  async indexLicences(order: Order): Promise<void> {
    if (!order.lines.some((l) => l.kind === 'license')) return;
    const paidAt = await this.db.sortedSetScore(K.all, order.id);
    if (paidAt !== null) await this.db.sortedSetAdd(K.licencesOf(order.uid), paidAt, order.id);
  }

  /** A member's orders with a licence line, newest first: ids [start, stop] (stop -1: to the end). */
  async memberLicenceOrderIds(uid: number, start: number, stop: number): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.licencesOf(uid), start, stop)).map(Number);
  }

  /** Paid orders' ids, newest first, paid in [from, until): all, or a page. */
  idsPaid(from: number | '-inf', until: number | '+inf', start = 0, count = -1): Promise<number[]> {
    return this.idsIn(K.all, from, until, start, count);
  }

  /** How many orders have the status now (one index read; the ACP dashboard, issue 21). */
  countByStatus(status: OrderStatus): Promise<number> {
    return this.db.sortedSetCard(K.byStatus(status));
  }

  /** The status's oldest order (the lowest paid time) and up to `limit` ids from the oldest. */
  async oldestByStatus(status: OrderStatus, limit: number): Promise<{ ids: number[]; oldestAt: number | null }> {
    const rows = await this.db.getSortedSetRangeWithScores(K.byStatus(status), 0, limit - 1);
    return { ids: rows.map((r) => Number(r.value)).filter((id) => Number.isSafeInteger(id) && id > 0), oldestAt: rows[0]?.score ?? null };
  }

  idsByStatus(status: OrderStatus, from: number | '-inf', until: number | '+inf'): Promise<number[]> {
    return this.idsIn(K.byStatus(status), from, until);
  }

  idsByMember(uid: number, from: number | '-inf', until: number | '+inf'): Promise<number[]> {
    return this.idsIn(K.byMember(uid), from, until);
  }

  idsByProduct(productId: number, from: number | '-inf', until: number | '+inf'): Promise<number[]> {
    return this.idsIn(K.byProduct(productId), from, until);
  }

  private async idsIn(key: string, from: number | '-inf', until: number | '+inf', start = 0, count = -1): Promise<number[]> {
    const max = until === '+inf' ? '+inf' : until - 1;
    return (await this.db.getSortedSetRevRangeByScore(key, start, count, max, from)).map(Number);
  }

  /** How many orders were paid in [from, until). */
  async countPaid(from: number | '-inf', until: number | '+inf'): Promise<number> {
    return this.db.sortedSetCount(K.all, from, until === '+inf' ? '+inf' : until - 1);
  }

  async markVoid(id: number): Promise<void> {
    await this.db.setObjectField(K.order(id), 'status', 'void');
  }

  /** A member's orders, newest first. */
  async memberOrderIds(uid: number, start = 0, stop = -1): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.byMember(uid), start, stop)).map(Number);
  }

  /** Paid orders with their paid time, newest first, optionally in [from, until). */
  async allOrderIds(from: number | '-inf' = '-inf', until: number | '+inf' = '+inf'): Promise<{ id: number; paidAt: number }[]> {
    const rows = await this.db.getSortedSetRevRangeByScoreWithScores(K.all, 0, -1, until, from);
    return rows.filter((r) => until === '+inf' || r.score < until).map((r) => ({ id: Number(r.value), paidAt: r.score }));
  }

  // --- status history --------------------------------------------------------------------------

  async history(id: number): Promise<StatusChange[]> {
    const rows = await this.db.getSortedSetRange(K.history(id), 0, -1);
    return rows.flatMap((r) => {
      try {
        const c = JSON.parse(r) as StatusChange;
        return isOrderStatus(c.status) ? [c] : [];
      } catch {
        return [];
      }
    });
  }

  async appendHistory(id: number, change: StatusChange): Promise<void> {
    // the history is the record; the status field and the indexes derive from it, written together after it
    await this.writeHistory(id, change);
    await this.applyStatus(id, change.status);
  }

  /** The history entry alone (`appendHistory`'s first half, for a caller that batches the two halves). */
  async writeHistory(id: number, change: StatusChange): Promise<void> {
    await this.db.sortedSetAdd(K.history(id), change.seq, JSON.stringify(change));
  }

  /** The status field and indexes derived from the history (its second half); `paidAt` spares reading it. */
  async applyStatus(id: number, status: OrderStatus, paidAt?: number): Promise<void> {
    await Promise.all([this.db.setObjectField(K.order(id), 'status', status), this.indexFilters(id, status, [], paidAt)]);
  }

  async displayStatuses(ids: number[]): Promise<(OrderStatus | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.order), ['status']);
    return rows.map((r) => (isOrderStatus(r.status) ? r.status : null));
  }

  // --- the order's lease and the change under way ---------------------------------------------

  /** True if the caller now holds the order's lease (taken over from a holder whose lease ended). */
  tryLockOrder(id: number, now: number, leaseMs: number): Promise<boolean> {
    return this.orderLocks.tryLock(String(id), now, leaseMs);
  }

  unlockOrder(id: number): Promise<void> {
    return this.orderLocks.unlock(String(id));
  }

  async setPending(id: number, change: PendingChange, now: number): Promise<void> {
    await this.db.sortedSetAdd(K.pendingAll, now, id);
    await this.db.sortedSetAdd(K.pending(id), now, JSON.stringify(change));
  }

  /** The change under way on the order, if any (the first one written counts). */
  async pending(id: number): Promise<PendingChange | null> {
    const [raw] = await this.db.getSortedSetRange(K.pending(id), 0, 0);
    return parseStored<PendingChange>(raw);
  }

  async clearPending(id: number): Promise<void> {
    await this.db.delete(K.pending(id));
    await this.db.sortedSetRemove(K.pendingAll, id);
  }

  /** Orders with a change decided before `before` and not finished (its holder stopped). */
  async pendingOrders(before: number): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScore(K.pendingAll, 0, -1, '-inf', before)).map(Number);
  }

  // --- lines replaced at packing --------------------------------------------------------------

  async addReplacement(id: number, r: LineReplacement): Promise<void> {
    await this.db.sortedSetAdd(K.replacements(id), r.line, JSON.stringify(r));
    await this.indexFilters(id, null, [r.to.productId]);
  }

  /** The order's replacements by line (the first record of a line counts). */
  async replacements(id: number): Promise<Map<number, LineReplacement>> {
    const rows = await this.db.getSortedSetRange(K.replacements(id), 0, -1);
    const out = new Map<number, LineReplacement>();
    for (const row of rows) {
      try {
        const r = JSON.parse(row) as LineReplacement;
        if (Number.isSafeInteger(r.line) && !out.has(r.line)) out.set(r.line, r);
      } catch {
        // a damaged record is left out
      }
    }
    return out;
  }

  // --- licenses waiting for codes --------------------------------------------------------------

  async setAwaitingCodes(id: number, waiting: boolean, now: number): Promise<void> {
    if (waiting) await this.db.sortedSetAdd(K.awaitingCodes, now, id);
    else await this.db.sortedSetRemove(K.awaitingCodes, id);
  }

  async awaitingCodes(): Promise<number[]> {
    return (await this.db.getSortedSetRange(K.awaitingCodes, 0, -1)).map(Number);
  }

  async isAwaitingCodes(id: number): Promise<boolean> {
    return (await this.db.sortedSetScore(K.awaitingCodes, id)) !== null;
  }

}
