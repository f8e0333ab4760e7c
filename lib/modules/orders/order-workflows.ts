/**
 * The changes of a paid order, as durable-steps workflows
 * (lib/kernel/steps.ts), decided and started under the order's one lease (service.ts `underLease`):
 *
 * - `order-status`: the history entry (status, its display copy, the list's indexes), then the notice.
 * - `order-refund` (lines refunded, or the order cancelled): each line's points back under one ledger
 *   key per line (`refund:order:{id}:line:{i}`), its goods back on the shelf once, the prize gate told;
 *   then the sales of a cancelled prize order given back; then the history entry and the notice.
 * - `order-replace` (a line replaced at packing): the replacement's stock taken (refused, and nothing
 *   changed, when there is none), the replacement recorded, then the difference given back
 *   (`order:{id}:replace:{line}:refund`), the old goods back on the shelf, the purchase limits moved,
 *   the history entry and the notice.
 *
 * A workflow's id is `{orderId}:{attempt}` (the order's attempt counter), so a refused attempt never
 * stands in the way of the next. Every change of the order first finishes the order's stopped
 * workflows under its lease (`finishStopped`), and the steps recovery job does the same for orders
 * nobody touches (`exclusive`: under the order's lease). Taking or putting back stock is not
 * idempotent: it is claimed before and noted after (the order's step counters), and a stop between the
 * two leaves the units out (never sold twice) and names them in the log, to count.
 */
import type { Host } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';
import { effectiveStockMode, isPhysical, type CatalogService, type Product } from '../catalog';
import type { LedgerService } from '../ledger';
import type { Programme } from '../../kernel/programmes';
import type { LineReplacement, Order, OrderStatus, StatusChange } from './domain';
import { refundKey, replaceRefundKey } from './ledger-keys';
import type { OrderStore } from './store';

/** A decided refund: the lines, and the history entry it ends with. */
export interface RefundData { orderId: number; lines: number[]; change: StatusChange }

/**
 * A decided replacement. `tag` names its stock claims (`replace-reserving:{tag}`, `replace-reserved:{tag}`):
 * `{line}:a{attempt}`, or `{line}:{seq}` for a replacement an earlier version left pending.
 */
export interface ReplaceData { orderId: number; rec: LineReplacement; quantity: number; tag: string }

/** What the workflows need of the orders service. */
export interface OrderWorkflowsDeps {
  host: Host;
  store: OrderStore;
  catalog: CatalogService;
  steps: StepsService;
  ledgerFor(programme: Programme): LedgerService;
  /** The order as it stands (replaced lines laid over), or null. */
  view(orderId: number): Promise<Order | null>;
  gate(): { restore(uid: number, orderId: number): Promise<void>; voidLine(order: Order, line: number): Promise<void> } | null;
  notify(order: Order, seq: number, status: OrderStatus): Promise<void>;
  /** Runs `fn` under the order's lease, or returns false when it is taken. */
  tryUnderLease(orderId: number, fn: () => Promise<void>): Promise<boolean>;
}

/** A decided status change (the history entry). */
export interface StatusData { orderId: number; change: StatusChange }

export class OrderWorkflows {
  readonly statusing: Workflow<StatusData>;
  readonly refunding: Workflow<RefundData>;
  readonly replacing: Workflow<ReplaceData>;
  /** Every workflow of an order's changes (claims attach theirs): finished first under the order's lease. */
  private readonly all: Workflow<unknown>[] = [];

  constructor(private readonly d: OrderWorkflowsDeps) {
    const exclusive = (data: { orderId: number }, fn: () => Promise<void>) => d.tryUnderLease(data.orderId, fn);
    // the history entry (the status, its display copy and the list's indexes) → the member's notice
    this.statusing = d.steps.register<StatusData>({
      name: 'order-status',
      exclusive,
      steps: [
        { name: 'history', run: (r) => d.store.appendHistory(r.orderId, r.change) },
        {
          name: 'notify',
          run: async (r, ctx) => {
            const order = await this.mustView(r.orderId);
            await ctx.once('notify', () => d.notify(order, r.change.seq, r.change.status));
          },
        },
      ],
    });
    this.refunding = d.steps.register<RefundData>({
      name: 'order-refund',
      exclusive,
      steps: [
        {
          name: 'lines',
          run: async (r) => {
            const order = await this.mustView(r.orderId);
            for (const i of r.lines) await this.refundLine(order, i, r.change.actorUid);
          },
        },
        {
          // §6.2.1: a prize order cancelled in full gives its sales back (idempotent)
          name: 'sales',
          run: async (r) => {
            const gate = d.gate();
            if (r.change.status !== 'cancelled' || !gate) return;
            const order = await this.mustView(r.orderId);
            if (order.programme === 'sellers') await gate.restore(order.uid, order.id);
          },
        },
        {
          name: 'history',
          run: async (r, ctx) => {
            const order = await this.mustView(r.orderId);
            await d.store.appendHistory(order.id, r.change);
            await ctx.once('notify', () => d.notify(order, r.change.seq, r.change.status));
          },
        },
      ],
    });
    this.replacing = d.steps.register<ReplaceData>({
      name: 'order-replace',
      exclusive,
      steps: [
        { name: 'reserve', run: (r) => this.reserve(r) },
        { name: 'record', run: (r) => d.store.addReplacement(r.orderId, r.rec) },
        {
          name: 'finish',
          run: async (r) => {
            const order = await d.store.getOrder(r.orderId);
            if (order) await this.finishReplacement(order, r.rec, r.quantity);
          },
        },
      ],
    });
    this.all.push(this.statusing as Workflow<unknown>, this.refunding as Workflow<unknown>, this.replacing as Workflow<unknown>);
  }

