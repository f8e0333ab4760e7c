/**
 * License-code pools. Codes are secrets: this module never logs them, and only the codes service
 * hands them out (to their buyer and to admins).
 *
 * Keys:
 *  - `bonus:catalog:codes:imported` hash code → n: the import claim (`=== 1` means new), so a code can
 *    be imported once across all products, even by two imports at the same moment;
 *  - `bonus:catalog:codes:owner` hash code → productId;
 *  - `bonus:catalog:codes:{pid}:available` sorted set of unsold codes, scored by the product's own
 *    import sequence (1, 2, 3 … from `bonus:catalog:codes:seq` field pid: contiguous per import);
 *  - `bonus:catalog:codes:cursor` hash pid → n: claim tickets. Ticket t goes straight for the code
 *    of sequence t, so concurrent claimers do not fight over the head of the pool; when that code is
 *    gone (withdrawn, or t is beyond the imported range) the claimer scans the head instead;
 *  - `bonus:catalog:codes:claims` hash code → n: the sale claim (`=== 1` wins), so two buyers can never
 *    get the same code;
 *  - `bonus:catalog:codes:{pid}:sold` sorted set (score = time) and `bonus:catalog:codes:sold` hash
 *    code → orderId; `bonus:catalog:codes:slots` hash `{orderId}:{pid}:{i}` → n and
 *    `bonus:catalog:codes:order:{orderId}` hash `{pid}:{i}` → code, which make delivering an order's
 *    codes idempotent.
 * The product's stock counter (catalog-stock.ts) counts codes available and not reserved by a checkout;
 * import adds to it, checkout reserves from it, claiming takes the code itself.
 */
import type { Database } from '../../host/index';
import type { ActivationCode } from './domain-codes';

const K = {
  imported: 'bonus:catalog:codes:imported',
  owner: 'bonus:catalog:codes:owner',
  available: (pid: number) => `bonus:catalog:codes:${pid}:available`,
  claims: 'bonus:catalog:codes:claims',
  sold: (pid: number) => `bonus:catalog:codes:${pid}:sold`,
  soldOrder: 'bonus:catalog:codes:sold',
  slots: 'bonus:catalog:codes:slots',
  order: (orderId: string) => `bonus:catalog:codes:order:${orderId}`,
  seq: 'bonus:catalog:codes:seq',
  cursor: 'bonus:catalog:codes:cursor',
  intentNext: 'bonus:catalog:codes:intent:next',
  intent: (id: number | string) => `bonus:catalog:codes:intent:${id}`,
  intents: 'bonus:catalog:codes:intents',
};

/** An import running longer than this has crashed: repairImports() finishes it. */
export const IMPORT_LEASE_MS = 10 * 60_000;

/** Adds n units to the product's stock counter (the catalog's StockStore.release). */
export type StockAdder = (productId: number, n: number) => Promise<unknown>;

const CHUNK = 500;

export class CodeStore {
  constructor(private readonly db: Database) {}

  /**
   * Adds new codes to a product's pool, and as many units to its stock. Returns, for each code in
   * order, whether it was added or had been imported before (by any product, at any time, or by a
   * concurrent import).
   *
   * Crash-safe: each chunk is first written down as an intent (product, codes); the chunk's import
   * claims decide which codes are new and that list joins the intent; the pool and the stock follow
   * (the stock once per intent, by its own claim); the intent goes last. repairImports() finishes an
   * intent a crash left behind, so a claimed code never stays out of the pool.
   */
  async importCodes(productId: number, codes: ActivationCode[], addStock: StockAdder, now: number): Promise<boolean[]> {
    const added: boolean[] = [];
    for (let i = 0; i < codes.length; i += CHUNK) {
      const chunk = codes.slice(i, i + CHUNK);
      const id = await this.db.increment(K.intentNext);
      await this.db.setObject(K.intent(id), { productId, codes: JSON.stringify(chunk), at: now });
      await this.db.sortedSetAdd(K.intents, now, id);
      const claims = await Promise.all(chunk.map((c) => this.db.incrObjectField(K.imported, c)));
      const fresh = chunk.filter((_, j) => claims[j] === 1);
      await this.db.setObjectField(K.intent(id), 'fresh', JSON.stringify(fresh));
      await this.finishIntent(id, productId, fresh, addStock);
      added.push(...claims.map((n) => n === 1));
    }
    return added;
  }

  /** Pool, stock (claimed once per intent), then the intent is gone. Repeatable. */
  private async finishIntent(id: number | string, productId: number, fresh: string[], addStock: StockAdder): Promise<void> {
    if (fresh.length) {
      const base = await this.db.incrObjectFieldBy(K.seq, String(productId), fresh.length);
      await this.db.setObject(K.owner, Object.fromEntries(fresh.map((c) => [c, productId])));
      await this.db.sortedSetAddBulk(fresh.map((c, j) => [K.available(productId), base - fresh.length + j + 1, c]));
      // Claimed before it is applied: a crash in between leaves the stock short (never selling a
      // code that is not there); the ACP's stock adjustment corrects it.
      if ((await this.db.incrObjectField(K.intent(id), 'stockClaims')) === 1) await addStock(productId, fresh.length);
    }
    await this.db.sortedSetRemove(K.intents, id);
    await this.db.delete(K.intent(id));
  }

