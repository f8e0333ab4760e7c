/**
 * License-code pools: import (admins), pool status, delivery to an order. Codes are never logged and
 * only returned to admins and to the order's buyer.
 *
 * An import runs in chunks of CHUNK codes, each a durable-steps workflow (lib/kernel/steps.ts,
 * `code-import`, id = the chunk's id): claim (which codes are new, across every product and any
 * concurrent import) → pool → stock. A crash at any point is finished by the steps recovery job, so a
 * claimed code never stays out of the pool and the stock counts each new code once (a crash between
 * the stock's once-claim and its increment leaves it short by the chunk, never above the pool; the
 * ACP's stock adjustment corrects it).
 */
import { refusable, type Result } from '../../kernel/result';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { parseActivationCode, parseCodeLines, parseGiftCardCode, type ActivationCode } from './domain-codes';
import { deliversCodes } from './domain';
import { CatalogStore } from './store';
import { StockStore } from './store-stock';
import { CodeStore } from './store-codes';
import type { StepsService, Workflow } from '../../kernel/steps-service';
import { assertAdmin } from '../../kernel/access';
import { codeImportSchema, parseOrThrow } from './input';

export type ImportProblem = 'invalid' | 'duplicate-in-file' | 'already-imported';

export interface ImportReport {
  lines: number;
  added: number;
  blank: number;
  /** Problem lines, in order (at most REPORT_LIMIT; `problemCount` has the full count). */
  problems: { line: number; problem: ImportProblem; firstLine?: number }[];
  problemCount: number;
  poolAvailable: number;
}

export const REPORT_LIMIT = 1000;
const CHUNK = 500;

/** The input of a `code-import` workflow; `resumed`: a chunk an earlier version started (the upgrade). */
interface ImportData { productId: number; codes: string[]; resumed?: boolean }

export class CodesService {
  readonly codes: CodeStore;
  private readonly products: CatalogStore;
  private readonly stock: StockStore;
  private readonly importing: Workflow<ImportData>;

  constructor(private readonly host: Host, private readonly steps: StepsService) {
    this.codes = new CodeStore(host.db);
    this.products = new CatalogStore(host.db);
    this.stock = new StockStore(host.db);
    this.importing = steps.register<ImportData>({
      name: 'code-import',
      steps: [
        { name: 'claim', run: async (d, ctx) => { await this.codes.claim(ctx.id, d.codes, d.resumed ?? false); } },
        { name: 'pool', run: async (d, ctx) => { await this.codes.addToPool(ctx.id, d.productId, d.codes); } },
        {
          name: 'stock',
          run: async (d, ctx) => {
            const n = (await this.codes.fresh(ctx.id, d.codes)).length;
            // Claimed before it is applied: a crash in between leaves the stock short, never above the pool.
            if (n > 0) await ctx.once('stock', () => this.stock.release(d.productId, null, n));
          },
        },
      ],
    });
  }

  /** One chunk through the workflow; code → new. */
  private async importChunk(productId: number, codes: string[]): Promise<boolean[]> {
    const id = String(await this.codes.nextImportId());
    const run = await this.steps.run(this.importing, id, { productId, codes });
    if (run.outcome !== 'done') throw new BonusError('error.finance.busy', [], 'conflict');
    const isNew = new Set(await this.codes.fresh(id, codes));
    return codes.map((c) => isNew.has(c));
  }

  /** Pasted text or an uploaded CSV's text. Each valid new code joins the pool and the stock. */
  importCodes(caller: Caller, productId: number, input: unknown): Promise<Result<ImportReport>> {
    return refusable(() => this.doImportCodes(caller, productId, input));
  }

