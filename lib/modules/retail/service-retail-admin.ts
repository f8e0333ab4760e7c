/**
 * The retail programme's admin side that does not change a member's standing (SellersService builds
 * on it): the retail products, the sellers' list, the registry and blacklist imports, and the review of
 * registered sales.
 */
import { refusable, type Result } from '../../kernel/result';
import type { Host } from '../../host';
import type { SettingsService } from '../settings';
import { BonusError } from '../../kernel/errors';
import { canonicalInt, parseId } from '../../kernel/input';
import { DEFAULT_RETAIL_PRODUCTS, normaliseBoxCode, pastedLines, type RetailProduct } from './domain';
import type { RegisterConfig, RetailService } from './service';
import { assertAdmin } from '../catalog';
import { RETAIL_KEYS, type RetailProductRow, type SellerRecord, type SellerStatus } from './store';

export interface Caller { uid: number }

/** Most lines one import takes (the ACP sends bigger files in chunks of this size). */
export const IMPORT_CHUNK = 5000;

export interface ImportReport {
  added: number;
  duplicates: number;
  malformed: { line: number; raw: string }[];
}

export class RetailAdmin {
  constructor(protected readonly host: Host, protected readonly settings: SettingsService, readonly sales: RetailService) {}

  get store() {
    return this.sales.store;
  }

  /**
   * Admins: the review of registered sales, up to 100 at once (`ids`, `decision`, and a reason to
   * reject); each sale decided on its own, the refusals per sale in the result.
   */
  review(caller: Caller, input: Record<string, unknown>): Promise<Result<{ results: ({ id: number; ok: true } | { id: number; ok: false; code: string })[]; decided: number }>> {
    return refusable(() => this.doReview(caller, input));
  }

  private async doReview(caller: Caller, input: Record<string, unknown>): Promise<{ results: ({ id: number; ok: true } | { id: number; ok: false; code: string })[]; decided: number }> {
    await assertAdmin(this.host, caller);
    const ids = Array.isArray(input.ids) ? input.ids.map(parseId) : [];
    if (ids.length === 0 || ids.length > 100 || ids.some((id) => id === null)) throw new BonusError('error.retail.review-ids');
    const decision = input.decision;
    if (decision !== 'approve' && decision !== 'reject') throw new BonusError('error.retail.review-decision');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (decision === 'reject' && !reason) throw new BonusError('error.retail.reason-required');
    if (reason.length > 500) throw new BonusError('error.retail.reason-too-long', [500]);
    const results: ({ id: number; ok: true } | { id: number; ok: false; code: string })[] = [];
    for (const id of ids as number[]) {
      const out = await this.sales.decide(id, decision, reason);
      results.push(out.ok ? { id, ok: true } : { id, ok: false, code: out.code });
    }
    return { results, decided: results.filter((x) => x.ok).length };
  }

  // --- products ---

  /** The admin's retail products (the defaults of seed 004 until the admin changes the list). */
  async products(): Promise<RetailProductRow[]> {
    if (!(await this.store.productsInitialised())) {
      await Promise.all(DEFAULT_RETAIL_PRODUCTS.map((p, i) => this.store.writeProduct({ ...p, active: true }, i + 1)));
      await this.store.markProductsInitialised();
    }
    return this.store.readProducts();
  }

  /** Adds (no id) or changes a retail product. */
  saveProduct(caller: Caller, input: { id?: unknown; name?: unknown; points?: unknown; mode?: unknown; active?: unknown }): Promise<Result<RetailProductRow>> {
    return refusable(() => this.doSaveProduct(caller, input));
  }

