/**
 * Checkout (PROGRAM §5–§7): the member's remembered contact and delivery data, the quote of the cart
 * (every rule, lib/domain/checkout.ts), and payment.
 *
 * `pay(caller, {idempotencyKey, promoCode})` is one idempotent operation: the same key gives back the
 * same order, however many requests race (the key is claimed; the rest wait for the winner). The
 * winner, under the member's checkout lock: checks every rule again, writes the order, holds the
 * points (`hold:order:{id}`), reserves stock line by line, and captures the hold — the commit point.
 * Anything refused after the hold releases it and gives the reservations back (Medusa-style
 * compensation). A crash leaves an inflight record; `recover()` (a job) finishes an order whose hold
 * was captured and undoes any other. Capture and release share one ledger key, so a slow request and
 * the recovery job can never both win.
 */
import { BonusError } from '../errors';
import type { Caller, Host } from '../host';
import { effectiveStockMode, localized, type Product } from '../domain/catalog';
import { quote, type CheckoutLine, type PromoCode, type Quote } from '../domain/checkout';
import type { ContactInfo, DeliveryAddress, Order } from '../domain/orders';
import { stockField } from '../store/catalog-stock';
import { OrderStore, PAYMENT_LEASE_MS, type InflightPayment } from '../store/orders';
import type { CatalogService } from './catalog';
import type { CartService } from './cart';
import type { LedgerService } from './ledger';
import type { OrdersService } from './orders';
import type { SettingsService } from './settings';
import { assertMember } from './catalog-access';
import { parseOrThrow } from './catalog-input';
import { refusalMessage } from './checkout-messages';
import { contactSchema, deliverySchema, paySchema } from './checkout-input';

const LOCK_LEASE_MS = 60_000;
const WAIT_STEP_MS = 20;
const WAIT_STEPS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const holdKey = (orderId: number) => `hold:order:${orderId}`;

export interface CheckoutQuote {
  lines: CheckoutLine[];
  products: Map<number, Product>;
  quote: Quote;
}

export interface PayResult {
  order: Order;
  replayed: boolean;
}

