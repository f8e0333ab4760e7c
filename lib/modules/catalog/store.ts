/**
 * Products and store categories on host.db. One hash per product holding its document as JSON
 * (`bonus:catalog:product:{id}` field `doc`), a sorted set of all product ids, ids from `bonus:ids`.
 * Stock is not here: see catalog-stock.ts (counters changed only by atomic increments).
 */
import type { Database } from '../../host/index';
import type { Product, StoreCategory } from './domain';
import { categorySchema, productSchema } from './store-schema';

export const K = {
  ids: 'bonus:ids',
  products: 'bonus:catalog:products',
  product: (id: number) => `bonus:catalog:product:${id}`,
  categories: 'bonus:catalog:categories',
  category: (id: number) => `bonus:catalog:category:${id}`,
};

function parseDoc<T>(raw: string | null | undefined, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T | null {
  if (!raw) return null;
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? (r.data as T) : null;
  } catch {
    return null;
  }
}

export class CatalogStore {
  constructor(private readonly db: Database) {}

  async nextProductId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'nextProductId');
  }

  async saveProduct(p: Product): Promise<void> {
    await this.db.setObject(K.product(p.id), { doc: JSON.stringify(p), updatedAt: p.updatedAt });
    await this.db.sortedSetAdd(K.products, p.id, p.id);
  }

  async getProduct(id: number): Promise<Product | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    return parseDoc<Product>(await this.db.getObjectField(K.product(id), 'doc'), productSchema);
  }

  async getProducts(ids: number[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.product), ['doc']);
    return rows.map((r) => parseDoc<Product>(r.doc, productSchema)).filter((p): p is Product => p !== null);
  }

  /** Every product (the catalog is small: tens to hundreds). */
  async allProducts(): Promise<Product[]> {
    const ids = (await this.db.getSortedSetRange(K.products, 0, -1)).map(Number);
    return this.getProducts(ids);
  }

  async nextCategoryId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'nextStoreCategoryId');
  }

  async saveCategory(c: StoreCategory): Promise<void> {
    await this.db.setObject(K.category(c.id), { doc: JSON.stringify(c) });
    await this.db.sortedSetAdd(K.categories, c.id, c.id);
  }

  async deleteCategory(id: number): Promise<void> {
    await this.db.sortedSetRemove(K.categories, id);
    await this.db.delete(K.category(id));
  }

  async allCategories(): Promise<StoreCategory[]> {
    const ids = (await this.db.getSortedSetRange(K.categories, 0, -1)).map(Number);
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.category), ['doc']);
    return rows.map((r) => parseDoc<StoreCategory>(r.doc, categorySchema)).filter((c): c is StoreCategory => c !== null)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  }
}