  /**
   * Finishes imports a crash interrupted (older than the lease). Without the intent's list of new
   * codes, a code of the chunk counts as this import's when it was claimed and has no owner: the
   * claim is taken, the pool entry is missing. Returns the number of intents finished.
   */
  async repairImports(addStock: StockAdder, now: number, warn: (message: string) => void = () => undefined): Promise<number> {
    const ids = await this.db.getSortedSetRangeByScore(K.intents, 0, 100, '-inf', now - IMPORT_LEASE_MS);
    for (const id of ids) {
      const h = await this.db.getObject(K.intent(id));
      if (!h?.codes) {
        await this.db.sortedSetRemove(K.intents, id);
        continue;
      }
      const productId = Number(h.productId);
      const chunk = JSON.parse(h.codes) as string[];
      if (h.stockClaims) warn(`[bonus] a code import for product ${productId} stopped after claiming its stock: the stock may be short by up to ${chunk.length}; compare it with the pool in the ACP`);
      let fresh: string[];
      if (h.fresh) fresh = JSON.parse(h.fresh) as string[];
      else {
        const [claims, owners] = await Promise.all([this.db.getObjectFields(K.imported, chunk), this.db.getObjectFields(K.owner, chunk)]);
        fresh = chunk.filter((c) => Number(claims[c] ?? 0) >= 1 && !owners[c]);
        await this.db.setObjectField(K.intent(id), 'fresh', JSON.stringify(fresh));
      }
      await this.finishIntent(id, productId, fresh, addStock);
    }
    return ids.length;
  }

  async availableCount(productId: number): Promise<number> {
    return this.db.sortedSetCard(K.available(productId));
  }

  async soldCount(productId: number): Promise<number> {
    return this.db.sortedSetCard(K.sold(productId));
  }

  /**
   * Takes one code from the pool for good (the winner of `incrObjectField(claims, code) === 1`), or
   * null when the pool is empty. Safe under any number of concurrent callers in any processes.
   */
  async claimOne(productId: number, orderId: string, now: number): Promise<ActivationCode | null> {
    const ticket = await this.db.incrObjectField(K.cursor, String(productId));
    const [direct] = await this.db.getSortedSetRangeByScore(K.available(productId), 0, 1, ticket, ticket);
    if (direct && await this.take(productId, direct, orderId, now)) return direct as ActivationCode;
    for (;;) {
      const candidates = await this.db.getSortedSetRange(K.available(productId), 0, 9);
      if (candidates.length === 0) return null;
      for (const code of candidates) {
        if (await this.take(productId, code, orderId, now)) return code as ActivationCode;
      }
    }
  }

  /** The claim itself: the first `incrObjectField(claims, code)` wins; the code leaves the pool either way. */
  private async take(productId: number, code: string, orderId: string, now: number): Promise<boolean> {
    const n = await this.db.incrObjectField(K.claims, code);
    await this.db.sortedSetRemove(K.available(productId), code);
    if (n !== 1) return false;
    await this.db.setObjectField(K.soldOrder, code, orderId);
    await this.db.sortedSetAdd(K.sold(productId), now, code);
    return true;
  }

  /**
   * The codes of one order line: slot i of (order, product) gets exactly one code however often this
   * runs (a retried delivery job returns the same codes). A slot whose code is not yet written by a
   * concurrent run is left out of the answer; with `reclaimStuckSlots` (only when no other run can be
   * under way) one such slot is claimed again.
   */
  async claimForOrder(productId: number, orderId: string, quantity: number, now: number, reclaimStuckSlots = false): Promise<ActivationCode[]> {
    const codes: ActivationCode[] = [];
    for (let i = 0; i < quantity; i += 1) {
      const slot = `${productId}:${i}`;
      if ((await this.db.incrObjectField(K.slots, `${orderId}:${slot}`)) !== 1) {
        const existing = await this.db.getObjectField(K.order(orderId), slot);
        if (existing) codes.push(existing as ActivationCode);
        else if (reclaimStuckSlots) {
          // A delivery that stopped between claiming the slot and writing its code (a crash): the
          // caller knows no delivery of this order can still be running, so the slot is taken again.
          // A code the stopped run may have claimed stays out of the pool: lost, never sold twice.
          await this.db.deleteObjectField(K.slots, `${orderId}:${slot}`);
          i -= 1;
          reclaimStuckSlots = false;
        }
        continue;
      }
      const code = await this.claimOne(productId, orderId, now);
      if (!code) {
        await this.db.deleteObjectField(K.slots, `${orderId}:${slot}`);
        break;
      }
      await this.db.setObjectField(K.order(orderId), slot, code);
      codes.push(code);
    }
    return codes;
  }

  /** An order's codes (for its buyer and admins only). */
  async codesOfOrder(orderId: string): Promise<Record<string, string>> {
    return (await this.db.getObject(K.order(orderId))) ?? {};
  }

  /** Admins: a page of the pool. */
  async listCodes(productId: number, which: 'available' | 'sold', start: number, stop: number): Promise<string[]> {
    return which === 'available'
      ? this.db.getSortedSetRange(K.available(productId), start, stop)
      : this.db.getSortedSetRevRange(K.sold(productId), start, stop);
  }

  /** Withdraws an unsold code from the pool (e.g. found invalid). True if this call withdrew it. */
  async withdraw(productId: number, code: ActivationCode): Promise<boolean> {
    if (!(await this.db.isSortedSetMember(K.available(productId), code))) return false;
    const n = await this.db.incrObjectField(K.claims, code);
    await this.db.sortedSetRemove(K.available(productId), code);
    return n === 1;
  }
}
