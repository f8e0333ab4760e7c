/**
 * The steps of the `order-pay` workflow (service-payment.ts registers them and says what they
 * guarantee together): each step's action and, before the capture, its compensation.
 */
import { holdKey } from './ledger-keys';
import { BonusError, counted } from '../../kernel/errors';
import { localized } from '../catalog';
import type { Host } from '../../host/index';
import { paidChange, type Order } from './domain';
import type { OrderStore } from './store';
import type { CatalogService } from '../catalog';
import type { CartService } from './service-cart';
import type { OrdersService } from './service';
import { StepWait, type StepContext } from '../../kernel/steps-service';
import type { LedgerEntry } from '../ledger';
import { STEPS_LEASE_MS } from '../../kernel/steps';

/** A payment is decided while its member waits: past this, nothing new happens before the capture. */
export const PAYMENT_WINDOW_MS = STEPS_LEASE_MS;

export interface PayData {
  order: Order;
  startedAt: number;
  /**
   * The hold as this run wrote it, in memory only (the input is stored before any step runs, so a
   * resumed run never has it and reads the hold again): the capture's target without a read.
   */
  held?: LedgerEntry;
}

export class PaymentSteps {
  constructor(
    private readonly host: Host,
    private readonly store: OrderStore,
    private readonly catalog: CatalogService,
    private readonly cart: CartService,
    private readonly orders: OrdersService,
  ) {}

  /** Nothing new before the capture once the payment's window has passed: refused, so undone. */
  private inTime(d: PayData): void {
    if (this.host.clock.now() > d.startedAt + PAYMENT_WINDOW_MS) throw new BonusError('error.checkout.busy', [], 'conflict');
  }

  async write(d: PayData): Promise<void> {
    this.inTime(d);
    // independent (the undo removes both, each safe where it was not written): one round trip
    await Promise.all([this.store.writeOrder(d.order), this.store.addPurchases(d.order.uid, d.order.id, d.order.lines, d.order.createdAt)]);
  }

  async unwrite({ order }: PayData): Promise<void> {
    for (const [i, line] of order.lines.entries()) await this.store.removePurchase(order.uid, order.id, i, line);
    if (await this.store.getOrder(order.id)) await this.store.markVoid(order.id);
    await this.store.releaseKey(order.uid, order.idempotencyKey);
  }

  /** §6.2.1, under the member's checkout lock: two prize orders cannot both use the same sales. */
  async useGate(d: PayData): Promise<void> {
    if (d.order.programme !== 'sellers') return;
    this.inTime(d);
    const gate = this.orders.prizeGate;
    if (!gate || !(await gate.consume(d.order.uid, d.order.id))) {
      const now = gate ? await gate.status(d.order.uid) : { have: 0, need: 0 };
      throw new BonusError('error.checkout.prize-gate', [now.need, now.have]);
    }
  }

  async restoreGate({ order }: PayData): Promise<void> {
    if (order.programme === 'sellers') await this.orders.prizeGate?.restore(order.uid, order.id);
  }

  async hold(d: PayData, ctx: StepContext): Promise<void> {
    this.inTime(d);
    const { order } = d;
    const ledger = this.orders.ledgerFor(order.programme);
    // the hold's last write (its inflight record's removal) goes with the reservation's first calls
    const hold = await ledger.hold(
      { uid: order.uid, amount: order.total, key: holdKey(order.id), reason: 'order', source: { type: 'order', id: order.id } },
      { deferClose: (close) => ctx.defer(close) },
    );
    if (hold.ok) {
      d.held = hold.entry;
      return;
    }
    if (hold.code === 'busy') throw new StepWait(`order ${order.id} hold`);
    if (hold.code !== 'insufficient-points') throw new BonusError(`error.ledger.${hold.code}`);
    const spendable = (await ledger.spendables([order.uid])).get(order.uid) ?? 0;
    const phrase = order.programme === 'sellers' ? 'sellerpoints.count' : 'points.count';
    throw new BonusError('error.checkout.insufficient-points', [counted(order.total, phrase), counted(spendable, phrase)]);
  }

  /** The hold released (idempotent; nothing to release when it was never written). */
  async release({ order }: PayData): Promise<void> {
    const r = await this.orders.ledgerFor(order.programme).release({ targetKey: holdKey(order.id), reason: 'order-cancelled' });
    if (r.ok || r.code === 'not-found') return;
    if (r.code === 'busy') throw new StepWait(`order ${order.id} release`);
    // the capture step decides capture against release first, so a captured hold never gets here
    throw new Error(`[bonus] order ${order.id}: the hold could not be released (${r.code})`);
  }

