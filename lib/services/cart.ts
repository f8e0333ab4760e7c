/**
 * The cart, minimal (issue 5): adding a line from the product page. The cart page, quantities and
 * checkout come with the next issue; checkout validates every line again.
 */
import { BonusError } from '../errors';
import type { Caller, Host } from '../host';
import { checkTopUpAmount, effectiveStockMode } from '../domain/catalog';
import { CartStore, type CartLine } from '../store/cart';
import { stockField } from '../store/catalog-stock';
import type { CatalogService } from './catalog';
import { assertMember } from './catalog-access';
import { cartAddSchema, parseOrThrow } from './catalog-input';

export const MAX_LINE_QUANTITY = 99;

export class CartService {
  readonly store: CartStore;

  constructor(host: Host, private readonly catalog: CatalogService) {
    this.store = new CartStore(host.db);
  }

  async add(caller: Caller, input: unknown): Promise<{ line: CartLine; items: number }> {
    assertMember(caller);
    const req = parseOrThrow(cartAddSchema, input);
    const product = await this.catalog.mustGetOnSale(req.productId);
    let variantId: string | null = null;
    if (product.variants.length) {
      const v = product.variants.find((x) => x.id === req.variantId);
      if (!v) throw new BonusError('error.catalog.choose-size');
      variantId = v.id;
    }
    let region: string | null = null;
    if (product.kind === 'license') {
      if (!req.region || !product.activationRegions.includes(req.region)) throw new BonusError('error.catalog.choose-region');
      region = req.region;
    }
    let amount: number | null = null;
    if (product.kind === 'mobile-top-up' && product.topUp) {
      const check = checkTopUpAmount(product.topUp, req.amount ?? 0);
      if (!check.ok) throw new BonusError('error.catalog.top-up-amount', [check.min, check.step, check.max]);
      amount = req.amount ?? null;
    }
    if (product.limit && req.quantity > product.limit.maxUnits) {
      throw new BonusError('error.catalog.limit-quantity', [product.limit.maxUnits, product.limit.months]);
    }
    await this.assertAvailable(product, variantId, req.quantity);
    const key = { productId: product.id, variantId, region, amount };
    const quantity = await this.store.add(caller.uid, key, req.quantity);
    if (quantity > MAX_LINE_QUANTITY) {
      await this.store.add(caller.uid, key, -req.quantity);
      throw new BonusError('error.catalog.too-many', [MAX_LINE_QUANTITY]);
    }
    const lines = await this.store.lines(caller.uid);
    return { line: { ...key, quantity }, items: lines.reduce((s, l) => s + l.quantity, 0) };
  }

  async lines(caller: Caller): Promise<CartLine[]> {
    assertMember(caller);
    return this.store.lines(caller.uid);
  }

  /** A courtesy check for the member (display counters); the binding check is checkout's reserve. */
  private async assertAvailable(product: Parameters<CatalogService['reserve']>[0], variantId: string | null, quantity: number): Promise<void> {
    const mode = effectiveStockMode(product);
    if (mode === 'unlimited') return;
    if (mode === 'manual') {
      const flag = variantId ? product.variants.find((v) => v.id === variantId)?.inStock : product.inStock;
      if (!flag) throw new BonusError('error.catalog.out-of-stock');
      return;
    }
    const field = stockField(product.id, variantId);
    const available = (await this.catalog.stock.counts([field]))[field] ?? 0;
    if (available <= 0) throw new BonusError('error.catalog.out-of-stock');
    if (available < quantity) throw new BonusError('error.catalog.not-enough-stock', [available]);
  }
}
