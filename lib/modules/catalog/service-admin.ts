/**
 * Catalog administration (admins only): products, sizes, stock adjustments with a reason, store
 * categories. Every input is validated before anything is written.
 */
import { refusable, type Result } from '../../kernel/result';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import type { Product, StoreCategory } from './domain';
import { compareProducts, deliversCodes, effectiveStockMode, matchesSearch } from './domain';
import { CatalogStore } from './store';
import { StockStore, stockField, type StockAdjustment } from './store-stock';
import { CodeStore } from './store-codes';
import type { SettingsService } from '../settings';
import { assertAdmin } from '../../kernel/access';
import { notifyIfLowStock } from './low-stock';
import {
  assertConsistent, assignVariantIds, categoryInputSchema, listFilterSchema, parseOrThrow, productDefaults,
  productPatchSchema, stockAdjustmentSchema,
} from './input';

export interface AdminStock {
  mode: Product['stockMode'];
  /** counted: product counter, or the sum of its sizes */
  total: number;
  variants: Record<string, number>;
}

export interface AdminProductRow {
  product: Product;
  stock: AdminStock;
}

export class CatalogAdminService {
  readonly products: CatalogStore;
  readonly stock: StockStore;
  private readonly codes: CodeStore;

  constructor(private readonly host: Host, private readonly settings: SettingsService) {
    this.products = new CatalogStore(host.db);
    this.stock = new StockStore(host.db);
    this.codes = new CodeStore(host.db);
  }

  list(caller: Caller, filter: unknown = {}): Promise<Result<AdminProductRow[]>> {
    return refusable(() => this.doList(caller, filter));
  }

  private async doList(caller: Caller, filter: unknown = {}): Promise<AdminProductRow[]> {
    await assertAdmin(this.host, caller);
    const f = parseOrThrow(listFilterSchema, filter);
    const products = (await this.products.allProducts())
      .filter((p) => matchesSearch(p, f.search))
      .filter((p) => !f.kind || p.kind === f.kind)
      .filter((p) => !f.visibility || p.visibility === f.visibility)
      .filter((p) => !f.categoryId || String(p.categoryId ?? 'none') === f.categoryId)
      .filter((p) => !f.programme || p.programme === f.programme)
      .sort(compareProducts);
    return Promise.all(products.map(async (product) => ({ product, stock: await this.stockOf(product) })));
  }

  get(caller: Caller, id: number): Promise<Result<{ product: Product; stock: AdminStock; adjustments: StockAdjustment[]; pool: { available: number; sold: number } | null }>> {
    return refusable(() => this.doGet(caller, id));
  }

  private async doGet(caller: Caller, id: number): Promise<{ product: Product; stock: AdminStock; adjustments: StockAdjustment[]; pool: { available: number; sold: number } | null }> {
    await assertAdmin(this.host, caller);
    const product = await this.mustGet(id);
    const [stock, adjustments, pool] = await Promise.all([
      this.stockOf(product),
      this.stock.adjustments(id),
      deliversCodes(product)
        ? Promise.all([this.codes.availableCount(id), this.codes.soldCount(id)]).then(([available, sold]) => ({ available, sold }))
        : Promise.resolve(null),
    ]);
    return { product, stock, adjustments, pool };
  }

  create(caller: Caller, input: unknown): Promise<Result<Product>> {
    return refusable(() => this.doCreate(caller, input));
  }

  private async doCreate(caller: Caller, input: unknown): Promise<Product> {
    await assertAdmin(this.host, caller);
    const patch = parseOrThrow(productPatchSchema, input);
    if (!patch.kind) throw new BonusError('error.catalog.invalid-fields', ['kind']);
    const settings = await this.settings.get();
    const kindDefaults: Partial<Product> = patch.kind === 'license'
      ? { activationRegions: settings.licenseRegions, stockMode: 'counted' }
      : patch.kind === 'mobile-top-up' ? { topUp: { minAmount: 200, stepAmount: 100, maxAmount: 5000 }, stockMode: 'unlimited' }
        : patch.kind === 'gift-card' ? { stockMode: 'manual' } : {};
    const draft = { ...productDefaults, ...kindDefaults, ...patch, kind: patch.kind, variants: assignVariantIds(patch.variants ?? []) };
    await this.assertCategory(draft.categoryId);
    assertConsistent(draft);
    const now = this.host.clock.now();
    const product: Product = { ...draft, stockMode: effectiveStockMode(draft), id: await this.products.nextProductId(), createdAt: now, updatedAt: now };
    await this.products.saveProduct(product);
    return product;
  }

