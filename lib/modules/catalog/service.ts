/**
 * Reading the catalog as a member (only products on sale, in the member's language) and the stock
 * operations checkout builds on (`reserve` / `release`, decided on atomic increments).
 */
import { refusable, type Result } from '../../kernel/result';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import type { Product, StockState, StoreCategory } from './domain';
import { combineStockStates, compareProducts, deliversCodes, effectiveStockMode, localized, stockState } from './domain';
import { deliveryNotices, type DeliveryRules, type RuleNotice } from '../orders';
import { CatalogStore } from './store';
import { StockStore, stockField, type Reservation } from './store-stock';
import type { SettingsService } from '../settings';
import { notifyIfLowStock } from './low-stock';
import type { Programme } from '../../kernel/programmes';

/** The programmes whose products a member may see and buy (the composition root knows who is a seller). */
export type ProgrammeMembership = (uid: number) => Promise<readonly Programme[]>;

export interface SizeView {
  id: string;
  label: string;
  state: StockState;
  available: boolean;
  low: boolean;
}

export interface ProductCard {
  id: number;
  kind: Product['kind'];
  programme: Programme;
  isSellers: boolean;
  title: string;
  image: string;
  hasImage: boolean;
  priceInPoints: number;
  isTopUp: boolean;
  minAmount: number;
  state: StockState;
  available: boolean;
  sizes: SizeView[];
  hasSizes: boolean;
  categoryId: number | null;
}

export interface ProductView extends ProductCard {
  description: string;
  images: { url: string; alt: string }[];
  regions: { code: string }[];
  needsRegion: boolean;
  notices: RuleNotice[];
  limit: Product['limit'];
  topUp: Product['topUp'];
  visibility: Product['visibility'];
}

export interface CategoryView {
  id: number | null;
  title: string;
  products: ProductCard[];
}

export class CatalogService {
  readonly products: CatalogStore;
  readonly stock: StockStore;

  private membership: ProgrammeMembership = async () => ['club'];

  constructor(private readonly host: Host, private readonly settings: SettingsService) {
    this.products = new CatalogStore(host.db);
    this.stock = new StockStore(host.db);
  }

  /** Wired by the composition root: the sellers' programme says who is an active seller. */
  useProgrammeMembership(fn: ProgrammeMembership): void {
    this.membership = fn;
  }

  /** Every member buys the club's products; a programme's own products only its members (asked only then). */
  private async mayBuy(uid: number, p: Pick<Product, 'programme'>): Promise<boolean> {
    return p.programme === 'club' || (await this.programmesOf(uid)).includes(p.programme);
  }

  /** The programmes `uid` takes part in (every member is in the club's; a guest sees the club's only). */
  async programmesOf(uid: number): Promise<readonly Programme[]> {
    return uid > 0 ? this.membership(uid) : ['club'];
  }

  async deliveryRules(): Promise<DeliveryRules> {
    const s = await this.settings.get();
    return { noDeliveryCountries: s.noDeliveryCountries, noClothingCountries: s.noClothingCountries, russiaOnlyCountry: s.russiaOnlyCountry };
  }

  /** Products that deliver codes from a pool and are not drafts (the ACP dashboard's pools, issue 21). */
  async codeProducts(): Promise<Product[]> {
    return (await this.products.allProducts()).filter((p) => deliversCodes(p) && p.visibility !== 'draft');
  }

