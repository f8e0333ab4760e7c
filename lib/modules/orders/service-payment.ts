/**
 * Paying for the cart: one idempotent operation per client key (see service-checkout.ts for the outline).
 *
 * Decided first, under the member's checkout lock: the key claimed (a lease: a claim a crash left is
 * taken over when it ends), every rule checked again, the order built. Then the payment runs as the
 * durable-steps workflow `order-pay` (id = the order's id; lib/kernel/steps.ts):
 *
 *   write (the order, status `placing`; purchases counted for limits) → gate (a prize order uses its
 *   sales) → hold (`hold:order:{id}`) → reserve (stock line by line, `reserving:i` / `reserved:i`
 *   around each) → capture (the commit point) → finalize (visible, history, key committed, cart
 *   emptied, codes).
 *
 * A refusal at any step before the capture compensates every earlier step (the hold released, stock
 * given back, purchases no longer counted, the order void, the key free). A payment is decided while
 * its member waits: a run past `PAYMENT_WINDOW_MS` (the steps recovery job, or a runner that stalled)
 * does nothing new before the capture — it refuses, and so undoes what was done. Capture and release
 * share one ledger key, so exactly one of them ever happens; whoever loses that race follows the
 * winner (finishes the order, or undoes it).
 */
import { holdKey } from './ledger-keys';
import { BonusError, counted } from '../../kernel/errors';
import type { Host } from '../../host/index';
import { localized } from '../catalog';
import type { Order } from './domain';
import { OrderStore, PAYMENT_LEASE_MS } from './store';
import type { CatalogService } from '../catalog';
import type { CartService } from './service-cart';
import type { CheckoutQuote } from './service-checkout';
import type { SettingsService } from '../settings';
import type { OrdersService } from './service';
import { refusalMessage } from './checkout-messages';
import { StepWait, type StepsService, type Workflow } from '../../kernel/steps-service';
import { STEPS_LEASE_MS } from '../../kernel/steps';

const LOCK_LEASE_MS = 60_000;
const DAY_MS = 86_400_000;
const WAIT_STEP_MS = 20;
const WAIT_STEPS = 1500;
/** How long a payment may take before the capture; later, what it did is undone. */
export const PAYMENT_WINDOW_MS = STEPS_LEASE_MS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export { holdKey } from './ledger-keys';

export interface PayResult {
  order: Order;
  replayed: boolean;
}

/** The input of an `order-pay` workflow: the order as decided, and when. */
interface PayData { order: Order; startedAt: number }

export class PaymentService {
  private readonly store: OrderStore;
  private readonly steps: StepsService;
  private readonly paying: Workflow<PayData>;

  constructor(
    private readonly host: Host,
    private readonly catalog: CatalogService,
    private readonly cart: CartService,
    private readonly settings: SettingsService,
    private readonly orders: OrdersService,
    private readonly quoteFor: (uid: number, promoCode: string) => Promise<CheckoutQuote>,
  ) {
    this.store = orders.store;
    this.steps = orders.steps;
    this.paying = this.steps.register<PayData>({
      name: 'order-pay',
      steps: [
        { name: 'write', run: (d) => this.write(d), undo: (d) => this.unwrite(d) },
        { name: 'gate', run: (d) => this.useGate(d), undo: (d) => this.restoreGate(d) },
        { name: 'hold', run: (d) => this.hold(d), undo: (d) => this.release(d) },
        { name: 'reserve', run: (d) => this.reserve(d), undo: (d) => this.unreserve(d) },
        { name: 'capture', run: (d) => this.capture(d) },
        { name: 'finalize', run: (d) => this.finalize(d.order) },
      ],
    });
  }

  pay(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    return this.payOnce(uid, key, promoCode, expectedTotal);
  }