  private async doImportCodes(caller: Caller, productId: number, input: unknown): Promise<ImportReport> {
    await assertAdmin(this.host, caller);
    const { text, firstLine } = parseOrThrow(codeImportSchema, input);
    const offset = firstLine - 1;
    const product = await this.products.getProduct(productId);
    if (!product) throw new BonusError('error.not-found', [], 'not-found');
    if (!deliversCodes(product)) throw new BonusError('error.catalog.codes-only-for-licenses');
    const parsed = parseCodeLines(text, product.kind === 'gift-card' ? parseGiftCardCode : parseActivationCode);
    const candidates = parsed.flatMap((l) => (l.status === 'ok' ? [{ line: l.line, code: l.code }] : []));
    const added: boolean[] = [];
    for (let i = 0; i < candidates.length; i += CHUNK) added.push(...(await this.importChunk(productId, candidates.slice(i, i + CHUNK).map((c) => c.code))));
    const addedCount = added.filter(Boolean).length;
    const problems: ImportReport['problems'] = [];
    let k = 0;
    for (const l of parsed) {
      if (l.status === 'ok') {
        if (!added[k++]) problems.push({ line: l.line + offset, problem: 'already-imported' });
      } else if (l.status === 'invalid') problems.push({ line: l.line + offset, problem: 'invalid' });
      else if (l.status === 'duplicate-in-file') problems.push({ line: l.line + offset, problem: 'duplicate-in-file', firstLine: l.firstLine + offset });
    }
    this.host.log.info(`[bonus] codes imported for product ${productId}: ${addedCount} added, ${problems.length} refused`);
    return {
      lines: parsed.length, added: addedCount, blank: parsed.filter((l) => l.status === 'blank').length,
      problems: problems.slice(0, REPORT_LIMIT), problemCount: problems.length,
      poolAvailable: await this.codes.availableCount(productId),
    };
  }

  /**
   * The upgrade from the earlier layout (lib/upgrades/code-intents.ts): every import intent a crash
   * left is finished as a `code-import` workflow (its claims taken before count as its own when no
   * pool owns the code), then forgotten. Returns how many.
   */
  async finishLegacyImports(): Promise<number> {
    const legacy = await this.codes.legacyImports();
    for (const l of legacy) {
      await this.steps.run(this.importing, `legacy-${l.id}`, { productId: l.productId, codes: l.codes, resumed: true });
      await this.codes.forgetLegacyImport(l.id);
    }
    return legacy.length;
  }

  /** Codes left in each product's pool (one count each; the ACP dashboard, issue 21). */
  availableCounts(productIds: number[]): Promise<number[]> {
    return Promise.all(productIds.map((id) => this.codes.availableCount(id)));
  }

  poolStatus(caller: Caller, productId: number): Promise<Result<{ available: number; sold: number }>> {
    return refusable(() => this.doPoolStatus(caller, productId));
  }

  private async doPoolStatus(caller: Caller, productId: number): Promise<{ available: number; sold: number }> {
    await assertAdmin(this.host, caller);
    const [available, sold] = await Promise.all([this.codes.availableCount(productId), this.codes.soldCount(productId)]);
    return { available, sold };
  }

  /** Admins: a page of codes (available or sold). */
  listCodes(caller: Caller, productId: number, which: 'available' | 'sold', page = 0, perPage = 100): Promise<Result<string[]>> {
    return refusable(() => this.doListCodes(caller, productId, which, page, perPage));
  }

  private async doListCodes(caller: Caller, productId: number, which: 'available' | 'sold', page = 0, perPage = 100): Promise<string[]> {
    await assertAdmin(this.host, caller);
    return this.codes.listCodes(productId, which, page * perPage, page * perPage + perPage - 1);
  }

  /**
   * For checkout/delivery (no caller: the order service decides): the codes of one paid order line,
   * idempotent per (order, product). Stock was reserved at checkout; this takes the codes themselves.
   */
  async deliverToOrder(orderId: string, productId: number, quantity: number, reclaimStuckSlots = false): Promise<ActivationCode[]> {
    return this.codes.claimForOrder(productId, orderId, quantity, this.host.clock.now(), reclaimStuckSlots);
  }

  /** For the licences module (no caller: it decides who may see what): the order a code was sold to. */
  async soldOrderOf(code: string): Promise<number | null> {
    const id = Number(await this.codes.soldOrderOf(code));
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  }

  /** An order's codes, for its buyer or an admin only. */
  codesOfOrder(caller: Caller, orderId: string, buyerUid: number): Promise<Result<Record<string, string>>> {
    return refusable(() => this.doCodesOfOrder(caller, orderId, buyerUid));
  }

  private async doCodesOfOrder(caller: Caller, orderId: string, buyerUid: number): Promise<Record<string, string>> {
    if (caller.uid !== buyerUid) await assertAdmin(this.host, caller);
    return this.codes.codesOfOrder(orderId);
  }
}