  update(caller: Caller, id: number, input: unknown): Promise<Result<Product>> {
    return refusable(() => this.doUpdate(caller, id, input));
  }

  private async doUpdate(caller: Caller, id: number, input: unknown): Promise<Product> {
    await assertAdmin(this.host, caller);
    const current = await this.mustGet(id);
    const patch = parseOrThrow(productPatchSchema, input);
    if (patch.kind && patch.kind !== current.kind) throw new BonusError('error.catalog.kind-is-fixed');
    const merged = { ...current, ...patch, kind: current.kind, variants: patch.variants ? assignVariantIds(patch.variants) : current.variants };
    await this.assertCategory(merged.categoryId);
    assertConsistent(merged);
    const product: Product = { ...merged, stockMode: effectiveStockMode(merged), id, createdAt: current.createdAt, updatedAt: this.host.clock.now() };
    await this.products.saveProduct(product);
    return product;
  }

  /** A copy as a draft, with no stock and no codes (stock is never copied). */
  duplicate(caller: Caller, id: number): Promise<Result<Product>> {
    return refusable(() => this.doDuplicate(caller, id));
  }

  private async doDuplicate(caller: Caller, id: number): Promise<Product> {
    await assertAdmin(this.host, caller);
    const source = await this.mustGet(id);
    const now = this.host.clock.now();
    const copy: Product = { ...source, id: await this.products.nextProductId(), visibility: 'draft', createdAt: now, updatedAt: now };
    await this.products.saveProduct(copy);
    return copy;
  }

  setVisibility(caller: Caller, id: number, visibility: unknown): Promise<Result<Product>> {
    return refusable(() => this.doSetVisibility(caller, id, visibility));
  }

  private async doSetVisibility(caller: Caller, id: number, visibility: unknown): Promise<Product> {
    return this.doUpdate(caller, id, { visibility });
  }

  /**
   * Receives (+) or writes off (−) stock of a counted product or size, with a reason; refused if it
   * would go below zero. Licenses are stocked by importing codes instead.
   */
  adjustStock(caller: Caller, id: number, input: unknown): Promise<Result<StockAdjustment>> {
    return refusable(() => this.doAdjustStock(caller, id, input));
  }

  private async doAdjustStock(caller: Caller, id: number, input: unknown): Promise<StockAdjustment> {
    await assertAdmin(this.host, caller);
    const product = await this.mustGet(id);
    const a = parseOrThrow(stockAdjustmentSchema, input);
    if (deliversCodes(product)) throw new BonusError('error.catalog.license-stock-from-codes');
    if (effectiveStockMode(product) !== 'counted') throw new BonusError('error.catalog.stock-not-counted');
    const variantId = a.variantId || null;
    if (product.variants.length > 0 && !product.variants.some((v) => v.id === variantId)) throw new BonusError('error.catalog.choose-size');
    if (product.variants.length === 0 && variantId) throw new BonusError('error.catalog.no-such-size');
    const r = await this.stock.adjust(id, variantId, a.delta);
    if (!r.ok) throw new BonusError('error.catalog.stock-below-zero', [r.available]);
    const settings = await this.settings.get();
    await notifyIfLowStock(this.host, product, variantId, r.after, -a.delta, settings.lowStockThreshold);
    return this.stock.logAdjustment({ productId: id, variantId, delta: a.delta, after: r.after, uid: caller.uid, reason: a.reason, at: this.host.clock.now() });
  }

  async listCategories(): Promise<StoreCategory[]> {
    return this.products.allCategories();
  }

  saveCategory(caller: Caller, input: unknown): Promise<Result<StoreCategory>> {
    return refusable(() => this.doSaveCategory(caller, input));
  }