  async reserve(d: PayData, ctx: StepContext): Promise<void> {
    this.inTime(d);
    const { order } = d;
    const last = order.lines.length - 1;
    for (const [i, line] of order.lines.entries()) {
      // the product is read in the same round trip as the line's mark (nothing is taken before the mark)
      const [mark, product] = await Promise.all([this.store.step(order.id, `reserving:${i}`), this.catalog.getProduct(line.productId)]);
      if (mark > 1) {
        if ((await this.store.stepCount(order.id, `reserved:${i}`)) > 0) continue;
        // a stop between asking for the unit and noting it: unknown (undone, and named in the log)
        throw new BonusError('error.checkout.busy', [], 'conflict');
      }
      const r = product ? await this.catalog.reserve(product, line.variantId, line.quantity) : { ok: false as const, available: 0 };
      if (!r.ok) {
        // Refused: nothing was taken for this line; recorded so that the undo knows it and does not
        // report an unknown reservation.
        await this.store.step(order.id, `refused:${i}`);
        const title = product ? localized(product.title, await this.host.users.getLanguage(order.uid)) : '';
        throw new BonusError('error.checkout.sold-out', [title, r.available]);
      }
      // The last line's mark goes with the step's progress (issue 14). A stop that writes the
      // progress but not the mark leaves this reservation "unknown" to an undo (kept out, logged),
      // exactly as a stop between the decrement and the mark always did.
      if (i === last) ctx.defer(() => this.store.step(order.id, `reserved:${i}`));
      else await this.store.step(order.id, `reserved:${i}`);
    }
  }

  /** Reserved lines given back, each once; a reservation a stop left unknown is kept out and logged. */
  async unreserve({ order }: PayData): Promise<void> {
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
  async capture(d: PayData, ctx: StepContext): Promise<void> {
    const ledger = this.orders.ledgerFor(d.order.programme);
    const late = this.host.clock.now() > d.startedAt + PAYMENT_WINDOW_MS;
    const r = late
      ? await ledger.release({ targetKey: holdKey(d.order.id), reason: 'order-cancelled' })
      : await ledger.capture({ targetKey: holdKey(d.order.id), target: d.held }, { deferClose: (close) => ctx.defer(close) });
    const outcome = r.ok ? (late ? 'release' : 'capture') : r.code === 'already-settled' ? r.entry?.kind : undefined;
    if (outcome === 'capture') return;
    if (outcome === 'release' || (late && !r.ok && r.code === 'not-found')) throw new BonusError('error.checkout.busy', [], 'conflict');
    if (!r.ok && r.code === 'busy') throw new StepWait(`order ${d.order.id} capture`);
    throw new Error(`[bonus] order ${d.order.id}: capture failed (${r.ok ? 'ok' : r.code})`);
  }

  /** After capture: visible, history, key committed, cart emptied, codes delivered. Idempotent. */
  async finalize(order: Order, ctx: StepContext): Promise<void> {
    const hasLicenses = order.lines.some((l) => l.kind === 'license' || l.kind === 'gift-card');
    // Every write here is idempotent and the step runs again until it has ended, so independent
    // writes go together (issue 14); what depends on another waits for it: the status (field and
    // index, at the paid time known here) after the history entry it derives from, the key's claim
    // released after the key answers with the order, the cart emptied once (its counter first; a
    // line left at zero is removed with the step's progress: a stop before that leaves a line the
    // cart never shows).
    const [, , , , clearing] = await Promise.all([
      hasLicenses ? this.store.setAwaitingCodes(order.id, true, order.createdAt) : null,
      this.store.index(order, order.createdAt),
      order.programme === 'sellers' ? this.orders.prizeGate?.recordPaid(order) : null,
      this.store.commitKey(order.uid, order.idempotencyKey, order.id),
      this.store.step(order.id, 'cart-cleared'),
      this.store.writeHistory(order.id, paidChange(order)),
    ]);
    await Promise.all([
      this.store.applyStatus(order.id, 'paid', order.createdAt),
      this.orders.notifyPaid(order),
      this.store.releaseKey(order.uid, order.idempotencyKey),
      clearing === 1 ? this.clearCart(order, ctx) : null,
    ]);
    if (hasLicenses) await this.orders.deliverCodes(order);
  }

  /** The order's lines taken out of the cart (the lines are independent of one another). */
  private async clearCart(order: Order, ctx: StepContext): Promise<void> {
    await Promise.all(order.lines.map(async (l) => {
      const left = await this.cart.store.add(order.uid, l, -l.quantity);
      if (left <= 0) ctx.defer(() => this.cart.store.remove(order.uid, l));
    }));
  }
}