  /**
   * Another change of an order made under its lease (a claim's closing) as a workflow of the order:
   * its ids start with `{orderId}:`, the recovery job runs it under the order's lease, and every change
   * of the order finishes it first when a crash stopped it.
   */
  attach<D extends { orderId: number }>(workflow: Omit<Workflow<D>, 'exclusive'>): Workflow<D> {
    const registered = this.d.steps.register<D>({ ...workflow, exclusive: (data, fn) => this.d.tryUnderLease(data.orderId, fn) });
    this.all.push(registered as Workflow<unknown>);
    return registered;
  }

  /** Runs an order's workflow (under the order's lease); `error.orders.busy` if a ledger key is still settling. */
  async run<D extends { orderId: number }>(workflow: Workflow<D>, id: string, data: D): Promise<void> {
    const run = await this.d.steps.run(workflow, id, data);
    if (run.outcome !== 'done') throw new BonusError('error.orders.busy', [data.orderId], 'conflict');
  }

  /** The next attempt's number for the order (a workflow id is `{orderId}:{attempt}`). */
  async nextAttempt(orderId: number): Promise<number> {
    return this.d.store.step(orderId, 'attempts');
  }

  /** Records a decided status change (under the order's lease). */
  async setStatus(orderId: number, change: StatusChange): Promise<void> {
    await this.run(this.statusing, `${orderId}:${await this.nextAttempt(orderId)}`, { orderId, change });
  }

  /** Runs a decided refund (under the order's lease); `error.orders.busy` if a ledger key is still settling. */
  async refund(data: RefundData): Promise<void> {
    await this.run(this.refunding, `${data.orderId}:${await this.nextAttempt(data.orderId)}`, data);
  }

  /** Runs a decided replacement (under the order's lease); refused (nothing changed) when its stock is gone. */
  async replace(orderId: number, rec: LineReplacement, quantity: number): Promise<void> {
    const attempt = await this.nextAttempt(orderId);
    await this.run(this.replacing, `${orderId}:${attempt}`, { orderId, rec, quantity, tag: `${rec.line}:a${attempt}` });
  }

  /**
   * Under the order's lease (so no run of them is live): finishes the order's workflows a crash
   * stopped. False if one still waits (a ledger key still settling): decide nothing then.
   */
  async finishStopped(orderId: number): Promise<boolean> {
    let clear = true;
    for (const workflow of this.all) {
      for (const id of await this.d.steps.openIds(workflow.name, `${orderId}:`)) {
        try {
          if ((await this.d.steps.resumeHeld(workflow, id)).outcome === 'open') clear = false;
        } catch (err) {
          // a replacement whose stock a stop left unknown is dropped (a refusal): the order is as before
          if (!(err instanceof BonusError)) throw err;
        }
      }
    }
    return clear;
  }

  /**
   * A change an earlier version left pending under its own record (`bonus:order:{id}:pending`), handed
   * to the workflows as attempt 0 (which no new change uses); its steps are the same and idempotent.
   */
  async adoptLegacy(orderId: number, pending: { kind: 'refund'; lines: number[]; change: StatusChange } | { kind: 'replace'; rec: LineReplacement; quantity: number }): Promise<void> {
    if (pending.kind === 'refund') await this.d.steps.enqueue(this.refunding, `${orderId}:0`, { orderId, lines: pending.lines, change: pending.change });
    else await this.d.steps.enqueue(this.replacing, `${orderId}:0`, { orderId, rec: pending.rec, quantity: pending.quantity, tag: `${pending.rec.line}:${pending.rec.seq}` });
  }

  /** Orders with a refund or replacement a crash stopped. */
  async openOrders(): Promise<number[]> {
    const ids = await Promise.all(this.all.map((w) => this.d.steps.openIds(w.name)));
    return [...new Set(ids.flat().map((id) => Number(id.split(':')[0])))].filter((n) => Number.isSafeInteger(n) && n > 0);
  }

