/**
 * Orders after payment, the admin's changes: status changes with their history (the member is
 * notified of each), refunds of lines and cancellation (points back through the ledger under one key
 * per line, stock back once per line) and replacing a line at packing — each decided under the order's
 * lease and carried out by its durable workflow (order-workflows.ts). The views, the lease and the
 * codes are in service-core.ts.
 */
import { refusable, valueOrRaise, type Result } from '../../kernel/result';
import { checkMinimum, decideReplacement } from './order-replacement';
import type { z } from 'zod';
import { BonusError, htmlText } from '../../kernel/errors';
import type { Caller } from '../../host/index';
import { canTransition, paidChange, statusAfterRefund, type LineReplacement, type Order, type OrderStatus, type StatusChange } from './domain';
import { assertAdmin, parseOrThrow } from '../catalog';
import { refundLinesSchema, replaceLineSchema, statusChangeSchema } from './input-checkout';
import { OrdersCore, type OrderState } from './service-core';

export { OrdersCore, type Ledgers, type OrderState, type PrizeGate } from './service-core';
export { ORDER_LEASE_MS } from './leases';
export { refundKey, replaceRefundKey } from './ledger-keys';

type ReplaceRequest = z.infer<typeof replaceLineSchema>;

export class OrdersService extends OrdersCore {
  // --- status changes --------------------------------------------------------------------------

  /**
   * The first history entry. Deterministic (same value every time), so a payment finished twice —
   * by its request and by recovery — writes it once.
   */
  async recordPaid(order: Order): Promise<void> {
    await this.store.appendHistory(order.id, paidChange(order));
    await this.notifyPaid(order);
  }

  /** The member told their order is paid (the notification's id makes a repeat a no-op). */
  notifyPaid(order: Order): Promise<void> {
    return this.notify(order, 1, 'paid');
  }

  /** The next history entry of an order read under its lease. */
  private nextChange(state: OrderState, status: OrderStatus, actorUid: number, note: string): StatusChange {
    return { seq: state.history[state.history.length - 1].seq + 1, status, at: this.host.clock.now(), actorUid, note };
  }

  /** Moves the order on by the transition table (under its lease). */
  private async transition(state: OrderState, to: OrderStatus, actorUid: number, note: string): Promise<StatusChange> {
    if (!canTransition(state.status, to)) throw new BonusError('error.orders.bad-transition', [state.order.id]);
    // §7.2.4: a prize above the tax threshold ships only once the seller has given their details
    if (to === 'shipped' && state.order.programme === 'sellers' && this.gate && !(await this.gate.mayShip(state.order))) {
      throw new BonusError('error.orders.tax-details-required', [state.order.id], 'conflict');
    }
    const change = this.nextChange(state, to, actorUid, note);
    await this.flows.setStatus(state.order.id, change);
    return change;
  }

  /** Admins: processing, shipped (note = tracking), delivered, or cancelled (everything refunded). */
  setStatus(caller: Caller, id: number, input: unknown): Promise<Result<OrderState>> {
    return refusable(() => this.doSetStatus(caller, id, input));
  }

  private async doSetStatus(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(statusChangeSchema, input);
    valueOrRaise(await this.mustView(caller, id));
    const change = await this.underLease(id, async (state) => {
      if (req.status !== 'cancelled') return this.transition(state, req.status, caller.uid, req.note);
      const open = state.order.lines.map((_, i) => i).filter((i) => !state.refundedLines.has(i));
      // Every line already refunded: only the status is left to move.
      if (open.length === 0) return this.transition(state, 'cancelled', caller.uid, req.note);
      return this.refundUnderLease(state, open, caller.uid, req.note, false);
    });
    // PROGRAM §5: a mistake in an order is reported to the member by personal message when processing starts.
    if (change.status === 'processing' && change.note !== '') await this.messageBuyer(caller.uid, id, change.note);
    return (await this.state(id))!;
  }

  private async messageBuyer(fromUid: number, id: number, note: string): Promise<void> {
    const state = await this.state(id);
    if (!state) return;
    const lang = await this.host.users.getLanguage(state.order.uid);
    const intro = await this.host.translator.translate(`[[bonus:orders.pm.processing, ${id}]]`, lang);
    // the admin's note as written: escaped, so neither the chat's parser nor a translator reads it as markup or a key
    await this.host.messaging.sendPrivateMessage(fromUid, state.order.uid, `${intro}\n\n${htmlText(note)}`);
  }