export class CheckoutService {
  readonly store: OrderStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly catalog: CatalogService,
    private readonly cart: CartService,
    private readonly ledger: LedgerService,
    private readonly orders: OrdersService,
  ) {
    this.store = orders.store;
  }

  // --- remembered data -------------------------------------------------------------------------

  /** The member's last contact and delivery data; the contact defaults to their forum name and e-mail. */
  async profile(caller: Caller): Promise<{ contact: ContactInfo; delivery: DeliveryAddress | null; hasContact: boolean }> {
    assertMember(caller);
    const saved = await this.store.getProfile(caller.uid);
    if (saved.contact) return { contact: saved.contact, delivery: saved.delivery, hasContact: true };
    const [user] = await this.host.users.getUsers([caller.uid]);
    return { contact: { name: user?.displayname ?? '', email: user?.email ?? '', phone: '' }, delivery: saved.delivery, hasContact: false };
  }

  async saveContact(caller: Caller, input: unknown): Promise<ContactInfo> {
    assertMember(caller);
    const contact = parseOrThrow(contactSchema, input);
    await this.store.setProfile(caller.uid, 'contact', contact);
    return contact;
  }

  async saveDelivery(caller: Caller, input: unknown): Promise<DeliveryAddress> {
    assertMember(caller);
    const delivery = parseOrThrow(deliverySchema, input);
    await this.store.setProfile(caller.uid, 'delivery', delivery);
    return delivery;
  }

  // --- quote -----------------------------------------------------------------------------------

  /** The cart priced and checked; `withDelivery` adds the delivery rules for the saved address. */
  async quoteFor(caller: Caller, promoCode: string, withDelivery: boolean): Promise<CheckoutQuote> {
    assertMember(caller);
    const uid = caller.uid;
    const [lines, settings, rules, saved, history] = await Promise.all([
      this.cart.store.lines(uid), this.settings.get(), this.catalog.deliveryRules(), this.store.getProfile(uid), this.store.purchases(uid),
    ]);
    const ids = [...new Set(lines.map((l) => l.productId))];
    const found = await Promise.all(ids.map((id) => this.catalog.getProduct(id)));
    const products = new Map(found.filter((p): p is Product => p !== null).map((p) => [p.id, p]));
    const available = await this.availability(lines, products);
    const memberGroups = promoCode.trim() ? (await this.host.groups.getUserGroupNames([uid]))[0] ?? [] : [];
    const promos: PromoCode[] = [
      { code: settings.promoCodeActivists, group: settings.roleActivists, percent: settings.discountActivists },
      { code: settings.promoCodeConsultants, group: settings.roleConsultants, percent: settings.discountConsultants },
      { code: settings.promoCodeOldTimers, group: settings.roleOldTimers, percent: settings.discountOldTimers },
      { code: settings.promoCodeClubCouncil, group: settings.roleClubCouncil, percent: settings.discountClubCouncil },
    ].filter((p) => p.code !== '' && p.group !== '');
    const delivery = withDelivery && saved.delivery ? { method: saved.delivery.method, country: saved.delivery.country } : null;
    const q = quote({
      lines, products, available, delivery, deliveryRules: rules, pickupOffered: settings.pickupPlace !== '', promoCode,
      memberGroups, promos, minSouvenirOrder: settings.minSouvenirOrder, history, now: this.host.clock.now(),
    });
    return { lines, products, quote: q };
  }

  /** Display counters per stock key (the binding check is the reservation at payment). */
  private async availability(lines: CheckoutLine[], products: Map<number, Product>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const counted: { key: string; field: string }[] = [];
    for (const l of lines) {
      const p = products.get(l.productId);
      if (!p) continue;
      const key = `${l.productId}:${l.variantId ?? ''}`;
      const mode = effectiveStockMode(p);
      if (mode === 'counted') counted.push({ key, field: stockField(p.id, l.variantId) });
      else if (mode === 'manual') {
        const flag = l.variantId ? p.variants.find((v) => v.id === l.variantId)?.inStock : p.inStock;
        if (!flag) out.set(key, 0);
      }
    }
    const counts = await this.catalog.stock.counts(counted.map((c) => c.field));
    for (const c of counted) out.set(c.key, counts[c.field] ?? 0);
    return out;
  }

  // --- payment ---------------------------------------------------------------------------------

  async pay(caller: Caller, input: unknown): Promise<PayResult> {
    assertMember(caller);
    const req = parseOrThrow(paySchema, input);
    return this.payOnce(caller.uid, req.idempotencyKey, req.promoCode, req.expectedTotal);
  }

  private async payOnce(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    const paid = await this.store.orderIdByKey(uid, key);
    if (paid !== null) return this.replay(paid);
    const id = await this.store.newId();
    const record = await this.store.startInflight(id, uid, key, this.host.clock.now());
    if ((await this.store.claimKey(uid, key)) !== 1) {
      await this.store.endInflight(record);
      return this.waitForFirst(uid, key, promoCode, expectedTotal);
    }
    if (!(await this.lock(uid))) {
      await this.store.releaseKey(uid, key);
      await this.store.endInflight(record);
      throw new BonusError('error.checkout.busy', [], 409);
    }
    try {
      return { order: await this.place(id, uid, key, promoCode, record, expectedTotal), replayed: false };
    } finally {
      await this.store.unlock(uid);
    }
  }

  private async replay(id: number): Promise<PayResult> {
    const order = await this.store.getOrder(id);
    if (!order) throw new BonusError('error.checkout.busy', [], 409);
    return { order, replayed: true };
  }

  /** Another request holds the key: return its order once paid, or try again if it was refused. */
  private async waitForFirst(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    for (let step = 0; step < WAIT_STEPS; step += 1) {
      const paid = await this.store.orderIdByKey(uid, key);
      if (paid !== null) return this.replay(paid);
      if ((await this.store.keyClaims(uid, key)) === 0) return this.payOnce(uid, key, promoCode, expectedTotal);
      await sleep(WAIT_STEP_MS);
    }
    throw new BonusError('error.checkout.busy', [], 409);
  }

  private async lock(uid: number): Promise<boolean> {
    for (let step = 0; step < WAIT_STEPS; step += 1) {
      if (await this.store.tryLock(uid, this.host.clock.now(), LOCK_LEASE_MS)) return true;
      await sleep(WAIT_STEP_MS);
    }
    return false;
  }

  /** Refuses before anything is written: the key is free again. */
  private async refuse(uid: number, key: string, record: string, error: BonusError): Promise<never> {
    await this.store.releaseKey(uid, key);
    await this.store.endInflight(record);
    throw error;
  }

  private async place(id: number, uid: number, key: string, promoCode: string, record: string, expectedTotal?: number): Promise<Order> {
    const [{ lines, products, quote: q }, profile] = await Promise.all([this.quoteFor({ uid }, promoCode, true), this.store.getProfile(uid)]);
    if (q.refusals.length) {
      const lang = await this.host.users.getLanguage(uid);
      const m = await refusalMessage(this.host, q.refusals[0], lines, products, lang, profile.delivery?.country ?? null);
      return this.refuse(uid, key, record, new BonusError(m.key, m.args));
    }
    if (expectedTotal !== undefined && expectedTotal !== q.total) return this.refuse(uid, key, record, new BonusError('error.checkout.total-changed', [q.total]));
    if (!profile.contact) return this.refuse(uid, key, record, new BonusError('error.checkout.contact-required'));
    if (q.needsShipping && !profile.delivery) return this.refuse(uid, key, record, new BonusError('error.checkout.delivery-required'));
    const order: Order = {
      id, uid, idempotencyKey: key, subtotal: q.subtotal, discount: q.discount, total: q.total,
      promo: q.promo ? { group: q.promo.group, percent: q.promo.percent } : null,
      contact: profile.contact, delivery: q.needsShipping ? profile.delivery : null, createdAt: this.host.clock.now(),
      lines: q.lines.map((l) => {
        const p = products.get(l.productId)!;
        return {
          productId: l.productId, variantId: l.variantId, variantLabel: p.variants.find((v) => v.id === l.variantId)?.label ?? null,
          region: l.region, amount: l.amount, quantity: l.quantity, kind: l.kind, categoryId: l.categoryId, title: p.title,
          unitPriceInPoints: l.unitPriceInPoints, lineTotal: l.lineTotal, discountShare: l.discountShare, paidInPoints: l.paidInPoints,
          withoutBattery: l.withoutBattery,
        };
      }),
    };
    await this.store.writeOrder(order);
    await this.store.addPurchases(uid, id, order.lines, order.createdAt);
    const hold = await this.ledger.hold({ uid, amount: order.total, key: holdKey(id), reason: 'order', source: { type: 'order', id } });
    if (!hold.ok) {
      await this.undo(order, record);
      const spendable = (await this.ledger.balance(uid)).spendable;
      throw hold.code === 'insufficient-points'
        ? new BonusError('error.checkout.insufficient-points', [order.total, spendable])
        : new BonusError(`error.ledger.${hold.code}`);
    }
    for (const [i, line] of order.lines.entries()) {
      const product = products.get(line.productId)!;
      await this.store.step(id, `reserving:${i}`);
      const r = await this.catalog.reserve(product, line.variantId, line.quantity);
      if (!r.ok) {
        await this.undo(order, record);
        throw new BonusError('error.checkout.sold-out', [localized(product.title, await this.host.users.getLanguage(uid)), r.available]);
      }
      await this.store.step(id, `reserved:${i}`);
    }
    const captured = await this.ledger.capture({ targetKey: holdKey(id) });
    if (!captured.ok) {
      if ((await this.undo(order, record)) === 'captured') return this.finalize(order, record);
      throw new BonusError('error.checkout.busy', [], 409);
    }
    return this.finalize(order, record);
  }

  /**
   * Compensation of a payment that did not capture: the hold released, reserved lines given back
   * (each once), purchases no longer counted, the order void, the key free. Idempotent. Returns
   * 'captured' when the hold turns out to have been captured (then the order must be finished).
   */
  private async undo(order: Order, record: string): Promise<'undone' | 'captured'> {
    const released = await this.ledger.release({ targetKey: holdKey(order.id), reason: 'order-cancelled' });
    if (!released.ok && released.code === 'already-settled' && released.entry?.kind === 'capture') return 'captured';
    for (const [i, line] of order.lines.entries()) {
      if ((await this.store.stepCount(order.id, `reserved:${i}`)) > 0) {
        if ((await this.store.step(order.id, `returned:${i}`)) === 1) {
          const product = await this.catalog.getProduct(line.productId);
          if (product) await this.catalog.release(product, line.variantId, line.quantity);
        }
      } else if ((await this.store.stepCount(order.id, `reserving:${i}`)) > 0) {
        // The process stopped between the two: whether the unit was taken is unknown. Keeping it
        // errs on the safe side (never sell a unit twice); the admin recounts.
        this.host.log.warn(`[bonus] order ${order.id}: reservation of product ${line.productId} line ${i} unknown after a crash; check its stock`);
      }
      await this.store.removePurchase(order.uid, order.id, i, line);
    }
    await this.store.markVoid(order.id);
    await this.store.releaseKey(order.uid, order.idempotencyKey);
    await this.store.endInflight(record);
    return 'undone';
  }

  /** After capture: visible, history, key committed, cart emptied, codes delivered. Idempotent. */
  private async finalize(order: Order, record: string): Promise<Order> {
    const hasLicenses = order.lines.some((l) => l.kind === 'license');
    if (hasLicenses) await this.store.setAwaitingCodes(order.id, true, order.createdAt);
    await this.store.index(order, order.createdAt);
    await this.orders.recordPaid(order);
    await this.store.commitKey(order.uid, order.idempotencyKey, order.id);
    await this.store.endInflight(record);
    if ((await this.store.step(order.id, 'cart-cleared')) === 1) {
      for (const l of order.lines) {
        const left = await this.cart.store.add(order.uid, l, -l.quantity);
        if (left <= 0) await this.cart.store.setQuantity(order.uid, l, 0);
      }
    }
    if (hasLicenses) await this.orders.deliverCodes(order);
    return order;
  }

  /** The job: payments stopped by a crash (older than the lease) are finished or undone. */
  async recover(): Promise<number> {
    await this.ledger.recover();
    const all = await this.store.staleInflight('+inf');
    const stale = all.filter((p) => p.startedAt <= this.host.clock.now() - PAYMENT_LEASE_MS);
    let handled = 0;
    for (const p of stale) {
      await this.recoverOne(p, all);
      handled += 1;
    }
    return handled;
  }

  private async recoverOne(p: InflightPayment, all: InflightPayment[]): Promise<void> {
    await this.store.breakStaleLock(p.uid, this.host.clock.now());
    const order = await this.store.getOrder(p.id);
    if (!order) {
      // Stopped before the order was written, so before any hold. Free the key unless another
      // request with it is under way or paid.
      const others = all.some((o) => o.record !== p.record && o.uid === p.uid && o.key === p.key);
      if (!others && (await this.store.orderIdByKey(p.uid, p.key)) === null) await this.store.releaseKey(p.uid, p.key);
      await this.store.endInflight(p.record);
      return;
    }
    const outcome = await this.ledger.entryByKey(`settle:${holdKey(order.id)}`);
    if (outcome?.kind === 'capture' || (await this.undo(order, p.record)) === 'captured') await this.finalize(order, p.record);
  }
}