  private async doSaveCategory(caller: Caller, input: unknown): Promise<StoreCategory> {
    await assertAdmin(this.host, caller);
    const c = parseOrThrow(categoryInputSchema, input);
    if (c.id !== undefined && !(await this.products.allCategories()).some((x) => x.id === c.id)) throw new BonusError('error.not-found', [], 'not-found');
    const category: StoreCategory = { id: c.id ?? await this.products.nextCategoryId(), title: c.title, sortOrder: c.sortOrder };
    await this.products.saveCategory(category);
    return category;
  }

  /** Products of a deleted category become uncategorised. */
  deleteCategory(caller: Caller, id: number): Promise<Result<void>> {
    return refusable(() => this.doDeleteCategory(caller, id));
  }

  private async doDeleteCategory(caller: Caller, id: number): Promise<void> {
    await assertAdmin(this.host, caller);
    const now = this.host.clock.now();
    for (const p of await this.products.allProducts()) {
      if (p.categoryId === id) await this.products.saveProduct({ ...p, categoryId: null, updatedAt: now });
    }
    await this.products.deleteCategory(id);
  }

  /**
   * What the stock on hand is worth in points, per programme (the ACP dashboard beside the liability,
   * issue 21): units × price over the products whose stock is counted — a counted product's counter
   * (or its sizes'), a code product's pool. Unlimited and manually marked products have no count and
   * are counted in `unvalued`. The products are the club's and the sellers' catalogues (a bounded set
   * the store page reads whole too): one read of them, one of the counters, one count a pool.
   */
  async stockValue(): Promise<{ programme: Product['programme']; value: number; units: number; unvalued: number }[]> {
    const products = (await this.products.allProducts()).filter((p) => p.visibility !== 'draft' && p.priceInPoints > 0);
    const counted = products.filter((p) => !deliversCodes(p) && effectiveStockMode(p) === 'counted');
    const pooled = products.filter((p) => deliversCodes(p));
    const fields = counted.flatMap((p) => (p.variants.length ? p.variants.map((v) => stockField(p.id, v.id)) : [stockField(p.id, null)]));
    const [counts, pools] = await Promise.all([this.stock.counts(fields), Promise.all(pooled.map((p) => this.codes.availableCount(p.id)))]);
    const units = new Map<number, number>();
    for (const p of counted) {
      const fs = p.variants.length ? p.variants.map((v) => stockField(p.id, v.id)) : [stockField(p.id, null)];
      units.set(p.id, fs.reduce((n, f) => n + Math.max(0, counts[f] ?? 0), 0));
    }
    pooled.forEach((p, i) => units.set(p.id, Math.max(0, pools[i] ?? 0)));
    const out = new Map<Product['programme'], { programme: Product['programme']; value: number; units: number; unvalued: number }>();
    for (const p of products) {
      const row = out.get(p.programme) ?? { programme: p.programme, value: 0, units: 0, unvalued: 0 };
      const n = units.get(p.id);
      if (n === undefined) row.unvalued += 1;
      else {
        row.units += n;
        row.value += n * p.priceInPoints;
      }
      out.set(p.programme, row);
    }
    return [...out.values()];
  }

  async stockOf(product: Product): Promise<AdminStock> {
    const mode = effectiveStockMode(product);
    const fields = product.variants.length ? product.variants.map((v) => stockField(product.id, v.id)) : [stockField(product.id, null)];
    const counts = await this.stock.counts(fields);
    const variants = Object.fromEntries(product.variants.map((v) => [v.id, counts[stockField(product.id, v.id)] ?? 0]));
    const total = fields.reduce((s, f) => s + (counts[f] ?? 0), 0);
    return { mode, total, variants };
  }

  private async mustGet(id: number): Promise<Product> {
    const p = await this.products.getProduct(id);
    if (!p) throw new BonusError('error.not-found', [], 'not-found');
    return p;
  }

  private async assertCategory(categoryId: number | null): Promise<void> {
    if (categoryId === null) return;
    if (!(await this.products.allCategories()).some((c) => c.id === categoryId)) throw new BonusError('error.catalog.no-such-category');
  }
}