  /**
   * Admins: drop lines and give their points back (PROGRAM §8). Under the order's lease: decided on
   * the order as it is then; the refund is written as pending before any point or item goes back.
   * Each line's refund is one ledger entry under `refund:order:{id}:line:{i}` and its stock goes back
   * once (a claimed step), so finishing a stopped refund never gives anything back twice.
   */
  refundLines(caller: Caller, id: number, input: unknown): Promise<Result<OrderState>> {
    return refusable(() => this.doRefundLines(caller, id, input));
  }

  private async doRefundLines(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(refundLinesSchema, input);
    valueOrRaise(await this.mustView(caller, id));
    await this.underLease(id, async (state) => {
      const lines = [...new Set(req.lines)].filter((i) => i < state.order.lines.length && !state.refundedLines.has(i));
      if (lines.length === 0) throw new BonusError('error.orders.nothing-to-refund');
      return this.refundUnderLease(state, lines, caller.uid, req.note, req.confirmBelowMinimum);
    });
    return (await this.state(id))!;
  }

  private async refundUnderLease(state: OrderState, lines: number[], actorUid: number, note: string, confirmed: boolean): Promise<StatusChange> {
    const after = new Set([...state.refundedLines, ...lines]);
    const next = statusAfterRefund(state.status, state.order.lines.length, after);
    if (!next) throw new BonusError('error.orders.bad-transition', [state.order.id]);
    await this.checkMinimum(state.order, state.order.lines, state.refundedLines, after, confirmed);
    const change = this.nextChange(state, next, actorUid, note);
    await this.flows.refund({ orderId: state.order.id, lines, change });
    return change;
  }

  /** PROGRAM §6: the souvenir minimum after a change (order-replacement.ts `checkMinimum`). */
  private async checkMinimum(
    order: Pick<Order, 'programme'>, linesAfter: Order['lines'], refundedBefore: ReadonlySet<number>, refundedAfter: ReadonlySet<number>, confirmed: boolean, linesBefore = linesAfter,
  ): Promise<void> {
    checkMinimum(order, linesAfter, refundedBefore, refundedAfter, confirmed, (await this.settings.get()).minSouvenirOrder, linesBefore);
  }

  // --- replacing a line at packing -------------------------------------------------------------

  /**
   * Admins, at packing: line `line` (out of stock) is replaced by another souvenir (and size). The
   * replacement's stock is reserved and the old line's returned; the difference in price is settled
   * in points — given back (one ledger entry under `order:{id}:replace:{line}:refund`) when it costs
   * less, covered by the club when it costs more and the admin said so (`clubPays`; never charged).
   * Under the order's lease, decided on the order as it is then; a line is replaced once (a double
   * submit of the same replacement repeats it, another is refused).
   */
  replaceLine(caller: Caller, id: number, input: unknown): Promise<Result<OrderState>> {
    return refusable(() => this.doReplaceLine(caller, id, input));
  }

  private async doReplaceLine(caller: Caller, id: number, input: unknown): Promise<OrderState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(replaceLineSchema, input);
    valueOrRaise(await this.mustView(caller, id));
    return this.underLease(id, (state) => this.replaceUnderLease(caller, state, req));
  }

  private async replaceUnderLease(caller: Caller, state: OrderState, req: ReplaceRequest): Promise<OrderState> {
    const id = state.order.id;
    const done = state.replacements.get(req.line);
    if (done) return this.repeatReplacement(state, done, req);
    const { seq, at } = this.nextChange(state, state.status, caller.uid, req.note);
    const { rec, quantity, linesAfter } = await decideReplacement(this.catalog, state, req, caller.uid, seq, at);
    await this.checkMinimum(state.order, linesAfter, state.refundedLines, state.refundedLines, req.confirmBelowMinimum, state.order.lines);
    await this.flows.replace(id, rec, quantity);
    return (await this.state(id))!;
  }

  /** A replacement already recorded: the same request finishes it (idempotent), another is refused. */
  private async repeatReplacement(state: OrderState, rec: LineReplacement, req: { productId: number; variantId: string | null }): Promise<OrderState> {
    if (rec.to.productId !== req.productId || rec.to.variantId !== req.variantId) throw new BonusError('error.orders.already-replaced');
    const raw = (await this.store.getOrder(state.order.id))!;
    await this.flows.finishReplacement(raw, rec, raw.lines[rec.line].quantity);
    return (await this.state(state.order.id))!;
  }
}
