/**
 * Private persistence of the retail programme under `bonus:retail:` (never read by other modules).
 * Costs do not grow with the number of codes: a code's claim is one hash field, registry and blacklist
 * lookups are sorted-set membership tests.
 */
import type { Clock, Database } from '../../host';
import type { ActivationCode } from '../catalog';
import { parseStoredInt } from '../../kernel/points';

import { RETAIL_KEYS, SELLER_STATUSES } from './store-records';
import type { SellerStatus, SellerRecord, RetailProductRow, SaleStatus, Sale } from './store-records';
export { RETAIL_KEYS, SELLER_STATUSES } from './store-records';
export type { SellerStatus, SellerRecord, RetailProductRow, SaleStatus, Sale } from './store-records';

export class RetailStore {
  constructor(readonly db: Database, readonly clock: Clock) {}

  nextSaleId(): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.ids, 'sale');
  }

  async writeSale(sale: Sale): Promise<void> {
    const row: Record<string, string | number> = {
      id: sale.id, uid: sale.uid, code: sale.code, productId: sale.productId, points: sale.points,
      status: sale.status, spotCheck: sale.spotCheck ? 1 : 0, createdAt: sale.createdAt,
    };
    if (sale.reason) row.reason = sale.reason;
    if (sale.photo) row.photo = sale.photo;
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
    if (row.photo) sale.photo = String(row.photo);
    return sale;
  }

  async sellerSales(uid: number, start = 0, stop = -1): Promise<Sale[]> {
    const ids = await this.db.getSortedSetRevRange(RETAIL_KEYS.sellerSales(uid), start, stop);
    const sales = await Promise.all(ids.map((id) => this.getSale(Number(id))));
    return sales.filter((s): s is Sale => s !== null);
  }

  sellerSaleCount(uid: number): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.sellerSales(uid));
  }

  reviewCount(): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.review);
  }

  // --- membership ---

  async getMember(uid: number): Promise<SellerRecord | null> {
    const row = await this.db.getObject(RETAIL_KEYS.member(uid));
    if (!row || !row.status) return null;
    const num = (v: unknown) => parseStoredInt(v as string) ?? 0;
    // counters are read atomically (a per-process cached hash read could be stale)
    const [acceptedSales, gateUsed] = await Promise.all([this.acceptedCount(uid), this.gateUsed(uid)]);
    return {
      uid, status: String(row.status) as SellerStatus, shopName: String(row.shopName ?? ''), city: String(row.city ?? ''),
      address: String(row.address ?? ''), appliedAt: num(row.appliedAt), decidedAt: num(row.decidedAt), reason: String(row.reason ?? ''),
      acceptedSales, gateUsed,
    };
  }

  acceptedCount(uid: number): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.sellerAccepted(uid));
  }

  /** Accepted sales used by prize orders that were not cancelled in full. */
  async gateUsed(uid: number): Promise<number> {
    const uses = await this.db.getSortedSetRangeWithScores(RETAIL_KEYS.gateUses(uid), 0, -1);
    return uses.reduce((sum, u) => sum + u.score, 0);
  }

  /** The sales order `orderId` used, or null when it used none (yet, or any more). */
  gateUseOf(uid: number, orderId: number): Promise<number | null> {
    return this.db.sortedSetScore(RETAIL_KEYS.gateUses(uid), orderId);
  }

  /** The latest prize order that used the gate and was not cancelled in full (ids grow with time). */
  async lastPrizeOrder(uid: number): Promise<number | null> {
    const ids = (await this.db.getSortedSetRange(RETAIL_KEYS.gateUses(uid), 0, -1)).map(Number);
    return ids.length ? Math.max(...ids) : null;
  }

  async useGate(uid: number, orderId: number, sales: number): Promise<void> {
    await this.db.sortedSetAdd(RETAIL_KEYS.gateUses(uid), sales, orderId);
  }

  async restoreGate(uid: number, orderId: number): Promise<void> {
    await this.db.sortedSetRemove(RETAIL_KEYS.gateUses(uid), orderId);
  }

  /**
   * The member's status from the status sets (a decision never rests on the hash, which NodeBB may
   * cache per process); a status change stopped half-way (in two sets) reads as the later one.
   */
  async statusOf(uid: number): Promise<SellerStatus | null> {
    const member = await Promise.all(SELLER_STATUSES.map((s) => this.db.isSortedSetMember(RETAIL_KEYS.membersByStatus(s), uid)));
    for (const s of ['annulled', 'active', 'rejected', 'pending'] as const) if (member[SELLER_STATUSES.indexOf(s)]) return s;
    return null;
  }

  /** When the member's current application was made (the members set's score; fresh, never a cached hash). */
  async appliedAt(uid: number): Promise<number> {
    return (await this.db.sortedSetScore(RETAIL_KEYS.members, uid)) ?? 0;
  }

  /** Which of `codes` are already in the sorted set `key` (one call). */
  async present(key: string, codes: string[]): Promise<boolean[]> {
    if (codes.length === 0) return [];
    return (await this.db.sortedSetScores(key, codes)).map((score) => score !== null);
  }

  async writeApplication(r: Pick<SellerRecord, 'uid' | 'status' | 'shopName' | 'city' | 'address' | 'appliedAt'>): Promise<void> {
    await this.db.setObject(RETAIL_KEYS.member(r.uid), {
      uid: r.uid, status: r.status, shopName: r.shopName, city: r.city, address: r.address, appliedAt: r.appliedAt, decidedAt: 0, reason: '',
    });
    await this.db.sortedSetAdd(RETAIL_KEYS.members, r.appliedAt, r.uid);
    await this.indexStatus(r.uid, r.status, r.appliedAt);
  }

  /** Moves the member to `status` (idempotent: every index write is). */
  async writeStatus(uid: number, status: SellerStatus, decidedAt: number, reason: string): Promise<void> {
    await this.db.setObject(RETAIL_KEYS.member(uid), { status, decidedAt, reason });
    const appliedAt = (await this.db.sortedSetScore(RETAIL_KEYS.members, uid)) ?? decidedAt;
    await this.indexStatus(uid, status, appliedAt);
  }

  private async indexStatus(uid: number, status: SellerStatus, score: number): Promise<void> {
    await this.db.sortedSetAdd(RETAIL_KEYS.membersByStatus(status), score, uid);
    await this.db.sortedSetsRemove(SELLER_STATUSES.filter((s) => s !== status).map((s) => RETAIL_KEYS.membersByStatus(s)), uid);
  }

  async membersPage(status: SellerStatus | 'all', start: number, stop: number): Promise<{ uids: number[]; total: number }> {
    const key = status === 'all' ? RETAIL_KEYS.members : RETAIL_KEYS.membersByStatus(status);
    const [ids, total] = await Promise.all([this.db.getSortedSetRevRange(key, start, stop), this.db.sortedSetCard(key)]);
    return { uids: ids.map(Number), total };
  }

  /** The seller's sales registered in [start, end), oldest first. */
  async sellerSalesBetween(uid: number, start: number, end: number): Promise<Sale[]> {
    const ids = await this.db.getSortedSetRangeByScore(RETAIL_KEYS.sellerSales(uid), 0, -1, start, end - 1);
    const sales = await Promise.all(ids.map((id) => this.getSale(Number(id))));
    return sales.filter((s): s is Sale => s !== null);
  }

  memberCount(status: SellerStatus): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.membersByStatus(status));
  }

  async markAccepted(uid: number, saleId: number, accepted: boolean): Promise<void> {
    if (accepted) await this.db.sortedSetAdd(RETAIL_KEYS.sellerAccepted(uid), saleId, saleId);
    else await this.db.sortedSetRemove(RETAIL_KEYS.sellerAccepted(uid), saleId);
  }

  // --- products ---

  async readProducts(): Promise<RetailProductRow[]> {
    const ids = await this.db.getSortedSetRange(RETAIL_KEYS.products, 0, -1);
    const rows = await this.db.getObjects(ids.map((id) => RETAIL_KEYS.product(id)));
    return rows.flatMap((row, i) => (row ? [{
      id: ids[i], name: String(row.name ?? ''), points: parseStoredInt(row.points as string) ?? 0,
      mode: row.mode === 'registry' ? 'registry' as const : 'review' as const, active: String(row.active) !== '0',
    }] : []));
  }

  async productsInitialised(): Promise<boolean> {
    return (await this.db.incrObjectFieldBy(RETAIL_KEYS.ids, 'productsInit', 0)) > 0;
  }

  async markProductsInitialised(): Promise<void> {
    await this.db.incrObjectField(RETAIL_KEYS.ids, 'productsInit');
  }

  async writeProduct(p: RetailProductRow, position: number): Promise<void> {
    await this.db.setObject(RETAIL_KEYS.product(p.id), { id: p.id, name: p.name, points: p.points, mode: p.mode, active: p.active ? 1 : 0 });
    await this.db.sortedSetAdd(RETAIL_KEYS.products, position, p.id);
  }

  nextProductNumber(): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.ids, 'product');
  }

  registrySize(productId: string): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.registry(productId));
  }

  blacklistSize(): Promise<number> {
    return this.db.sortedSetCard(RETAIL_KEYS.blacklist);
  }

  async writeDecision(id: number, status: SaleStatus, reason?: string): Promise<void> {
    await this.db.setObject(RETAIL_KEYS.sale(id), reason ? { status, reason } : { status });
    await this.db.sortedSetRemove(RETAIL_KEYS.review, id);
  }

  /** The review queue, oldest first: the first `limit` sales that pass the filter (read 500 at a time). */
  async reviewQueue(limit = 100, keep: (s: Sale) => boolean = () => true): Promise<Sale[]> {
    const out: Sale[] = [];
    for (let start = 0; out.length < limit; start += 500) {
      const ids = await this.db.getSortedSetRange(RETAIL_KEYS.review, start, start + 499);
      const sales = await Promise.all(ids.map((id) => this.getSale(Number(id))));
      out.push(...sales.filter((s): s is Sale => s !== null && keep(s)));
      if (ids.length < 500) break;
    }
    return out.slice(0, limit);
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

  /** Adds to a day's dashboard figures (see RETAIL_KEYS.figures). */
  async countFigures(day: string, increments: Record<string, number>): Promise<void> {
    await this.db.incrObjectFieldByBulk([[RETAIL_KEYS.figures(day), increments]]);
  }

  /** The dashboard figures of the given days, in their order (a day with none: {}). */
  async figures(days: string[]): Promise<Record<string, number>[]> {
    const rows = await this.db.getObjects(days.map(RETAIL_KEYS.figures));
    return rows.map((r) => Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [k, Number(v) || 0])));
  }

  /** The oldest sale in the review queue (the lowest id) and the queue's size. */
  async reviewOldest(): Promise<{ count: number; oldestId: number | null }> {
    const [count, first] = await Promise.all([this.reviewCount(), this.db.getSortedSetRange(RETAIL_KEYS.review, 0, 0)]);
    return { count, oldestId: first[0] !== undefined ? Number(first[0]) : null };
  }

  failuresThisHour(hour: string, uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(RETAIL_KEYS.failures(hour), String(uid), 0);
  }

  recordFailure(hour: string, uid: number): Promise<number> {
    return this.db.incrObjectField(RETAIL_KEYS.failures(hour), String(uid));
  }
}
