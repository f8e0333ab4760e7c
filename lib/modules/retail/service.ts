/**
 * The retail programme's sales (issue 16, item 3): registering box codes and the review decisions.
 * Every refusal is a typed result and stores nothing but the failed-attempt count of the guessing
 * limit. A registration and a decision are durable workflows (lib/kernel/steps.ts): the workflow id
 * of a registration is the code itself, so one code has one sale whoever races and whatever crashes,
 * and a decision's id is the sale's, so a sale has one decision.
 */
import { saleKey, saleReversalKey } from './ledger-keys';
import type { Clock, Database } from '../../host';
import type { LedgerService } from '../ledger';
import { StepsStore, type Workflow } from '../../kernel/steps';
import { settled } from '../../kernel/steps-service';
import type { ActivationCode } from '../catalog';
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
  /** The shared durable-steps runner (the plugin's); tests may leave it out. */
  steps?: StepsStore;
  /** The club's time zone now (the day a review decision counts on); UTC when left out. */
  timeZone?: () => Promise<string>;
}

/** What one registration needs beyond the code: the product list, limits and spot-check share now in force. */
export interface RegisterConfig {
  products: readonly RetailProduct[];
  limits: RetailLimits;
  spotCheckPercent: number;
  /** false: the sale waits for review even for a registry product (an applicant not yet approved). */
  instantAllowed: boolean;
  /** The club's time zone: the daily limit counts the club's day (UTC when left out). */
  timeZone?: string;
}

interface SaleData { sale: Sale; day: string }
interface DecisionData { saleId: number; decision: 'approve' | 'reject'; reason: string; at: number }

export class RetailService {
  readonly store: RetailStore;
  private readonly products: readonly RetailProduct[];
  private readonly limits: RetailLimits;
  private readonly spotCheckPercent: number;

  private readonly saleFlow: Workflow<SaleData>;
  private readonly decisionFlow: Workflow<DecisionData>;
  private readonly steps: StepsStore;
  private readonly timeZone: () => Promise<string>;

  /** `ledger` must be the sellers' ledger (programme `sellers`). */
  constructor(db: Database, private readonly clock: Clock, private readonly ledger: LedgerService, options: RetailOptions = {}) {
    if (ledger.programme !== 'sellers') throw new Error('the retail programme pays through the sellers ledger');
    this.store = new RetailStore(db, clock);
    this.products = options.products ?? DEFAULT_RETAIL_PRODUCTS;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.spotCheckPercent = options.spotCheckPercent ?? 0;
    this.steps = options.steps ?? new StepsStore(db, clock);
    this.timeZone = options.timeZone ?? (() => Promise.resolve('utc'));
    this.saleFlow = this.steps.register(this.saleWorkflow());
    this.decisionFlow = this.steps.register(this.decisionWorkflow());
  }

  /** The registration: the sale and its indexes, then (accepted at once) its points. */
  private saleWorkflow(): Workflow<SaleData> {
    return {
      name: 'retail-sale',
      steps: [
        {
          name: 'record',
          run: async ({ sale, day }, ctx) => {
            await this.store.writeSale(sale);
            await ctx.once('daily', () => this.store.incrToday(day, sale.uid));
            await ctx.once('figures', () => this.store.countFigures(day, { registered: 1, [sale.status === 'accepted' ? 'instant' : 'review']: 1 }));
          },
        },
        {
          name: 'credit',
          run: async ({ sale }) => {
            if (sale.status !== 'accepted') return;
            await this.credit(sale);
            await this.store.markAccepted(sale.uid, sale.id, true);
          },
        },
      ],
    };
  }

  /** A decision: the points (credit or reversal), then the sale's new status out of the queue. */
  private decisionWorkflow(): Workflow<DecisionData> {
    return {
      name: 'retail-decision',
      steps: [
        {
          name: 'points',
          run: async ({ saleId, decision }) => {
            const sale = await this.store.getSale(saleId);
            if (!sale) return;
            if (decision === 'approve' && sale.status === 'pending') {
              await this.credit(sale);
              await this.store.markAccepted(sale.uid, sale.id, true);
            }
            if (decision === 'reject' && sale.status === 'accepted') {
              settled(await this.ledger.debit({ uid: sale.uid, amount: sale.points, key: saleReversalKey(sale.id), reason: 'retail-sale-rejected' }), `retail sale ${sale.id} reversal`);
              await this.store.markAccepted(sale.uid, sale.id, false);
            }
          },
        },
        {
          name: 'status',
          run: async ({ saleId, decision, reason, at }, ctx) => {
            await this.store.writeDecision(saleId, decision === 'approve' ? 'accepted' : 'rejected', decision === 'reject' ? reason : undefined);
            const day = dayBucket(at, await this.timeZone());
            await ctx.once('figures', () => this.store.countFigures(day, { [decision === 'approve' ? 'approved' : 'rejected']: 1 }));
          },
        },
      ],
    };
  }

  /** The product list, limits and spot-check share of the constructor (tests and the sandbox). */
  defaultConfig(): RegisterConfig {
    return { products: this.products, limits: this.limits, spotCheckPercent: this.spotCheckPercent, instantAllowed: true };
  }

  listProducts(): readonly RetailProduct[] {
    return this.products;
  }

