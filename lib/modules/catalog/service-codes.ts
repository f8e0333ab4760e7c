/**
 * License-code pools: import (admins), pool status, delivery to an order. Codes are never logged and
 * only returned to admins and to the order's buyer.
 */
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { parseCodeLines, type ActivationCode } from './domain-codes';
import { CatalogStore } from './store';
import { StockStore } from './store-stock';
import { CodeStore } from './store-codes';
import { assertAdmin } from './access';
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

export class CodesService {
  readonly codes: CodeStore;
  private readonly products: CatalogStore;
  private readonly stock: StockStore;

  constructor(private readonly host: Host) {
    this.codes = new CodeStore(host.db);
    this.products = new CatalogStore(host.db);
    this.stock = new StockStore(host.db);
  }

  /** Pasted text or an uploaded CSV's text. Each valid new code joins the pool and the stock. */
  async importCodes(caller: Caller, productId: number, input: unknown): Promise<ImportReport> {
    await assertAdmin(this.host, caller);
    const { text, firstLine } = parseOrThrow(codeImportSchema, input);
    const offset = firstLine - 1;
    const product = await this.products.getProduct(productId);
    if (!product) throw new BonusError('error.not-found', [], 404);
    if (product.kind !== 'license') throw new BonusError('error.catalog.codes-only-for-licenses');
    const parsed = parseCodeLines(text);
    const candidates = parsed.flatMap((l) => (l.status === 'ok' ? [{ line: l.line, code: l.code }] : []));
    const added = await this.codes.importCodes(productId, candidates.map((c) => c.code), this.addStock, this.host.clock.now());
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

  /** Finishes code imports a crash interrupted (job). */
  repairImports(): Promise<number> {
    return this.codes.repairImports(this.addStock, this.host.clock.now(), (m) => this.host.log.warn(m));
  }

  private readonly addStock = (productId: number, n: number) => this.stock.release(productId, null, n);

  async poolStatus(caller: Caller, productId: number): Promise<{ available: number; sold: number }> {
    await assertAdmin(this.host, caller);
    const [available, sold] = await Promise.all([this.codes.availableCount(productId), this.codes.soldCount(productId)]);
    return { available, sold };
  }

  /** Admins: a page of codes (available or sold). */
  async listCodes(caller: Caller, productId: number, which: 'available' | 'sold', page = 0, perPage = 100): Promise<string[]> {
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

  /** An order's codes, for its buyer or an admin only. */
  async codesOfOrder(caller: Caller, orderId: string, buyerUid: number): Promise<Record<string, string>> {
    if (caller.uid !== buyerUid) await assertAdmin(this.host, caller);
    return this.codes.codesOfOrder(orderId);
  }
}