  /** Every step after the record, each once however often it runs (a repeat, or after a crash). */
  async finishReplacement(order: Order, rec: LineReplacement, quantity: number): Promise<void> {
    const { store, catalog, host } = this.d;
    if (rec.refund > 0) {
      settled(await this.d.ledgerFor(order.programme).credit({
        uid: order.uid, amount: rec.refund, key: replaceRefundKey(order.id, rec.line), reason: 'order-replacement',
        source: { type: 'order', id: order.id }, actorUid: rec.actorUid,
      }), `order ${order.id} replacement refund`);
    }
    const old = isPhysical(rec.from.kind) ? await catalog.getProduct(rec.from.productId) : null;
    if (old) await this.releaseOnce(order.id, `replace-returned:${rec.line}`, old, rec.from.variantId, quantity);
    // Purchase limits count the replacement instead of the item replaced.
    await store.removePurchase(order.uid, order.id, rec.line, { ...rec.from, quantity });
    await store.addPurchase(order.uid, order.id, rec.line, { ...rec.to, quantity }, order.createdAt);
    await store.appendHistory(order.id, { seq: rec.seq, status: rec.status, at: rec.at, actorUid: rec.actorUid, note: rec.note, replacement: rec });
    if ((await store.step(order.id, `replace-notified:${rec.line}`)) === 1) {
      await host.messaging.notify({
        type: 'bonus-order', nid: `bonus:order:${order.id}:replace:${rec.line}`,
        bodyShort: `[[bonus:orders.notify.replaced, ${order.id}]]`, path: `/bonus/orders/${order.id}`,
      }, [order.uid]);
    }
  }

  private async mustView(orderId: number): Promise<Order> {
    const order = await this.d.view(orderId);
    if (!order) throw new Error(`[bonus] order ${orderId} vanished during a change`);
    return order;
  }

  private async refundLine(order: Order, i: number, actorUid: number): Promise<void> {
    const { store, catalog } = this.d;
    const line = order.lines[i];
    settled(await this.d.ledgerFor(order.programme).credit({
      uid: order.uid, amount: line.paidInPoints, key: refundKey(order.id, i), reason: 'order-cancelled',
      source: { type: 'order', id: order.id }, actorUid,
    }), `order ${order.id} line ${i} refund`);
    const gate = this.d.gate();
    if (order.programme === 'sellers' && gate) await gate.voidLine(order, i);
    await store.step(order.id, `refunded:${i}`);
    await store.removePurchase(order.uid, order.id, i, line);
    // Delivered codes are not returned to the pool (the member has seen them); goods go back on the shelf.
    if (isPhysical(line.kind)) {
      const product = await catalog.getProduct(line.productId);
      if (product && effectiveStockMode(product) === 'counted') await this.releaseOnce(order.id, `returned:${i}`, product, line.variantId, line.quantity);
    }
  }

  /** The replacement's stock: taken once (claimed before, noted after); refused when there is none. */
  private async reserve(r: ReplaceData): Promise<void> {
    const { store, catalog } = this.d;
    const { orderId, rec, quantity } = r;
    if ((await store.step(orderId, `replace-reserving:${r.tag}`)) === 1) {
      const product = await catalog.getProduct(rec.to.productId);
      if (!product) throw new BonusError('error.orders.replace-no-product', [rec.to.productId]);
      const reserved = await catalog.reserve(product, rec.to.variantId, quantity);
      if (!reserved.ok) throw new BonusError('error.orders.replace-out-of-stock', [reserved.available]);
      await store.step(orderId, `replace-reserved:${r.tag}`);
    } else if ((await store.stepCount(orderId, `replace-reserved:${r.tag}`)) === 0) {
      // Stopped between asking for the stock and noting it: the replacement is dropped, the units named.
      this.stockUnknown(orderId, rec.to.productId, rec.to.variantId, -quantity);
      throw new BonusError('error.orders.busy', [orderId], 'conflict');
    }
  }

  /**
   * Puts `quantity` back on the shelf once per step name (`{name}` claimed before, `{name}:done`
   * after). Run again after a stop between the two, whether the units went back is unknown: they are
   * left out (never sold twice) and named in the log, to count.
   */
  private async releaseOnce(orderId: number, name: string, product: Product, variantId: string | null, quantity: number): Promise<void> {
    const { store, catalog } = this.d;
    if ((await store.step(orderId, name)) === 1) {
      await catalog.release(product, variantId, quantity);
      await store.step(orderId, `${name}:done`);
    } else if ((await store.stepCount(orderId, `${name}:done`)) === 0) {
      this.stockUnknown(orderId, product.id, variantId, quantity);
    }
  }

  private stockUnknown(orderId: number, productId: number, variantId: string | null, quantity: number): void {
    this.d.host.log.warn(`[bonus] order ${orderId}: ${quantity} of product ${productId}${variantId ? ` (${variantId})` : ''} unknown after a crash; check its stock`);
  }
}