  private async payOnce(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    const paid = await this.store.orderIdByKey(uid, key);
    if (paid !== null) return this.replay(paid);
    if (!(await this.store.claimKey(uid, key, this.host.clock.now(), PAYMENT_LEASE_MS))) return this.waitForFirst(uid, key, promoCode, expectedTotal);
    if (!(await this.lock(uid))) {
      await this.store.releaseKey(uid, key);
      throw new BonusError('error.checkout.busy', [], 409);
    }
    try {
      const order = await this.decide(uid, key, promoCode, expectedTotal);
      const run = await this.steps.run(this.paying, String(order.id), { order, startedAt: this.host.clock.now() });
      if (run.outcome !== 'done') throw new BonusError('error.checkout.busy', [], 409);
      return { order, replayed: false };
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
      if (!(await this.store.isKeyClaimed(uid, key))) return this.payOnce(uid, key, promoCode, expectedTotal);
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

  /** The order as the rules allow it now; a refusal frees the key and writes nothing. */
  private async decide(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<Order> {
    const refuse = async (error: BonusError): Promise<never> => {
      await this.store.releaseKey(uid, key);
      throw error;
    };
    const [{ lines, products, quote: q }, profile] = await Promise.all([this.quoteFor(uid, promoCode), this.store.getProfile(uid)]);
    if (q.refusals.length) {
      const lang = await this.host.users.getLanguage(uid);
      const m = await refusalMessage(this.host, q.refusals[0], lines, products, lang, profile.delivery?.country ?? null);
      return refuse(new BonusError(m.key, m.args));
    }
    if (expectedTotal !== undefined && expectedTotal !== q.total) return refuse(new BonusError('error.checkout.total-changed', [counted(q.total)]));
    if (!profile.contact) return refuse(new BonusError('error.checkout.contact-required'));
    if (q.needsShipping && !profile.delivery) return refuse(new BonusError('error.checkout.delivery-required'));
    const id = await this.store.newId();
    const createdAt = this.host.clock.now();
    const shipBy = q.programme === 'sellers' ? createdAt + (await this.settings.get()).retailShipDays * DAY_MS : null;
    return {
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
  }

  // --- the steps -------------------------------------------------------------------------------

  /** Nothing new before the capture once the payment's window has passed: refused, so undone. */
  private inTime(d: PayData): void {
    if (this.host.clock.now() > d.startedAt + PAYMENT_WINDOW_MS) throw new BonusError('error.checkout.busy', [], 409);
  }

  private async write(d: PayData): Promise<void> {
    this.inTime(d);
    await this.store.writeOrder(d.order);
    await this.store.addPurchases(d.order.uid, d.order.id, d.order.lines, d.order.createdAt);
  }

  private async unwrite({ order }: PayData): Promise<void> {
    for (const [i, line] of order.lines.entries()) await this.store.removePurchase(order.uid, order.id, i, line);
    if (await this.store.getOrder(order.id)) await this.store.markVoid(order.id);
    await this.store.releaseKey(order.uid, order.idempotencyKey);
  }

  /** §6.2.1, under the member's checkout lock: two prize orders cannot both use the same sales. */
  private async useGate(d: PayData): Promise<void> {
    if (d.order.programme !== 'sellers') return;
    this.inTime(d);
    const gate = this.orders.prizeGate;
    if (!gate || !(await gate.consume(d.order.uid, d.order.id))) {
      const now = gate ? await gate.status(d.order.uid) : { have: 0, need: 0 };
      throw new BonusError('error.checkout.prize-gate', [now.need, now.have]);
    }
  }

  private async restoreGate({ order }: PayData): Promise<void> {
    if (order.programme === 'sellers') await this.orders.prizeGate?.restore(order.uid, order.id);
  }

  private async hold(d: PayData): Promise<void> {
    this.inTime(d);
    const { order } = d;
    const ledger = this.orders.ledgerFor(order.programme);
    const hold = await ledger.hold({ uid: order.uid, amount: order.total, key: holdKey(order.id), reason: 'order', source: { type: 'order', id: order.id } });
    if (hold.ok) return;
    if (hold.code === 'busy') throw new StepWait(`order ${order.id} hold`);
    if (hold.code !== 'insufficient-points') throw new BonusError(`error.ledger.${hold.code}`);
    const spendable = (await ledger.balance(order.uid)).spendable;
    const phrase = order.programme === 'sellers' ? 'sellerpoints.count' : 'points.count';
    throw new BonusError('error.checkout.insufficient-points', [counted(order.total, phrase), counted(spendable, phrase)]);
  }

  /** The hold released (idempotent; nothing to release when it was never written). */
  private async release({ order }: PayData): Promise<void> {
    const r = await this.orders.ledgerFor(order.programme).release({ targetKey: holdKey(order.id), reason: 'order-cancelled' });
    if (r.ok || r.code === 'not-found') return;
    if (r.code === 'busy') throw new StepWait(`order ${order.id} release`);
    // the capture step decides capture against release first, so a captured hold never gets here
    throw new Error(`[bonus] order ${order.id}: the hold could not be released (${r.code})`);
  }

  private async reserve(d: PayData): Promise<void> {
    this.inTime(d);
    const { order } = d;
    for (const [i, line] of order.lines.entries()) {
      if ((await this.store.step(order.id, `reserving:${i}`)) > 1) {
        if ((await this.store.stepCount(order.id, `reserved:${i}`)) > 0) continue;
        // a stop between asking for the unit and noting it: unknown (undone, and named in the log)
        throw new BonusError('error.checkout.busy', [], 409);
      }
      const product = await this.catalog.getProduct(line.productId);
      const r = product ? await this.catalog.reserve(product, line.variantId, line.quantity) : { ok: false as const, available: 0 };
      if (!r.ok) {
        // Refused: nothing was taken for this line; recorded so that the undo knows it and does not
        // report an unknown reservation.
        await this.store.step(order.id, `refused:${i}`);
        const title = product ? localized(product.title, await this.host.users.getLanguage(order.uid)) : '';
        throw new BonusError('error.checkout.sold-out', [title, r.available]);
      }
      await this.store.step(order.id, `reserved:${i}`);
    }
  }

  /** Reserved lines given back, each once; a reservation a stop left unknown is kept out and logged. */
  private async unreserve({ order }: PayData): Promise<void> {
    for (const [i, line] of order.lines.entries()) {
      if ((await this.store.stepCount(order.id, `reserved:${i}`)) > 0) {
        if ((await this.store.step(order.id, `returned:${i}`)) === 1) {
          const product = await this.catalog.getProduct(line.productId);
          if (product) await this.catalog.release(product, line.variantId, line.quantity);
        }
      } else if ((await this.store.stepCount(order.id, `reserving:${i}`)) > 0 && (await this.store.stepCount(order.id, `refused:${i}`)) === 0
        && (await this.store.step(order.id, `unknown:${i}`)) === 1) {
        // Whether the unit was taken is unknown: keeping it errs on the safe side (never sell a unit twice); the admin recounts.
        this.host.log.warn(`[bonus] order ${order.id}: reservation of product ${line.productId} line ${i} unknown after a crash; check its stock`);
      }
    }
  }

  /**
   * The commit point. In time: capture. Too late (the member no longer waits): release instead. The
   * two share one ledger key: whichever happened first stands — captured, the order is finished;
   * released, the payment is refused and undone.
   */
  private async capture(d: PayData): Promise<void> {
    const ledger = this.orders.ledgerFor(d.order.programme);
    const late = this.host.clock.now() > d.startedAt + PAYMENT_WINDOW_MS;
    const r = late
      ? await ledger.release({ targetKey: holdKey(d.order.id), reason: 'order-cancelled' })
      : await ledger.capture({ targetKey: holdKey(d.order.id) });
    const outcome = r.ok ? (late ? 'release' : 'capture') : r.code === 'already-settled' ? r.entry?.kind : undefined;
    if (outcome === 'capture') return;
    if (outcome === 'release' || (late && !r.ok && r.code === 'not-found')) throw new BonusError('error.checkout.busy', [], 409);
    if (!r.ok && r.code === 'busy') throw new StepWait(`order ${d.order.id} capture`);
    throw new Error(`[bonus] order ${d.order.id}: capture failed (${r.ok ? 'ok' : r.code})`);
  }

  /** After capture: visible, history, key committed, cart emptied, codes delivered. Idempotent. */
  private async finalize(order: Order): Promise<void> {
    const hasLicenses = order.lines.some((l) => l.kind === 'license' || l.kind === 'gift-card');
    if (hasLicenses) await this.store.setAwaitingCodes(order.id, true, order.createdAt);
    await this.store.index(order, order.createdAt);
    if (order.programme === 'sellers') await this.orders.prizeGate?.recordPaid(order);
    await this.orders.recordPaid(order);
    await this.store.commitKey(order.uid, order.idempotencyKey, order.id);
    // the key now answers with the order: its claim is no longer needed
    await this.store.releaseKey(order.uid, order.idempotencyKey);
    if ((await this.store.step(order.id, 'cart-cleared')) === 1) {
      for (const l of order.lines) {
        const left = await this.cart.store.add(order.uid, l, -l.quantity);
        if (left <= 0) await this.cart.store.remove(order.uid, l);
      }
    }
    if (hasLicenses) await this.orders.deliverCodes(order);
  }

  // --- recovery --------------------------------------------------------------------------------

  /**
   * The job: the ledgers' operations a crash stopped first, then payments a crash stopped (finished
   * when captured, else undone; the steps recovery does the same for every workflow). Payments an
   * earlier version left under way (its `inflight` records) are handed to the workflow first.
   */
  async recover(): Promise<number> {
    await this.orders.ledgerFor('club').recover();
    await this.orders.ledgerFor('sellers').recover();
    for (const p of await this.store.staleInflight(this.host.clock.now() - PAYMENT_LEASE_MS)) {
      const order = await this.store.getOrder(p.id);
      // from the capture: its progress is unknown, so it is settled there (finished if captured) and
      // every earlier step undone otherwise (each undo is safe when its action never happened)
      if (order) await this.steps.enqueue(this.paying, String(p.id), { order, startedAt: p.startedAt }, this.paying.steps.findIndex((x) => x.name === 'capture'));
      else if ((await this.store.orderIdByKey(p.uid, p.key)) === null) await this.store.releaseLegacyKey(p.uid, p.key);
      await this.store.endInflight(p.record);
    }
    return this.steps.recover([this.paying.name]);
  }
}