  /**
   * The refusal a code would get now, without storing anything (the application form checks its
   * first code before the application is written); null when it would be registered.
   */
  async precheck(rawCode: string, productId: string, config: RegisterConfig = this.defaultConfig()): Promise<SaleRefusal | null> {
    const code = normaliseBoxCode(rawCode);
    if (!code) return 'malformed';
    const product = config.products.find((p) => p.id === productId);
    if (!product) return 'unknown-product';
    return this.codeRefusal(code, product);
  }

  private async codeRefusal(code: ActivationCode, product: RetailProduct): Promise<SaleRefusal | null> {
    if (await this.store.isBlacklisted(code)) return 'blacklisted';
    if (await this.isCodeTaken(code)) return 'already-registered';
    const registry = await this.store.hasRegistry(product.id);
    if (registry && !(await this.store.inRegistry(product.id, code))) return 'not-in-registry';
    if (product.mode === 'registry' && !registry) return 'not-in-registry';
    return null;
  }

  /**
   * Whether a registration owns the code (finished, or under way with its input written). A runner
   * that stopped between its claim and its input left nothing: the next registration starts it.
   */
  async isCodeTaken(code: ActivationCode): Promise<boolean> {
    return (await this.steps.input('retail-sale', code)) !== null;
  }

  /** Registers one box code for a seller. */
  async register(uid: number, rawCode: string, productId: string, config: RegisterConfig = this.defaultConfig(), photo = ''): Promise<RegisterResult> {
    const now = this.clock.now();
    const hour = hourBucket(now);
    if ((await this.store.failuresThisHour(hour, uid)) >= config.limits.failuresPerHour) return { ok: false, code: 'cooling-down' };
    const refuse = async (code: SaleRefusal): Promise<RegisterResult> => {
      // an attempt refused (not money: a repeated attempt is another attempt and counts again)
      await Promise.all([this.store.recordFailure(hour, uid), this.store.countFigures(dayBucket(now, config.timeZone), { refused: 1, [`refused:${code}`]: 1 })]);
      return { ok: false, code };
    };
    const code = normaliseBoxCode(rawCode);
    if (!code) return refuse('malformed');
    const product = config.products.find((p) => p.id === productId);
    if (!product) return refuse('unknown-product');
    const day = dayBucket(now, config.timeZone);
    if ((await this.store.countToday(day, uid)) >= config.limits.registrationsPerDay) return { ok: false, code: 'daily-limit' };
    const refusal = await this.codeRefusal(code, product);
    if (refusal) return refuse(refusal);
    const id = await this.store.nextSaleId();
    const instant = product.mode === 'registry' && config.instantAllowed;
    const sale: Sale = {
      id, uid, code, productId: product.id, points: product.points,
      status: instant ? 'accepted' : 'pending',
      spotCheck: instant && isSpotChecked(id, config.spotCheckPercent),
      createdAt: now,
      ...(photo ? { photo } : {}),
    };
    // The code is the workflow's id: a second registration of it (raced, or after a crash) does not start.
    const run = await this.steps.run(this.saleFlow, code, { sale, day });
    if (!run.started) return refuse('already-registered');
    return { ok: true, sale };
  }

  /** Several codes pasted at once, one per line: a report per line. */
  async registerMany(uid: number, text: string, productId: string, config: RegisterConfig = this.defaultConfig(), photo = ''): Promise<{ line: number; raw: string; result: RegisterResult }[]> {
    const out: { line: number; raw: string; result: RegisterResult }[] = [];
    for (const { line, raw } of pastedLines(text)) out.push({ line, raw, result: await this.register(uid, raw, productId, config, photo) });
    return out;
  }

  /**
   * An admin's decision on a sale in the review queue (issue 16, item 3): approving a pending sale
   * credits it; rejecting a pending sale stores the reason; rejecting a spot-checked (already credited)
   * sale reverses its points. One decision per sale, whoever races and whatever crashes.
   */
  async decide(id: number, decision: 'approve' | 'reject', reason = ''): Promise<{ ok: true; sale: Sale } | { ok: false; code: 'not-found' | 'already-decided' | 'reason-required' }> {
    const sale = await this.store.getSale(id);
    if (!sale) return { ok: false, code: 'not-found' };
    const trimmed = reason.trim();
    if (decision === 'reject' && trimmed === '') return { ok: false, code: 'reason-required' };
    const inQueue = sale.status === 'pending' || sale.spotCheck;
    if (!inQueue || sale.status === 'rejected') return { ok: false, code: 'already-decided' };
    const run = await this.steps.run(this.decisionFlow, String(id), { saleId: id, decision, reason: trimmed, at: this.clock.now() });
    if (!run.started) return { ok: false, code: 'already-decided' };
    return decision === 'approve'
      ? { ok: true, sale: { ...sale, status: 'accepted' } }
      : { ok: true, sale: { ...sale, status: 'rejected', reason: trimmed } };
  }

  reviewQueue(limit = 100, keep?: (s: Sale) => boolean): Promise<Sale[]> {
    return this.store.reviewQueue(limit, keep);
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

  sales(uid: number, start = 0, stop = -1): Promise<Sale[]> {
    return this.store.sellerSales(uid, start, stop);
  }

  private async credit(sale: Sale): Promise<void> {
    settled(await this.ledger.credit({ uid: sale.uid, amount: sale.points, key: saleKey(sale.id), reason: 'retail-sale' }), `retail sale ${sale.id}`);
  }
}
