/**
 * Private persistence of the retail programme under `bonus:retail:` (never read by other modules).
 * Costs do not grow with the number of codes: a code's claim is one hash field, registry and blacklist
 * lookups are sorted-set membership tests.
 */
import type { Clock, Database } from '../../host';
import type { ActivationCode } from '../catalog';
import { parseStoredInt } from '../../kernel/points';

export const RETAIL_KEYS = {
  ids: 'bonus:retail:ids',
  /** Hash code → claim count; `=== 1` wins the code (one code, one sale, whoever raced). */
  codeClaims: 'bonus:retail:code-claims',
  /** Sorted set value = code, score = sale id. */
  codes: 'bonus:retail:codes',
  sale: (id: number) => `bonus:retail:sale:${id}`,
  sellerSales: (uid: number) => `bonus:retail:seller:${uid}:sales`,
  registry: (productId: string) => `bonus:retail:registry:${productId}`,
  blacklist: 'bonus:retail:blacklist',
  /** Hash uid → count, one per day / per hour. */
  daily: (day: string) => `bonus:retail:daily:${day}`,
  failures: (hour: string) => `bonus:retail:failures:${hour}`,
  review: 'bonus:retail:review',
  /** Hash sale id → decision count; `=== 1` wins the one decision of a reviewed sale. */
  decisions: 'bonus:retail:decisions',
} as const;

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
}

export class RetailStore {
  constructor(readonly db: Database, readonly clock: Clock) {}

  nextSaleId(): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.ids, 'sale');
  }

  /** True when this caller won the code. */
  async claimCode(code: ActivationCode): Promise<boolean> {
    return (await this.db.incrObjectField(RETAIL_KEYS.codeClaims, code)) === 1;
  }

  async isCodeTaken(code: ActivationCode): Promise<boolean> {
    return (await this.db.incrObjectFieldBy(RETAIL_KEYS.codeClaims, code, 0)) > 0;
  }

  async writeSale(sale: Sale): Promise<void> {
    const row: Record<string, string | number> = {
      id: sale.id, uid: sale.uid, code: sale.code, productId: sale.productId, points: sale.points,
      status: sale.status, spotCheck: sale.spotCheck ? 1 : 0, createdAt: sale.createdAt,
    };
    if (sale.reason) row.reason = sale.reason;
    await this.db.setObject(RETAIL_KEYS.sale(sale.id), row);
    await this.db.sortedSetAdd(RETAIL_KEYS.codes, sale.id, sale.code);
    await this.db.sortedSetAdd(RETAIL_KEYS.sellerSales(sale.uid), sale.createdAt, sale.id);
    if (sale.status === 'pending' || sale.spotCheck) await this.db.sortedSetAdd(RETAIL_KEYS.review, sale.id, sale.id);
  }

  async getSale(id: number): Promise<Sale | null> {
    const row = await this.db.getObject(RETAIL_KEYS.sale(id));
    if (!row) return null;
    const num = (v: unknown) => parseStoredInt(v as string) ?? 0;
    const sale: Sale = {
      id: num(row.id), uid: num(row.uid), code: String(row.code) as ActivationCode, productId: String(row.productId),
      points: num(row.points), status: String(row.status) as SaleStatus, spotCheck: num(row.spotCheck) === 1,
      createdAt: num(row.createdAt),
    };
    if (row.reason) sale.reason = String(row.reason);
    return sale;
  }

  async sellerSales(uid: number): Promise<Sale[]> {
    const ids = await this.db.getSortedSetRevRange(RETAIL_KEYS.sellerSales(uid), 0, -1);
    const sales = await Promise.all(ids.map((id) => this.getSale(Number(id))));
    return sales.filter((s): s is Sale => s !== null);
  }

  async claimDecision(id: number): Promise<boolean> {
    return (await this.db.incrObjectField(RETAIL_KEYS.decisions, String(id))) === 1;
  }

  async writeDecision(id: number, status: SaleStatus, reason?: string): Promise<void> {
    await this.db.setObject(RETAIL_KEYS.sale(id), reason ? { status, reason } : { status });
    await this.db.sortedSetRemove(RETAIL_KEYS.review, id);
  }

  async reviewQueue(limit = 100): Promise<Sale[]> {
    const ids = await this.db.getSortedSetRange(RETAIL_KEYS.review, 0, limit - 1);
    const sales = await Promise.all(ids.map((id) => this.getSale(Number(id))));
    return sales.filter((s): s is Sale => s !== null);
  }

  inRegistry(productId: string, code: ActivationCode): Promise<boolean> {
    return this.db.isSortedSetMember(RETAIL_KEYS.registry(productId), code);
  }

  async hasRegistry(productId: string): Promise<boolean> {
    return (await this.db.sortedSetCard(RETAIL_KEYS.registry(productId))) > 0;
  }

  async addToRegistry(productId: string, codes: ActivationCode[]): Promise<void> {
    if (codes.length === 0) return;
    await this.db.sortedSetAddBulk(codes.map((c) => [RETAIL_KEYS.registry(productId), 0, c]));
  }

  isBlacklisted(code: ActivationCode): Promise<boolean> {
    return this.db.isSortedSetMember(RETAIL_KEYS.blacklist, code);
  }

  async addToBlacklist(codes: ActivationCode[]): Promise<void> {
    if (codes.length === 0) return;
    await this.db.sortedSetAddBulk(codes.map((c) => [RETAIL_KEYS.blacklist, 0, c]));
  }

  countToday(day: string, uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(RETAIL_KEYS.daily(day), String(uid), 0);
  }

  incrToday(day: string, uid: number): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.daily(day), String(uid));
  }

  failuresThisHour(hour: string, uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(RETAIL_KEYS.failures(hour), String(uid), 0);
  }

  recordFailure(hour: string, uid: number): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.failures(hour), String(uid));
  }
}
