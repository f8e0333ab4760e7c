/**
 * The retail programme's use cases: registering sales (issue 16, item 3). Every refusal is a typed
 * result and stores nothing but the failed-attempt count of the guessing limit.
 */
import type { Clock, Database } from '../../host';
import type { LedgerService } from '../ledger';
import {
  DEFAULT_LIMITS, DEFAULT_RETAIL_PRODUCTS, dayBucket, hourBucket, isSpotChecked, normaliseBoxCode, pastedLines,
  type RetailLimits, type RetailProduct, type SaleRefusal,
} from './domain';
import { RetailStore, type Sale } from './store';

export type RegisterResult =
  | { ok: true; sale: Sale }
  | { ok: false; code: SaleRefusal };

export interface RetailOptions {
  products?: readonly RetailProduct[];
  limits?: RetailLimits;
  /** Share (percent) of instant registrations put in the review queue as a spot check. */
  spotCheckPercent?: number;
}

export class RetailService {
  readonly store: RetailStore;
  private readonly products: readonly RetailProduct[];
  private readonly limits: RetailLimits;
  private readonly spotCheckPercent: number;

  /** `ledger` must be the sellers' ledger (programme `sellers`). */
  constructor(db: Database, private readonly clock: Clock, private readonly ledger: LedgerService, options: RetailOptions = {}) {
    if (ledger.programme !== 'sellers') throw new Error('the retail programme pays through the sellers ledger');
    this.store = new RetailStore(db, clock);
    this.products = options.products ?? DEFAULT_RETAIL_PRODUCTS;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.spotCheckPercent = options.spotCheckPercent ?? 0;
  }

  listProducts(): readonly RetailProduct[] {
    return this.products;
  }

  /** Registers one box code for a seller. */
  async register(uid: number, rawCode: string, productId: string): Promise<RegisterResult> {
    const now = this.clock.now();
    const hour = hourBucket(now);
    if ((await this.store.failuresThisHour(hour, uid)) >= this.limits.failuresPerHour) return { ok: false, code: 'cooling-down' };
    const refuse = async (code: SaleRefusal): Promise<RegisterResult> => {
      await this.store.recordFailure(hour, uid);
      return { ok: false, code };
    };
    const code = normaliseBoxCode(rawCode);
    if (!code) return refuse('malformed');
    const product = this.products.find((p) => p.id === productId);
    if (!product) return refuse('unknown-product');
    const day = dayBucket(now);
    if ((await this.store.countToday(day, uid)) >= this.limits.registrationsPerDay) return { ok: false, code: 'daily-limit' };
    if (await this.store.isBlacklisted(code)) return refuse('blacklisted');
    if (await this.store.isCodeTaken(code)) return refuse('already-registered');
    const registry = await this.store.hasRegistry(product.id);
    if (registry && !(await this.store.inRegistry(product.id, code))) return refuse('not-in-registry');
    if (product.mode === 'registry' && !registry) return refuse('not-in-registry');
    if (!(await this.store.claimCode(code))) return refuse('already-registered');
    const id = await this.store.nextSaleId();
    const instant = product.mode === 'registry';
    const sale: Sale = {
      id, uid, code, productId: product.id, points: product.points,
      status: instant ? 'accepted' : 'pending',
      spotCheck: instant && isSpotChecked(id, this.spotCheckPercent),
      createdAt: now,
    };
    await this.store.incrToday(day, uid);
    await this.store.writeSale(sale);
    if (instant) await this.credit(sale);
    return { ok: true, sale };
  }

  /** Several codes pasted at once, one per line: a report per line. */
  async registerMany(uid: number, text: string, productId: string): Promise<{ line: number; result: RegisterResult }[]> {
    const out: { line: number; result: RegisterResult }[] = [];
    for (const { line, raw } of pastedLines(text)) out.push({ line, result: await this.register(uid, raw, productId) });
    return out;
  }

  /**
   * An admin's decision on a sale in the review queue (issue 16, item 3): approving a pending sale
   * credits it; rejecting a pending sale stores the reason; rejecting a spot-checked (already credited)
   * sale reverses its points. One decision per sale, whoever races.
   */
  async decide(id: number, decision: 'approve' | 'reject', reason = ''): Promise<{ ok: true; sale: Sale } | { ok: false; code: 'not-found' | 'already-decided' | 'reason-required' }> {
    const sale = await this.store.getSale(id);
    if (!sale) return { ok: false, code: 'not-found' };
    if (decision === 'reject' && reason.trim() === '') return { ok: false, code: 'reason-required' };
    const inQueue = sale.status === 'pending' || sale.spotCheck;
    if (!inQueue || sale.status === 'rejected' || !(await this.store.claimDecision(id))) return { ok: false, code: 'already-decided' };
    if (decision === 'approve') {
      if (sale.status === 'pending') await this.credit(sale);
      await this.store.writeDecision(id, 'accepted');
      return { ok: true, sale: { ...sale, status: 'accepted' } };
    }
    if (sale.status === 'accepted') {
      const r = await this.ledger.debit({ uid: sale.uid, amount: sale.points, key: `retail:reversal:${sale.id}`, reason: 'retail-sale-rejected' });
      if (!r.ok) throw new Error(`retail sale ${sale.id} not reversed: ${r.code}`);
    }
    const trimmed = reason.trim();
    await this.store.writeDecision(id, 'rejected', trimmed);
    return { ok: true, sale: { ...sale, status: 'rejected', reason: trimmed } };
  }

  reviewQueue(): Promise<Sale[]> {
    return this.store.reviewQueue();
  }

  /** The seller's page figures (issue 16, item 4): counts by product and by month of accepted sales. */
  async summary(uid: number): Promise<{ byProduct: Record<string, number>; byMonth: Record<string, number>; accepted: number; pending: number; rejected: number }> {
    const sales = await this.store.sellerSales(uid);
    const byProduct: Record<string, number> = {};
    const byMonth: Record<string, number> = {};
    let accepted = 0; let pending = 0; let rejected = 0;
    for (const s of sales) {
      if (s.status === 'pending') pending += 1;
      else if (s.status === 'rejected') rejected += 1;
      else {
        accepted += 1;
        byProduct[s.productId] = (byProduct[s.productId] ?? 0) + 1;
        const month = new Date(s.createdAt).toISOString().slice(0, 7);
        byMonth[month] = (byMonth[month] ?? 0) + 1;
      }
    }
    return { byProduct, byMonth, accepted, pending, rejected };
  }

  sales(uid: number): Promise<Sale[]> {
    return this.store.sellerSales(uid);
  }

  private async credit(sale: Sale): Promise<void> {
    const result = await this.ledger.credit({
      uid: sale.uid, amount: sale.points, key: `retail:sale:${sale.id}`, reason: 'retail-sale',
      source: undefined,
    });
    if (!result.ok) throw new Error(`retail sale ${sale.id} not credited: ${result.code}`);
  }
}
