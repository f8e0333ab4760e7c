/**
 * Orders after payment: status changes with their history (the member is notified of each), refunds
 * of lines and cancellation (points back through the ledger under one key per line, stock back once
 * per line), license codes delivered to the order (waiting with a visible reason when the pool ran
 * dry), and the member's and admin's views.
 */
import { BonusError, counted } from '../errors';
import type { Caller, Host } from '../host';
import { effectiveStockMode, isPhysical, localized } from '../domain/catalog';
import { countryNameKey } from '../domain/countries';
import { checkDelivery } from '../domain/delivery';
import {
  applyReplacements, belowMinimum, canTransition, replacementPrice, REPLACEABLE_STATUSES, souvenirSubtotal, statusAfterRefund,
  type LineReplacement, type Order, type OrderStatus, type StatusChange,
} from '../domain/orders';
import { OrderStore, PAYMENT_LEASE_MS } from '../store/orders';
import type { CatalogService } from './catalog';
import type { CodesService } from './codes';
import type { LedgerService } from './ledger';
import { assertAdmin, assertMember } from './catalog-access';
import { parseOrThrow } from './catalog-input';
import { refundLinesSchema, replaceLineSchema, statusChangeSchema } from './checkout-input';
import type { SettingsService } from './settings';

export interface OrderState {
  /** The order as it stands: lines replaced at packing show their replacement. */
  order: Order;
  /** Replacements by line (who, when, from what, how the difference was settled). */
  replacements: Map<number, LineReplacement>;
  status: OrderStatus;
  history: StatusChange[];
  refundedLines: Set<number>;
  awaitingCodes: boolean;
}

export const refundKey = (orderId: number, line: number) => `refund:order:${orderId}:line:${line}`;
/** The ledger key of the points given back when a line is replaced by something cheaper. */
export const replaceRefundKey = (orderId: number, line: number) => `order:${orderId}:replace:${line}:refund`;

export class OrdersService {
  readonly store: OrderStore;

  constructor(
    private readonly host: Host,
    private readonly ledger: LedgerService,
    private readonly catalog: CatalogService,
    private readonly codes: CodesService,
    private readonly settings: SettingsService,
  ) {
    this.store = new OrderStore(host.db);
  }

  /** The order with its current status (from the uncached history), or null if it is not paid. */
  async state(id: number): Promise<OrderState | null> {
    const [raw, history, replacements] = await Promise.all([this.store.getOrder(id), this.store.history(id), this.store.replacements(id)]);
    if (!raw || history.length === 0) return null;
    const order = applyReplacements(raw, replacements);
    const counts = await Promise.all(order.lines.map((_, i) => this.store.stepCount(id, `refunded:${i}`)));
    return {
      order, replacements, history, status: history[history.length - 1].status,
      refundedLines: new Set(counts.flatMap((n, i) => (n > 0 ? [i] : []))),
      awaitingCodes: await this.store.isAwaitingCodes(id),
    };
  }

