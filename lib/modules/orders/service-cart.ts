/**
 * The cart: adding a line from the product page, changing quantities and a license's activation
 * country, removing lines. The cart holds intentions; checkout validates every line again.
 */
import { refusable, type Result, valueOrRaise } from '../../kernel/result';
import { BonusError, keyArg } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { checkTopUpAmount, effectiveStockMode, type Product } from '../catalog';
import { MAX_ORDER_POINTS, unitPrice } from './domain-checkout';
import { CartStore, lineField, type CartLine, type CartLineKey } from './store-cart';
import { stockField } from '../catalog';
import type { CatalogService } from '../catalog';
import { assertMember } from '../catalog';
import { cartAddSchema, parseOrThrow } from '../catalog';
import { cartLineRemoveSchema, cartLineUpdateSchema } from './input-checkout';

export const MAX_LINE_QUANTITY = 99;

function totalOf(lines: readonly CartLine[], products: ReadonlyMap<number, Product>): number {
  return lines.reduce((sum, l) => {
    const p = products.get(l.productId);
    return p ? sum + unitPrice({ amount: l.amount }, p) * l.quantity : sum;
  }, 0);
}

export class CartService {
  readonly store: CartStore;

  constructor(host: Host, private readonly catalog: CatalogService) {
    this.store = new CartStore(host.db);
  }

  add(caller: Caller, input: unknown): Promise<Result<{ line: CartLine; items: number }>> {
    return refusable(() => this.doAdd(caller, input));
  }

  private async doAdd(caller: Caller, input: unknown): Promise<{ line: CartLine; items: number }> {
    assertMember(caller);
    const req = parseOrThrow(cartAddSchema, input);
    const product = valueOrRaise(await this.catalog.mustGetOnSale(req.productId, caller.uid));
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
      await this.undoAdd(caller.uid, key, req.quantity);
      throw new BonusError('error.catalog.too-many', [MAX_LINE_QUANTITY]);
    }
    // Issue 11, item 4: a line no order could pay for is refused here, not at payment.
    if (unitPrice({ amount }, product) * quantity > MAX_ORDER_POINTS) {
      await this.undoAdd(caller.uid, key, req.quantity);
      throw new BonusError('error.catalog.order-too-large', [MAX_ORDER_POINTS]);
    }
    const lines = await this.store.lines(caller.uid);
    const products = await this.productsOf(lines);
    // An order is paid in one programme's points (PROGRAM §9): a seller's prize and a club item never
    // share a cart. Two adds racing past this are refused at the quote (`mixed-programmes`).
    const other = [...products.values()].find((p) => p.programme !== product.programme);
    if (other) {
      await this.undoAdd(caller.uid, key, req.quantity);
      throw new BonusError('error.cart.other-programme', [keyArg(`programme.${other.programme}`)]);
    }
    // A cart too large only through several lines is refused here too (the binding check stays at
    // the quote and at payment, where today's prices are read again).
    const total = totalOf(lines, products);
    if (total > MAX_ORDER_POINTS) {
      await this.undoAdd(caller.uid, key, req.quantity);
      throw new BonusError('error.checkout.order-too-large', [MAX_ORDER_POINTS, total]);
    }
    return { line: { ...key, quantity }, items: lines.reduce((s, l) => s + l.quantity, 0) };
  }

  /** Sets a line's quantity (1–99; removing is `remove`) and, for a license, moves it to another activation country. */
  update(caller: Caller, input: unknown): Promise<Result<CartLine[]>> {
    return refusable(() => this.doUpdate(caller, input));
  }

  private async doUpdate(caller: Caller, input: unknown): Promise<CartLine[]> {
    assertMember(caller);
    const req = parseOrThrow(cartLineUpdateSchema, input);
    const key = { productId: req.productId, variantId: req.variantId, region: req.region, amount: req.amount };
    const lines = await this.store.lines(caller.uid);
    if (!lines.some((l) => lineField(l) === lineField(key))) throw new BonusError('error.not-found', [], 'not-found');
    const product = await this.catalog.getProduct(req.productId);
    if (product && unitPrice({ amount: req.amount }, product) * req.quantity > MAX_ORDER_POINTS) throw new BonusError('error.catalog.order-too-large', [MAX_ORDER_POINTS]);
    if (req.newRegion && req.newRegion !== req.region) {
      if (!product || product.kind !== 'license' || !product.activationRegions.includes(req.newRegion)) throw new BonusError('error.catalog.choose-region');
      await this.store.remove(caller.uid, key);
      const moved = { ...key, region: req.newRegion };
      const total = await this.store.add(caller.uid, moved, req.quantity);
      if (total > MAX_LINE_QUANTITY) await this.store.setQuantity(caller.uid, moved, MAX_LINE_QUANTITY);
    } else {
      const before = lines.find((l) => lineField(l) === lineField(key))?.quantity ?? 0;
      const after = lines.map((l) => (lineField(l) === lineField(key) ? { ...l, quantity: req.quantity } : l));
      const total = await this.cartTotal(after);
      if (req.quantity > before && total > MAX_ORDER_POINTS) throw new BonusError('error.checkout.order-too-large', [MAX_ORDER_POINTS, total]);
      await this.store.setQuantity(caller.uid, key, req.quantity);
    }
    return this.store.lines(caller.uid);
  }

  /** Takes back a refused add: the line as it was, or gone if the add had created it. */
  private async undoAdd(uid: number, key: CartLineKey, quantity: number): Promise<void> {
    if ((await this.store.add(uid, key, -quantity)) <= 0) await this.store.remove(uid, key);
  }

  /** The products of the cart's lines, read once (a product gone is left out). */
  private async productsOf(lines: readonly CartLine[]): Promise<Map<number, Product>> {
    const ids = [...new Set(lines.map((l) => l.productId))];
    return new Map((await Promise.all(ids.map((id) => this.catalog.getProduct(id)))).flatMap((p) => (p ? [[p.id, p] as const] : [])));
  }

  /** The cart's total at today's prices (lines whose product is gone count nothing). */
  private async cartTotal(lines: readonly CartLine[]): Promise<number> {
    return totalOf(lines, await this.productsOf(lines));
  }

  remove(caller: Caller, input: unknown): Promise<Result<CartLine[]>> {
    return refusable(() => this.doRemove(caller, input));
  }

  private async doRemove(caller: Caller, input: unknown): Promise<CartLine[]> {
    assertMember(caller);
    const req = parseOrThrow(cartLineRemoveSchema, input);
    await this.store.remove(caller.uid, req);
    return this.store.lines(caller.uid);
  }

  lines(caller: Caller): Promise<Result<CartLine[]>> {
    return refusable(() => this.doLines(caller));
  }

  private async doLines(caller: Caller): Promise<CartLine[]> {
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
