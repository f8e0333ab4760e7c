/**
 * Paying for the cart: one idempotent operation per client key (see checkout.ts for the outline).
 *
 * Steps of the winner of the key, under the member's checkout lock: every rule checked again →
 * order written (status `placing`) → purchases counted for limits → points held (`hold:order:{id}`)
 * → stock reserved line by line (`reserving:i` / `reserved:i` step counters around each) → hold
 * captured (the commit point) → finalize: visible, history, key committed, cart emptied, codes.
 * A refusal after the hold runs `undo` (compensation); a crash leaves the inflight record for
 * `recover`. Capture and release share one ledger key, so exactly one of them ever happens.
 */
import { holdKey } from './ledger-keys';
import { BonusError, counted } from '../../kernel/errors';
import type { Host } from '../../host/index';
import { localized } from '../catalog';
import type { Order } from './domain';
import { OrderStore, PAYMENT_LEASE_MS, type InflightPayment } from './store';
import type { CatalogService } from '../catalog';
import type { CartService } from './service-cart';
import type { CheckoutQuote } from './service-checkout';
import type { SettingsService } from '../settings';
import type { OrdersService } from './service';
import { refusalMessage } from './checkout-messages';

const LOCK_LEASE_MS = 60_000;
const DAY_MS = 86_400_000;
const WAIT_STEP_MS = 20;
const WAIT_STEPS = 1500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export { holdKey } from './ledger-keys';

export interface PayResult {
  order: Order;
  replayed: boolean;
}

export class PaymentService {
  private readonly store: OrderStore;

  constructor(
    private readonly host: Host,
    private readonly catalog: CatalogService,
    private readonly cart: CartService,
    private readonly settings: SettingsService,
    private readonly orders: OrdersService,
    private readonly quoteFor: (uid: number, promoCode: string) => Promise<CheckoutQuote>,
  ) {
    this.store = orders.store;
  }

  pay(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    return this.payOnce(uid, key, promoCode, expectedTotal);
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
    const [{ lines, products, quote: q }, profile] = await Promise.all([this.quoteFor(uid, promoCode), this.store.getProfile(uid)]);
    if (q.refusals.length) {
      const lang = await this.host.users.getLanguage(uid);
      const m = await refusalMessage(this.host, q.refusals[0], lines, products, lang, profile.delivery?.country ?? null);
      return this.refuse(uid, key, record, new BonusError(m.key, m.args));
    }
    if (expectedTotal !== undefined && expectedTotal !== q.total) return this.refuse(uid, key, record, new BonusError('error.checkout.total-changed', [counted(q.total)]));
    if (!profile.contact) return this.refuse(uid, key, record, new BonusError('error.checkout.contact-required'));
    if (q.needsShipping && !profile.delivery) return this.refuse(uid, key, record, new BonusError('error.checkout.delivery-required'));
    const createdAt = this.host.clock.now();
    const shipBy = q.programme === 'sellers' ? createdAt + (await this.settings.get()).retailShipDays * DAY_MS : null;
    const order: Order = {
      id, uid, programme: q.programme, shipBy, idempotencyKey: key, subtotal: q.subtotal, discount: q.discount, total: q.total,
      promo: q.promo ? { group: q.promo.group, percent: q.promo.percent } : null,
      contact: profile.contact, delivery: q.needsShipping ? profile.delivery : null, createdAt,
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
    if (order.programme === 'sellers') {
      // §6.2.1, under the member's checkout lock: two prize orders cannot both use the same sales
      const gate = this.orders.prizeGate;
      if (!gate || !(await gate.consume(uid, id))) {
        await this.undo(order, record);
        const now = gate ? await gate.status(uid) : { have: 0, need: 0 };
        throw new BonusError('error.checkout.prize-gate', [now.need, now.have]);
      }
    }
    const ledger = this.orders.ledgerFor(order.programme);
    const hold = await ledger.hold({ uid, amount: order.total, key: holdKey(id), reason: 'order', source: { type: 'order', id } });
    if (!hold.ok) {
      await this.undo(order, record);
      const spendable = (await ledger.balance(uid)).spendable;
      const phrase = order.programme === 'sellers' ? 'sellerpoints.count' : 'points.count';
      throw hold.code === 'insufficient-points'
        ? new BonusError('error.checkout.insufficient-points', [counted(order.total, phrase), counted(spendable, phrase)])
        : new BonusError(`error.ledger.${hold.code}`);
    }
    for (const [i, line] of order.lines.entries()) {
      const product = products.get(line.productId)!;
      await this.store.step(id, `reserving:${i}`);
      const r = await this.catalog.reserve(product, line.variantId, line.quantity);
      if (!r.ok) {
        // Refused: nothing was taken for this line; recorded so that the undo (or a recovery after
        // a crash from here on) knows it and does not report an unknown reservation.
        await this.store.step(id, `refused:${i}`);
        await this.undo(order, record);
        throw new BonusError('error.checkout.sold-out', [localized(product.title, await this.host.users.getLanguage(uid)), r.available]);
      }
      await this.store.step(id, `reserved:${i}`);
    }
    const captured = await ledger.capture({ targetKey: holdKey(id) });
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
    const released = await this.orders.ledgerFor(order.programme).release({ targetKey: holdKey(order.id), reason: 'order-cancelled' });
    if (!released.ok && released.code === 'already-settled' && released.entry?.kind === 'capture') return 'captured';
    if (order.programme === 'sellers') await this.orders.prizeGate?.restore(order.uid, order.id);
    for (const [i, line] of order.lines.entries()) {
      if ((await this.store.stepCount(order.id, `reserved:${i}`)) > 0) {
        if ((await this.store.step(order.id, `returned:${i}`)) === 1) {
          const product = await this.catalog.getProduct(line.productId);
          if (product) await this.catalog.release(product, line.variantId, line.quantity);
        }
      } else if ((await this.store.stepCount(order.id, `reserving:${i}`)) > 0 && (await this.store.stepCount(order.id, `refused:${i}`)) === 0) {
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
    const hasLicenses = order.lines.some((l) => l.kind === 'license' || l.kind === 'gift-card');
    if (hasLicenses) await this.store.setAwaitingCodes(order.id, true, order.createdAt);
    await this.store.index(order, order.createdAt);
    if (order.programme === 'sellers') await this.orders.prizeGate?.recordPaid(order);
    await this.orders.recordPaid(order);
    await this.store.commitKey(order.uid, order.idempotencyKey, order.id);
    await this.store.endInflight(record);
    if ((await this.store.step(order.id, 'cart-cleared')) === 1) {
      for (const l of order.lines) {
        const left = await this.cart.store.add(order.uid, l, -l.quantity);
        if (left <= 0) await this.cart.store.remove(order.uid, l);
      }
    }
    if (hasLicenses) await this.orders.deliverCodes(order);
    return order;
  }

  /** Payments stopped by a crash (older than the lease) are finished or undone. */
  async recover(): Promise<number> {
    await this.orders.ledgerFor('club').recover();
    await this.orders.ledgerFor('sellers').recover();
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
    const outcome = await this.orders.ledgerFor(order.programme).entryByKey(`settle:${holdKey(order.id)}`);
    if (outcome?.kind === 'capture' || (await this.undo(order, p.record)) === 'captured') await this.finalize(order, p.record);
  }
}