  private async doSaveProduct(caller: Caller, input: { id?: unknown; name?: unknown; points?: unknown; mode?: unknown; active?: unknown }): Promise<RetailProductRow> {
    await assertAdmin(this.host, caller);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    const parsed = canonicalInt(1, 1_000_000).safeParse(typeof input.points === 'string' ? input.points.trim() : input.points);
    if (name === '' || name.length > 200) throw new BonusError('error.retail.product-name');
    if (!parsed.success) throw new BonusError('error.retail.product-points');
    const points = parsed.data;
    if (input.mode !== 'registry' && input.mode !== 'review') throw new BonusError('error.retail.product-mode');
    const list = await this.products();
    let id: string;
    let position: number;
    if (input.id === undefined || input.id === '') {
      id = `p${await this.store.nextProductNumber()}`;
      position = list.length + 1;
    } else {
      const found = list.findIndex((p) => p.id === input.id);
      if (found < 0) throw new BonusError('error.retail.product-not-found', [], 'not-found');
      id = list[found].id;
      position = found + 1;
    }
    const row: RetailProductRow = { id, name, points, mode: input.mode, active: input.active === undefined ? true : input.active === true || input.active === 'on' };
    await this.store.writeProduct(row, position);
    return row;
  }

  protected async config(instantAllowed: boolean): Promise<RegisterConfig> {
    const [s, products] = await Promise.all([this.settings.get(), this.products()]);
    return {
      products: products.filter((p) => p.active) as RetailProduct[],
      limits: { registrationsPerDay: s.retailDailyLimit, failuresPerHour: s.retailFailuresPerHour },
      spotCheckPercent: s.retailSpotCheckPercent,
      instantAllowed,
      timeZone: s.timeZone,
    };
  }

  // --- the admin's lists ---

  list(caller: Caller, status: SellerStatus | 'all', page: number, perPage = 50): Promise<Result<{ sellers: SellerRecord[]; total: number; counts: Record<SellerStatus, number> }>> {
    return refusable(() => this.doList(caller, status, page, perPage));
  }

  private async doList(caller: Caller, status: SellerStatus | 'all', page: number, perPage = 50): Promise<{ sellers: SellerRecord[]; total: number; counts: Record<SellerStatus, number> }> {
    await assertAdmin(this.host, caller);
    const { uids, total } = await this.store.membersPage(status, (page - 1) * perPage, page * perPage - 1);
    const sellers = (await Promise.all(uids.map((uid) => this.store.getMember(uid)))).filter((m): m is SellerRecord => m !== null);
    const counts = Object.fromEntries(await Promise.all((['pending', 'active', 'rejected', 'annulled'] as const).map(async (s) => [s, await this.store.memberCount(s)]))) as Record<SellerStatus, number>;
    return { sellers, total, counts };
  }

  /** Imports codes into a product's registry or into the blacklist: a report of what was added, repeated, refused. */
  importCodes(caller: Caller, list: unknown, productId: unknown, text: unknown): Promise<Result<ImportReport>> {
    return refusable(() => this.doImportCodes(caller, list, productId, text));
  }

  private async doImportCodes(caller: Caller, list: unknown, productId: unknown, text: unknown): Promise<ImportReport> {
    await assertAdmin(this.host, caller);
    if (list !== 'registry' && list !== 'blacklist') throw new BonusError('error.retail.import-list');
    if (typeof text !== 'string' || text.trim() === '') throw new BonusError('error.retail.no-codes');
    if (list === 'registry' && !(await this.products()).some((p) => p.id === productId)) throw new BonusError('retail.refusal.unknown-product');
    const lines = pastedLines(text);
    if (lines.length > IMPORT_CHUNK) throw new BonusError('error.retail.too-many-codes', [IMPORT_CHUNK]);
    const report: ImportReport = { added: 0, duplicates: 0, malformed: [] };
    const seen = new Set<string>();
    const codes: string[] = [];
    for (const { line, raw } of lines) {
      const code = normaliseBoxCode(raw);
      if (!code) report.malformed.push({ line, raw: raw.slice(0, 60) });
      else if (seen.has(code)) report.duplicates += 1;
      else {
        seen.add(code);
        codes.push(code);
      }
    }
    const key = list === 'registry' ? RETAIL_KEYS.registry(String(productId)) : RETAIL_KEYS.blacklist;
    const present = await this.store.present(key, codes);
    const fresh = codes.filter((_, i) => !present[i]);
    report.duplicates += codes.length - fresh.length;
    if (list === 'registry') await this.store.addToRegistry(String(productId), fresh as never);
    else await this.store.addToBlacklist(fresh as never);
    report.added = fresh.length;
    return report;
  }
}