  /**
   * The club store's newest products on sale, newest first (the "New in the store" widget, issue 21):
   * title, price and stock state. One read of the products (a bounded set the store page reads whole).
   */
  async newest(lang: string, count: number): Promise<ProductCard[]> {
    const [products, threshold] = await Promise.all([this.products.allProducts(), this.settings.get().then((s) => s.lowStockThreshold)]);
    const onSale = products.filter((p) => p.visibility === 'on-sale' && p.programme === 'club')
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).slice(0, count);
    return Promise.all(onSale.map((p) => this.card(p, lang, threshold)));
  }

  /** The raw product, whatever its visibility (for checkout and orders). */
  async getProduct(id: number): Promise<Product | null> {
    return this.products.getProduct(id);
  }

  async categories(): Promise<StoreCategory[]> {
    return this.products.allCategories();
  }

  /**
   * The store home of one programme: categories in order with their products on sale; uncategorised
   * ones last. The sellers' prize shop is the same page with `programme = 'sellers'` (its callers
   * check that the member is a seller).
   */
  async storeHome(lang: string, programme: Programme = 'club'): Promise<CategoryView[]> {
    const [products, categories, threshold] = await Promise.all([
      this.products.allProducts(), this.products.allCategories(), this.settings.get().then((s) => s.lowStockThreshold),
    ]);
    const onSale = products.filter((p) => p.visibility === 'on-sale' && p.programme === programme).sort(compareProducts);
    const cards = await Promise.all(onSale.map((p) => this.card(p, lang, threshold)));
    const known = new Set(categories.map((c) => c.id));
    const groups: CategoryView[] = categories.map((c) => ({ id: c.id, title: localized(c.title, lang), products: cards.filter((p) => p.categoryId === c.id) }));
    groups.push({ id: null, title: '', products: cards.filter((p) => p.categoryId === null || !known.has(p.categoryId)) });
    return groups.filter((g) => g.products.length > 0);
  }

  /**
   * A product page; members see only products on sale of a programme they take part in (a seller's
   * prize is not there for anyone else), admins may preview any.
   */
  async productPage(caller: Caller, id: number, lang: string): Promise<ProductView | null> {
    const product = await this.products.getProduct(id);
    if (!product) return null;
    const visible = product.visibility === 'on-sale' && (await this.mayBuy(caller.uid, product));
    if (!visible && !(caller.uid > 0 && await this.host.privileges.isAdmin(caller.uid))) return null;
    const [settings, rules] = await Promise.all([this.settings.get(), this.deliveryRules()]);
    const card = await this.card(product, lang, settings.lowStockThreshold);
    return {
      ...card,
      description: localized(product.description, lang),
      images: product.images.map((url) => ({ url, alt: card.title })),
      regions: product.activationRegions.map((code) => ({ code })),
      needsRegion: product.kind === 'license',
      notices: deliveryNotices(product, rules, settings.pickupPlace !== ''),
      limit: product.limit,
      topUp: product.topUp,
      visibility: product.visibility,
    };
  }

  /** Checkout: take n units of a counted product or size (others always succeed). */
  async reserve(product: Product, variantId: string | null, n: number): Promise<Reservation> {
    const mode = effectiveStockMode(product);
    if (mode === 'unlimited') return { ok: true, left: Number.POSITIVE_INFINITY };
    if (mode === 'manual') {
      const flag = variantId ? product.variants.find((v) => v.id === variantId)?.inStock : product.inStock;
      return flag ? { ok: true, left: Number.POSITIVE_INFINITY } : { ok: false, available: 0 };
    }
    const r = await this.stock.reserve(product.id, variantId, n);
    if (r.ok) await notifyIfLowStock(this.host, product, variantId, r.left, n, (await this.settings.get()).lowStockThreshold);
    return r;
  }

  /** Compensation of `reserve` (cancelled order, failed payment). */
  async release(product: Product, variantId: string | null, n: number): Promise<void> {
    if (effectiveStockMode(product) === 'counted') await this.stock.release(product.id, variantId, n);
  }

  private async card(p: Product, lang: string, threshold: number): Promise<ProductCard> {
    const mode = effectiveStockMode(p);
    const fields = p.variants.length ? p.variants.map((v) => stockField(p.id, v.id)) : [stockField(p.id, null)];
    const counts = mode === 'counted' ? await this.stock.counts(fields) : {};
    const sizes: SizeView[] = p.variants.map((v) => {
      const state = stockState(mode, counts[stockField(p.id, v.id)] ?? 0, v.inStock, threshold);
      return { id: v.id, label: v.label, state, available: state !== 'out-of-stock', low: state === 'low' };
    });
    const state = sizes.length ? combineStockStates(sizes.map((s) => s.state)) : stockState(mode, counts[stockField(p.id, null)] ?? 0, p.inStock, threshold);
    return {
      id: p.id, kind: p.kind, programme: p.programme, isSellers: p.programme === 'sellers', title: localized(p.title, lang), image: p.images[0] ?? '', hasImage: p.images.length > 0,
      priceInPoints: p.priceInPoints, isTopUp: p.kind === 'mobile-top-up', minAmount: p.topUp?.minAmount ?? 0,
      state, available: state !== 'out-of-stock', sizes, hasSizes: sizes.length > 0, categoryId: p.categoryId,
    };
  }

  /** A product `uid` may buy: on sale, of a programme they take part in (else "not on sale", as if hidden). */
  mustGetOnSale(id: number, uid: number): Promise<Result<Product>> {
    return refusable(() => this.doMustGetOnSale(id, uid));
  }

  private async doMustGetOnSale(id: number, uid: number): Promise<Product> {
    const p = await this.products.getProduct(id);
    if (!p || p.visibility !== 'on-sale' || !(await this.mayBuy(uid, p))) throw new BonusError('error.catalog.not-on-sale', [], 'not-found');
    return p;
  }
}