  /** The buyer or an admin; anyone else gets "not found" (an order's existence is private). */
  async mustView(caller: Caller, id: number): Promise<OrderState> {
    assertMember(caller);
    const state = Number.isSafeInteger(id) && id > 0 ? await this.state(id) : null;
    if (!state) throw new BonusError('error.not-found', [], 404);
    if (state.order.uid !== caller.uid && !(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.not-found', [], 404);
    return state;
  }

  async memberOrders(caller: Caller): Promise<OrderState[]> {
    assertMember(caller);
    const ids = await this.store.memberOrderIds(caller.uid);
    const states = await Promise.all(ids.map((id) => this.state(id)));
    return states.filter((s): s is OrderState => s !== null);
  }

  /** The buyer's license codes per order line (slot i of a product goes to its lines in order). */
  async codesByLine(caller: Caller, state: OrderState): Promise<Map<number, string[]>> {
    return splitCodes(state.order, await this.codes.codesOfOrder(caller, String(state.order.id), state.order.uid));
  }
  // --- status changes --------------------------------------------------------------------------

  /**
   * The first history entry. Deterministic (same value every time), so a payment finished twice —
   * by its request and by recovery — writes it once.
   */
  async recordPaid(order: Order): Promise<void> {
    await this.store.appendHistory(order.id, { seq: 1, status: 'paid', at: order.createdAt, actorUid: order.uid, note: '' });
    await this.notify(order, 1, 'paid');
  }

  /** Moves the order on by the transition table; one winner per step (claimed sequence number). */
  async transition(id: number, to: OrderStatus, actorUid: number, note: string): Promise<StatusChange> {
    const state = await this.state(id);
    if (!state) throw new BonusError('error.not-found', [], 404);
    if (!canTransition(state.status, to)) throw new BonusError('error.orders.bad-transition', [state.order.id]);
    const seq = state.history[state.history.length - 1].seq + 1;
    if (!(await this.store.claimSeq(id, seq, this.host.clock.now(), PAYMENT_LEASE_MS))) throw new BonusError('error.orders.changed-meanwhile', [id], 409);
    const change: StatusChange = { seq, status: to, at: this.host.clock.now(), actorUid, note };
    await this.store.appendHistory(id, change);
    await this.notify(state.order, seq, to);
    return change;
  }

  /** Admins: processing, shipped (note = tracking), delivered, or cancelled (everything refunded). */
  async setStatus(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(statusChangeSchema, input);
    if (req.status === 'cancelled') {
      const state = await this.mustView(caller, id);
      const open = state.order.lines.map((_, i) => i).filter((i) => !state.refundedLines.has(i));
      // Every line already refunded (two partial refunds raced): only the status is left to move.
      if (open.length === 0) await this.transition(id, 'cancelled', caller.uid, req.note);
      else return this.refundLines(caller, id, { lines: open, note: req.note });
      return (await this.state(id))!;
    }
    const change = await this.transition(id, req.status, caller.uid, req.note);
    // PROGRAM §5: a mistake in an order is reported to the member by personal message when processing starts.
    if (change.status === 'processing' && change.note !== '') await this.messageBuyer(caller.uid, id, change.note);
    return (await this.state(id))!;
  }

  private async messageBuyer(fromUid: number, id: number, note: string): Promise<void> {
    const state = await this.state(id);
    if (!state) return;
    const lang = await this.host.users.getLanguage(state.order.uid);
    const intro = await this.host.translator.translate(`[[bonus:orders.pm.processing, ${id}]]`, lang);
    await this.host.messaging.sendPrivateMessage(fromUid, state.order.uid, `${intro}\n\n${note}`);
  }

  /**
   * Admins: drop lines and give their points back (PROGRAM §8). Each line's refund is one ledger
   * entry under `refund:order:{id}:line:{i}`, so a repeated or concurrent request refunds it once;
   * its stock goes back once (a claimed step); it no longer counts for purchase limits.
   */
  async refundLines(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(refundLinesSchema, input);
    const state = await this.mustView(caller, id);
    const { order } = state;
    const lines = [...new Set(req.lines)].filter((i) => i < order.lines.length && !state.refundedLines.has(i));
    if (lines.length === 0) throw new BonusError('error.orders.nothing-to-refund');
    const after = new Set([...state.refundedLines, ...lines]);
    const next = statusAfterRefund(state.status, order.lines.length, after);
    if (!next) throw new BonusError('error.orders.bad-transition', [id]);
    await this.checkMinimum(order.lines, state.refundedLines, after, req.confirmBelowMinimum);
    for (const i of lines) await this.refundLine(order, i, caller.uid);
    await this.transition(id, next, caller.uid, req.note);
    return (await this.state(id))!;
  }

  private async refundLine(order: Order, i: number, actorUid: number): Promise<void> {
    const line = order.lines[i];
    const r = await this.ledger.credit({
      uid: order.uid, amount: line.paidInPoints, key: refundKey(order.id, i), reason: 'order-cancelled',
      source: { type: 'order', id: order.id }, actorUid,
    });
    if (!r.ok) throw new BonusError(`error.ledger.${r.code}`);
    await this.store.step(order.id, `refunded:${i}`);
    await this.store.removePurchase(order.uid, order.id, i, line);
    // Delivered codes are not returned to the pool (the member has seen them); goods go back on the shelf.
    if (isPhysical(line.kind) && (await this.store.step(order.id, `returned:${i}`)) === 1) {
      const product = await this.catalog.getProduct(line.productId);
      if (product && effectiveStockMode(product) === 'counted') await this.catalog.release(product, line.variantId, line.quantity);
    }
  }

  /**
   * PROGRAM §6: refuses (409, the admin may confirm) a change that takes the souvenirs left below the
   * souvenir minimum. `linesAfter` are the lines as they would be (a replacement's new total).
   */
  private async checkMinimum(
    linesAfter: Order['lines'], refundedBefore: ReadonlySet<number>, refundedAfter: ReadonlySet<number>, confirmed: boolean, linesBefore = linesAfter,
  ): Promise<void> {
    if (confirmed) return;
    const { minSouvenirOrder } = await this.settings.get();
    const before = souvenirSubtotal(linesBefore.filter((_, i) => !refundedBefore.has(i))).subtotal;
    const low = belowMinimum(before, souvenirSubtotal(linesAfter.filter((_, i) => !refundedAfter.has(i))), minSouvenirOrder);
    if (low !== null) throw new BonusError('error.orders.below-minimum', [counted(low), counted(minSouvenirOrder, 'points.gen')], 409);
  }

  // --- replacing a line at packing -------------------------------------------------------------

  /**
   * Admins, at packing: line `line` (out of stock) is replaced by another souvenir (and size). The
   * replacement's stock is reserved and the old line's returned; the difference in price is settled
   * in points — given back (one ledger entry under `order:{id}:replace:{line}:refund`) when it costs
   * less, covered by the club when it costs more and the admin said so (`clubPays`; never charged).
   * A line is replaced once: the line is claimed (a double submit or a second admin waits for or
   * repeats the first), and the history entry is a claimed sequence number, so a status change
   * between reading the order and replacing refuses the replacement.
   */
  async replaceLine(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(replaceLineSchema, input);
    const state = await this.mustView(caller, id);
    const done = state.replacements.get(req.line);
    if (done) return this.repeatReplacement(state, done, req);
    if (!REPLACEABLE_STATUSES.includes(state.status)) throw new BonusError('error.orders.replace-status', [id]);
    const { order } = state;
    const line = order.lines[req.line];
    if (!line || state.refundedLines.has(req.line)) throw new BonusError('error.orders.replace-no-line');
    if (line.kind === 'license') throw new BonusError('error.orders.replace-license');
    if (!isPhysical(line.kind)) throw new BonusError('error.orders.replace-not-souvenir');
    const product = await this.catalog.getProduct(req.productId);
    if (!product) throw new BonusError('error.orders.replace-no-product', [req.productId]);
    if (!isPhysical(product.kind)) throw new BonusError('error.orders.replace-not-souvenir');
    const variant = product.variants.find((v) => v.id === req.variantId) ?? null;
    if (product.variants.length ? !variant : req.variantId !== null) throw new BonusError('error.orders.replace-choose-size');
    if (product.id === line.productId && req.variantId === line.variantId) throw new BonusError('error.orders.replace-same');
    let withoutBattery = false;
    if (order.delivery) {
      const d = checkDelivery(product, order.delivery.country, order.delivery.method, await this.catalog.deliveryRules());
      if (!d.ok) throw new BonusError('error.orders.replace-delivery');
      withoutBattery = d.withoutBattery;
    }
    const lineTotal = product.priceInPoints * line.quantity;
    const { paid, difference } = replacementPrice(lineTotal, order.promo?.percent ?? 0, line.paidInPoints);
    if (difference < 0 && !req.clubPays) throw new BonusError('error.orders.replace-dearer', [counted(-difference)]);
    const linesAfter = order.lines.map((l, i) => (i === req.line ? { ...l, kind: product.kind, lineTotal } : l));
    await this.checkMinimum(linesAfter, state.refundedLines, state.refundedLines, req.confirmBelowMinimum, order.lines);

    if (!(await this.store.claimLine(id, req.line, this.host.clock.now(), PAYMENT_LEASE_MS))) {
      // Another request is replacing this line: the same replacement once it is recorded, else wait.
      const now = await this.state(id);
      const rec = now?.replacements.get(req.line);
      if (now && rec) return this.repeatReplacement(now, rec, req);
      throw new BonusError('error.orders.changed-meanwhile', [id], 409);
    }
    const reserved = await this.catalog.reserve(product, req.variantId, line.quantity);
    if (!reserved.ok) {
      await this.store.unclaimLine(id, req.line);
      throw new BonusError('error.orders.replace-out-of-stock', [reserved.available]);
    }
    const seq = state.history[state.history.length - 1].seq + 1;
    const now = this.host.clock.now();
    if (!(await this.store.claimSeq(id, seq, now, PAYMENT_LEASE_MS))) {
      await this.catalog.release(product, req.variantId, line.quantity);
      await this.store.unclaimLine(id, req.line);
      throw new BonusError('error.orders.changed-meanwhile', [id], 409);
    }
    const rec: LineReplacement = {
      line: req.line, seq, at: now, actorUid: caller.uid, status: state.status, note: req.note,
      from: {
        productId: line.productId, variantId: line.variantId, variantLabel: line.variantLabel, title: line.title, kind: line.kind,
        categoryId: line.categoryId, unitPriceInPoints: line.unitPriceInPoints, lineTotal: line.lineTotal, paidInPoints: line.paidInPoints,
      },
      to: {
        productId: product.id, variantId: variant?.id ?? null, variantLabel: variant?.label ?? null, title: product.title, kind: product.kind,
        categoryId: product.categoryId, unitPriceInPoints: product.priceInPoints, lineTotal,
        paidInPoints: difference > 0 ? paid : line.paidInPoints, withoutBattery,
      },
      refund: Math.max(0, difference), clubPays: Math.max(0, -difference),
    };
    await this.store.addReplacement(id, rec);
    await this.finishReplacement(order, rec, line.quantity);
    return (await this.state(id))!;
  }

  /** A replacement already recorded: the same request finishes it (idempotent), another is refused. */
  private async repeatReplacement(state: OrderState, rec: LineReplacement, req: { productId: number; variantId: string | null }): Promise<OrderState> {
    if (rec.to.productId !== req.productId || rec.to.variantId !== req.variantId) throw new BonusError('error.orders.already-replaced');
    await this.finishReplacement(state.order, rec, state.order.lines[rec.line].quantity);
    return (await this.state(state.order.id))!;
  }

  /** Every step after the record, each once however often it runs (a repeat, or after a crash). */
  private async finishReplacement(order: Order, rec: LineReplacement, quantity: number): Promise<void> {
    if (rec.refund > 0) {
      const r = await this.ledger.credit({
        uid: order.uid, amount: rec.refund, key: replaceRefundKey(order.id, rec.line), reason: 'order-replacement',
        source: { type: 'order', id: order.id }, actorUid: rec.actorUid,
      });
      if (!r.ok) throw new BonusError(`error.ledger.${r.code}`);
    }
    if ((await this.store.step(order.id, `replace-returned:${rec.line}`)) === 1) {
      const old = await this.catalog.getProduct(rec.from.productId);
      if (old && isPhysical(rec.from.kind)) await this.catalog.release(old, rec.from.variantId, quantity);
    }
    // Purchase limits count the replacement instead of the item replaced.
    await this.store.removePurchase(order.uid, order.id, rec.line, { ...rec.from, quantity });
    await this.store.addPurchase(order.uid, order.id, rec.line, { ...rec.to, quantity }, order.createdAt);
    await this.store.appendHistory(order.id, { seq: rec.seq, status: rec.status, at: rec.at, actorUid: rec.actorUid, note: rec.note, replacement: rec });
    if ((await this.store.step(order.id, `replace-notified:${rec.line}`)) === 1) {
      await this.host.messaging.notify({
        type: 'bonus-order', nid: `bonus:order:${order.id}:replace:${rec.line}`,
        bodyShort: `[[bonus:orders.notify.replaced, ${order.id}]]`, path: `/bonus/orders/${order.id}`,
      }, [order.uid]);
    }
  }

  // --- license codes ---------------------------------------------------------------------------

  /**
   * Takes the order's codes from the pools (idempotent per order and product). When a pool ran dry
   * the order waits (`awaitingCodes`, shown to the member) and the codes job tries again.
   */
  async deliverCodes(order: Order, afterCrash = false): Promise<boolean> {
    const wanted = new Map<number, number>();
    for (const l of order.lines) if (l.kind === 'license') wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
    if (wanted.size === 0) return true;
    let complete = true;
    for (const [productId, quantity] of wanted) {
      let got = await this.codes.deliverToOrder(String(order.id), productId, quantity);
      // Slots a crashed delivery left claimed without a code are taken again, one per pass.
      for (let k = got.length; afterCrash && k < quantity && got.length < quantity; k += 1) {
        got = await this.codes.deliverToOrder(String(order.id), productId, quantity, true);
      }
      if (got.length < quantity) complete = false;
    }
    const wasWaiting = await this.store.isAwaitingCodes(order.id);
    await this.store.setAwaitingCodes(order.id, !complete, this.host.clock.now());
    if (complete && (await this.store.step(order.id, 'codes-emailed')) === 1) await this.emailCodes(order);
    if (complete && wasWaiting) {
      await this.host.messaging.notify({
        type: 'bonus-order', nid: `bonus:order:${order.id}:codes`, bodyShort: `[[bonus:orders.notify.codes, ${order.id}]]`, path: `/bonus/purchases`,
      }, [order.uid]);
    }
    return complete;
  }

  /** The job: orders waiting for codes get them as soon as the admin imports more. */
  async deliverAwaitingCodes(): Promise<number> {
    let done = 0;
    for (const id of await this.store.awaitingCodes()) {
      const state = await this.state(id);
      if (!state || state.status === 'cancelled') {
        await this.store.setAwaitingCodes(id, false, 0);
        continue;
      }
      const afterCrash = state.order.createdAt <= this.host.clock.now() - PAYMENT_LEASE_MS;
      if (await this.deliverCodes(state.order, afterCrash)) done += 1;
    }
    return done;
  }

  /** PROGRAM §5: the codes are e-mailed to the member (NodeBB skips members without a confirmed e-mail). */
  private async emailCodes(order: Order): Promise<void> {
    const lang = await this.host.users.getLanguage(order.uid);
    const byLine = splitCodes(order, await this.codes.codes.codesOfOrder(String(order.id)));
    const codes = order.lines.flatMap((l, i) => (byLine.get(i) ?? []).map((code) => ({
      title: localized(l.title, lang), regionKey: l.region ? countryNameKey(l.region) : 'country.zz', code,
    })));
    try {
      await this.host.messaging.sendEmail('bonus-codes', order.uid, { subject: `[[bonus:email.codes.subject, ${order.id}]]`, orderId: order.id, codes });
    } catch (err) {
      // The codes are on the Purchases page either way; a mail server down must not fail the order.
      this.host.log.error(`[bonus] e-mail with the codes of order ${order.id} not sent`, err);
    }
  }

  private async notify(order: Order, seq: number, status: OrderStatus): Promise<void> {
    await this.host.messaging.notify({
      type: 'bonus-order', nid: `bonus:order:${order.id}:status:${seq}`,
      bodyShort: `[[bonus:orders.notify.${status}, ${order.id}]]`, path: `/bonus/orders/${order.id}`,
    }, [order.uid]);
  }
}

/** The codes of an order (slot i of a product) shared out to its license lines in order. */
function splitCodes(order: Order, raw: Record<string, string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const next = new Map<number, number>();
  order.lines.forEach((l, i) => {
    if (l.kind !== 'license') return;
    const start = next.get(l.productId) ?? 0;
    const list: string[] = [];
    for (let k = start; k < start + l.quantity; k += 1) {
      const code = raw[`${l.productId}:${k}`];
      if (code) list.push(code);
    }
    next.set(l.productId, start + l.quantity);
    out.set(i, list);
  });
  return out;
}
