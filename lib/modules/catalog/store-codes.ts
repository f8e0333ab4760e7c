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
 *  - `bonus:catalog:codes:import:{id}` sorted set, one per import chunk (the `code-import` workflow,
 *    service-codes.ts): code → 1 (new, this import's) or 0 (imported before); `#claiming` → 2 once the
 *    claims began; `#base` → −(the chunk's first sequence number). It makes every step repeatable.
 * The product's stock counter (store-stock.ts) counts codes available and not reserved by a checkout;
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
  importNext: 'bonus:catalog:codes:intent:next',
  run: (id: number | string) => `bonus:catalog:codes:import:${id}`,
  /** The earlier layout's import intents (finished by the upgrade lib/upgrades/code-intents.ts). */
  legacyIntent: (id: number | string) => `bonus:catalog:codes:intent:${id}`,
  legacyIntents: 'bonus:catalog:codes:intents',
};

const CLAIMING = '#claiming';
const BASE = '#base';
const BATCH = 50;

/** A chunk of an import that an earlier version started and a crash stopped. */
export interface LegacyImport { id: string; productId: number; codes: string[] }

export class CodeStore {
  constructor(private readonly db: Database) {}

  /** A new import chunk's id (the `code-import` workflow's). */
  nextImportId(): Promise<number> {
    return this.db.increment(K.importNext);
  }

  /**
   * The import claims of chunk `id`: each code is this import's when its claim (`imported`, first
   * increment wins, across all products and concurrent imports) is the first. Repeatable: decided
   * codes are skipped. A code claimed by a run a crash stopped before recording its decision (`resumed`)
   * is this import's when no pool owns it. Returns code → new.
   */
  async claim(id: number | string, codes: string[], resumed: boolean): Promise<Map<string, boolean>> {
    const key = K.run(id);
    const decided = new Map((await this.db.getSortedSetRangeWithScores(key, 0, -1)).map((r) => [r.value, r.score]));
    const again = resumed || decided.has(CLAIMING);
    if (!decided.has(CLAIMING)) await this.db.sortedSetAdd(key, 2, CLAIMING);
    const open = codes.filter((c) => !decided.has(c));
    for (let i = 0; i < open.length; i += BATCH) {
      await Promise.all(open.slice(i, i + BATCH).map(async (code) => {
        const n = await this.db.incrObjectField(K.imported, code);
        const fresh = n === 1 || (again && !(await this.db.isObjectField(K.owner, code)));
        await this.db.sortedSetAdd(key, fresh ? 1 : 0, code);
        decided.set(code, fresh ? 1 : 0);
      }));
    }
    return new Map(codes.map((c) => [c, decided.get(c) === 1]));
  }

  /** The new codes of chunk `id` (of `codes`, in their order). */
  async fresh(id: number | string, codes: string[]): Promise<string[]> {
    const isNew = new Set(await this.db.getSortedSetRangeByScore(K.run(id), 0, -1, 1, 1));
    return codes.filter((c) => isNew.has(c));
  }

  /**
   * The chunk's new codes join the product's pool, numbered from the chunk's base (allocated once;
   * a crash between the allocation and its record leaves a gap, which claimers skip). Repeatable.
   */
  async addToPool(id: number | string, productId: number, codes: string[]): Promise<number> {
    const fresh = await this.fresh(id, codes);
    if (fresh.length === 0) return 0;
    let base = await this.db.sortedSetScore(K.run(id), BASE);
    if (base === null) {
      base = -((await this.db.incrObjectFieldBy(K.seq, String(productId), fresh.length)) - fresh.length + 1);
      await this.db.sortedSetAdd(K.run(id), base, BASE);
    }
    const first = -base;
    await this.db.setObject(K.owner, Object.fromEntries(fresh.map((c) => [c, productId])));
    await this.db.sortedSetAddBulk(fresh.map((c, j) => [K.available(productId), first + j, c]));
    return fresh.length;
  }

  /** Import chunks an earlier version left behind (its intents), for the upgrade. */
  async legacyImports(): Promise<LegacyImport[]> {
    const ids = await this.db.getSortedSetRange(K.legacyIntents, 0, -1);
    const out: LegacyImport[] = [];
    for (const id of ids) {
      const h = await this.db.getObject(K.legacyIntent(id));
      if (h?.codes) out.push({ id, productId: Number(h.productId), codes: JSON.parse(h.codes) as string[] });
    }
    return out;
  }

  async forgetLegacyImport(id: string): Promise<void> {
    await this.db.sortedSetRemove(K.legacyIntents, id);
    await this.db.delete(K.legacyIntent(id));
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
  /** The order a code was sold to, or null (a code the store never sold). */
  soldOrderOf(code: string): Promise<string | null> {
    return this.db.getObjectField(K.soldOrder, code);
  }

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
