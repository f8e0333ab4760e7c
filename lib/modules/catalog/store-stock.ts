/**
 * Stock counters: one hash `bonus:catalog:stock`, field `p{id}` or `p{id}:{variantId}`. Counters only
 * change by atomic increments, and every decision rests on the increment's return value, never on a
 * (possibly cached) read: `reserve` takes n and gives them back if the counter went negative, so
 * concurrent checkouts in several processes can never take more than there is.
 * Adjustments by admins are logged (who, why, when, how much) in `bonus:catalog:stock:log:{id}`.
 */
import type { Database } from '../../host/index';

export const STOCK_KEY = 'bonus:catalog:stock';
const LOG = (productId: number) => `bonus:catalog:stock:log:${productId}`;

export function stockField(productId: number, variantId: string | null): string {
  return variantId ? `p${productId}:${variantId}` : `p${productId}`;
}

export type Reservation = { ok: true; left: number } | { ok: false; available: number };

export interface StockAdjustment {
  id: number;
  productId: number;
  variantId: string | null;
  delta: number;
  after: number;
  uid: number;
  reason: string;
  at: number;
}

export class StockStore {
  constructor(private readonly db: Database) {}

  /** Takes n units; on shortage gives them back and reports what was available at that moment. */
  async reserve(productId: number, variantId: string | null, n: number): Promise<Reservation> {
    const field = stockField(productId, variantId);
    const left = await this.db.incrObjectFieldBy(STOCK_KEY, field, -n);
    if (left >= 0) return { ok: true, left };
    await this.db.incrObjectFieldBy(STOCK_KEY, field, n);
    return { ok: false, available: Math.max(0, left + n) };
  }

  /** Gives back n units (an order cancelled, a reservation compensated). Returns the new count. */
  async release(productId: number, variantId: string | null, n: number): Promise<number> {
    return this.db.incrObjectFieldBy(STOCK_KEY, stockField(productId, variantId), n);
  }

  /** Changes the counter by delta; refuses (and undoes) a change that would go below zero. */
  async adjust(productId: number, variantId: string | null, delta: number): Promise<{ ok: true; after: number } | { ok: false; available: number }> {
    const field = stockField(productId, variantId);
    const after = await this.db.incrObjectFieldBy(STOCK_KEY, field, delta);
    if (after >= 0) return { ok: true, after };
    await this.db.incrObjectFieldBy(STOCK_KEY, field, -delta);
    return { ok: false, available: after - delta };
  }

  /** For display only (never for a decision). */
  async counts(fields: string[]): Promise<Record<string, number>> {
    if (fields.length === 0) return {};
    const raw = await this.db.getObjectFields(STOCK_KEY, fields);
    const out: Record<string, number> = {};
    for (const f of fields) {
      const n = Number.parseInt(raw[f] ?? '0', 10);
      out[f] = Number.isFinite(n) ? n : 0;
    }
    return out;
  }

  async logAdjustment(entry: Omit<StockAdjustment, 'id'>): Promise<StockAdjustment> {
    const id = await this.db.incrObjectField('bonus:ids', 'nextStockAdjustmentId');
    const full = { id, ...entry };
    // Scored by the monotonic id, so the order is the order of writes even within one millisecond.
    await this.db.sortedSetAdd(LOG(entry.productId), id, JSON.stringify(full));
    return full;
  }

  /** Newest first. */
  async adjustments(productId: number, count = 50): Promise<StockAdjustment[]> {
    const rows = await this.db.getSortedSetRevRange(LOG(productId), 0, count - 1);
    return rows.flatMap((r) => {
      try {
        return [JSON.parse(r) as StockAdjustment];
      } catch {
        return [];
      }
    });
  }
}
