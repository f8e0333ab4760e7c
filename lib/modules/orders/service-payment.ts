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
import { BonusError, counted } from '../../kernel/errors';
import type { Host } from '../../host/index';
import type { Order } from './domain';
import { OrderStore, PAYMENT_LEASE_MS } from './store';
import type { CatalogService } from '../catalog';
import type { CartService } from './service-cart';
import type { CheckoutQuote } from './service-checkout';
import type { SettingsService } from '../settings';
import type { OrdersService } from './service';
import { refusalMessage } from './checkout-messages';
import type { StepsService, Workflow } from '../../kernel/steps-service';
import { PaymentSteps, type PayData } from './payment-workflows';

const LOCK_LEASE_MS = 60_000;
const DAY_MS = 86_400_000;
const WAIT_STEP_MS = 20;
const WAIT_STEPS = 1500;
/** How long a payment may take before the capture; later, what it did is undone. */
export { PAYMENT_WINDOW_MS } from './payment-workflows';

export { holdKey } from './ledger-keys';

export interface PayResult {
  order: Order;
  replayed: boolean;
}

/** The input of an `order-pay` workflow: the order as decided, and when. */

export class PaymentService {
  private readonly store: OrderStore;
  private readonly steps: StepsService;
  private readonly paying: Workflow<PayData>;

  constructor(
    private readonly host: Host,
    catalog: CatalogService,
    cart: CartService,
    private readonly settings: SettingsService,
    private readonly orders: OrdersService,
    private readonly quoteFor: (uid: number, promoCode: string) => Promise<CheckoutQuote>,
  ) {
    this.store = orders.store;
    this.steps = orders.steps;
    const flow = new PaymentSteps(host, this.store, catalog, cart, orders);
    this.paying = this.steps.register<PayData>({
      name: 'order-pay',
      steps: [
        // Before the capture every step has its undo, so each may start alongside the progress of
        // the one before (`withPrevious`): a re-run of an earlier step that refuses undoes it too.
        // The capture is the commit point: the progress up to it is written first.
        { name: 'write', run: (d) => flow.write(d), undo: (d) => flow.unwrite(d) },
        // a club order has no prize gate: the step is counted done without a round trip
        { name: 'gate', withPrevious: true, skip: (d) => d.order.programme !== 'sellers', run: (d) => flow.useGate(d), undo: (d) => flow.restoreGate(d) },
        { name: 'hold', withPrevious: true, run: (d, ctx) => flow.hold(d, ctx), undo: (d) => flow.release(d) },
        { name: 'reserve', withPrevious: true, run: (d, ctx) => flow.reserve(d, ctx), undo: (d) => flow.unreserve(d) },
        { name: 'capture', run: (d, ctx) => flow.capture(d, ctx) },
        // capture runs again safely (its key: the capture stands), so finalize may start with its progress
        { name: 'finalize', withPrevious: true, run: (d, ctx) => flow.finalize(d.order, ctx) },
      ],
    });
  }

  /** `bind`: the client key's binding to this request (ClientKeys), taken in the first round trip. */
  pay(uid: number, key: string, promoCode: string, expectedTotal?: number, bind?: () => Promise<unknown>): Promise<PayResult> {
    return this.payOnce(uid, key, promoCode, expectedTotal, bind);
  }

  private async payOnce(uid: number, key: string, promoCode: string, expectedTotal?: number, bind?: () => Promise<unknown>): Promise<PayResult> {
    // The key's binding, its order, its claim and the member's lock in one round trip (issue 14);
    // each taken in vain is given back: the claim and the lock when the binding is refused (the key
    // was used for another request) or the key was paid already, the lock when another request
    // holds the key. (A claim is a lease, a lock too: a stop in between frees them in time.)
    const now = this.host.clock.now();
    const [refused, paid, claimed, locked] = await Promise.all([
      bind ? bind().then(() => null, (err: unknown) => err) : null,
      this.store.orderIdByKey(uid, key), this.store.claimKey(uid, key, now, PAYMENT_LEASE_MS), this.store.tryLock(uid, now, LOCK_LEASE_MS),
    ]);
    if (refused) {
      await Promise.all([claimed ? this.store.releaseKey(uid, key) : null, locked ? this.store.unlock(uid) : null]);
      throw refused;
    }
    if (paid !== null || !claimed) {
      await Promise.all([claimed ? this.store.releaseKey(uid, key) : null, locked ? this.store.unlock(uid) : null]);
      return paid !== null ? this.replay(paid) : this.waitForFirst(uid, key, promoCode, expectedTotal);
    }
    if (!locked && !(await this.lock(uid))) {
      await this.store.releaseKey(uid, key);
      throw new BonusError('error.checkout.busy', [], 'conflict');
    }
    let unlocked = false;
    const unlock = () => {
      unlocked = true;
      return this.store.unlock(uid);
    };
    try {
      const order = await this.decide(uid, key, promoCode, expectedTotal);
      // a new order's id: a fresh workflow (no lease to contend for, no claim to read); the lock is
      // released in the round trip that ends it
      const run = await this.steps.run(this.paying, String(order.id), { order, startedAt: this.host.clock.now() }, { fresh: true, atEnd: unlock });
      if (run.outcome !== 'done') throw new BonusError('error.checkout.busy', [], 'conflict');
      return { order, replayed: false };
    } finally {
      if (!unlocked) await unlock();
    }
  }

  private async replay(id: number): Promise<PayResult> {
    const order = await this.store.getOrder(id);
    if (!order) throw new BonusError('error.checkout.busy', [], 'conflict');
    return { order, replayed: true };
  }

  /** Another request holds the key: return its order once paid, or try again if it was refused. */
  private async waitForFirst(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<PayResult> {
    for (let step = 0; step < WAIT_STEPS; step += 1) {
      const paid = await this.store.orderIdByKey(uid, key);
      if (paid !== null) return this.replay(paid);
      if (!(await this.store.isKeyClaimed(uid, key))) return this.payOnce(uid, key, promoCode, expectedTotal);
      await this.host.clock.pause(WAIT_STEP_MS);
    }
    throw new BonusError('error.checkout.busy', [], 'conflict');
  }

  private async lock(uid: number): Promise<boolean> {
    for (let step = 0; step < WAIT_STEPS; step += 1) {
      if (await this.store.tryLock(uid, this.host.clock.now(), LOCK_LEASE_MS)) return true;
      await this.host.clock.pause(WAIT_STEP_MS);
    }
    return false;
  }

  /** The order as the rules allow it now; a refusal frees the key and writes nothing. */
  private async decide(uid: number, key: string, promoCode: string, expectedTotal?: number): Promise<Order> {
    const refuse = async (error: BonusError): Promise<never> => {
      await this.store.releaseKey(uid, key);
      throw error;
    };
    // the order's id is taken with the reads (one round trip): a refused checkout leaves a gap in the numbers
    const [{ lines, products, quote: q }, profile, id] = await Promise.all([this.quoteFor(uid, promoCode), this.store.getProfile(uid), this.store.newId()]);
    if (q.refusals.length) {
      const lang = await this.host.users.getLanguage(uid);
      const m = await refusalMessage(this.host, q.refusals[0], lines, products, lang, profile.delivery?.country ?? null);
      return refuse(new BonusError(m.key, m.args));
    }
    if (expectedTotal !== undefined && expectedTotal !== q.total) return refuse(new BonusError('error.checkout.total-changed', [counted(q.total)]));
    if (!profile.contact) return refuse(new BonusError('error.checkout.contact-required'));
    if (q.needsShipping && !profile.delivery) return refuse(new BonusError('error.checkout.delivery-required'));
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
