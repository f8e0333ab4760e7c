/**
 * What every change of a paid order stands on (service.ts builds the changes on it): the order as it
 * stands and the member's and admin's views of it, the order's one lease and the workflows a crash
 * stopped, and license codes delivered to the order (order-codes.ts).
 */
import { refusable, type Result } from '../../kernel/result';
import { ORDER_LEASE_MS } from './leases';
import { OrderWorkflows } from './order-workflows';
import { OrderCodes } from './order-codes';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { ORDER_STATUSES, applyReplacements, type LineReplacement, type Order, type OrderStatus, type StatusChange } from './domain';
import { OrderStore } from './store';
import type { CatalogService } from '../catalog';
import type { CodesService } from '../catalog';
import type { LedgerService } from '../ledger';
import { assertMember } from '../catalog';
import type { SettingsService } from '../settings';
import type { Programme } from '../../kernel/programmes';
import type { StepsService, Workflow } from '../../kernel/steps-service';

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

/**
 * The sellers' prize gate (§6.2.1), kept by the retail module: `consume` uses the seller's accepted
 * sales for one order (called under the member's checkout lock; false when there are fewer than
 * needed), `restore` gives them back when that order is cancelled in full. Both idempotent per order.
 */
export interface PrizeGate {
  status(uid: number): Promise<{ have: number; need: number; open: boolean }>;
  consume(uid: number, orderId: number): Promise<boolean>;
  restore(uid: number, orderId: number): Promise<void>;
  /** The prize lines of a paid order recorded with their value (tax records, §7.2.4); idempotent. */
  recordPaid(order: Order): Promise<void>;
  /** A prize line given back (refunded, or its order cancelled): no longer received. */
  voidLine(order: Order, line: number): Promise<void>;
  /** False while the order needs the seller's tax details and they are not given (it may not ship). */
  mayShip(order: Order): Promise<boolean>;
}

/** One ledger per programme: an order's points move only in the ledger of the programme that paid. */
export type Ledgers = Readonly<Record<Programme, LedgerService>>;

const LEASE_WAIT_MS = 20;
const LEASE_WAIT_STEPS = 250;
/** Statuses still waiting for the club's work (the dashboard's fulfilment queue). */
const WAITING_STATUSES: readonly OrderStatus[] = ['paid', 'processing', 'shipped', 'partly-refunded'];
/** The most orders a waiting status's value is read from on the dashboard. */
const DASHBOARD_VALUE_LIMIT = 1000;


export class OrdersCore {
  readonly store: OrderStore;

  protected gate: PrizeGate | null = null;
  protected readonly flows: OrderWorkflows;
  private readonly orderCodes: OrderCodes;

  constructor(
    protected readonly host: Host,
    private readonly ledgers: Ledgers,
    protected readonly catalog: CatalogService,
    codes: CodesService,
    protected readonly settings: SettingsService,
    /** The process's durable-steps runner (the payment's workflow registers on it too). */
    readonly steps: StepsService,
  ) {
    this.store = new OrderStore(host.db);
    this.flows = new OrderWorkflows({
      host, store: this.store, catalog, steps,
      ledgerFor: (programme) => this.ledgerFor(programme),
      view: async (id) => (await this.state(id))?.order ?? null,
      gate: () => this.gate,
      notify: (order, seq, status) => this.notify(order, seq, status),
      tryUnderLease: (id, fn) => this.tryUnderLease(id, fn),
    });
    this.orderCodes = new OrderCodes(host, this.store, catalog, codes, (id) => this.state(id));
  }

  /** The ledger of the programme that paid for an order. */
  ledgerFor(programme: Programme): LedgerService {
    return this.ledgers[programme];
  }

  /** Wired by the composition root (the retail module keeps the gate). */
  usePrizeGate(gate: PrizeGate): void {
    this.gate = gate;
  }

  get prizeGate(): PrizeGate | null {
    return this.gate;
  }

  /** A workflow of another change of an order made under its lease (order-workflows.ts `attach`). */
  orderWorkflow<D extends { orderId: number }>(workflow: Omit<Workflow<D>, 'exclusive'>): Workflow<D> {
    return this.flows.attach(workflow);
  }

  /** Runs an order's workflow (under the order's lease); `error.orders.busy` if it could not finish yet. */
  runOrderWorkflow<D extends { orderId: number }>(workflow: Workflow<D>, id: string, data: D): Promise<void> {
    return this.flows.run(workflow, id, data);
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

  /** Writes the order's status and product index entries again from its history and lines (the upgrade). */
  async reindexFilters(id: number): Promise<void> {
    const state = await this.state(id);
    if (!state) return;
    const raw = await this.store.getOrder(id);
    const products = new Set([...(raw?.lines ?? []), ...state.order.lines].map((l) => l.productId));
    await this.store.indexFilters(id, state.status, [...products]);
    await this.store.indexLicences(state.order);
  }

  /** The buyer or an admin; anyone else gets "not found" (an order's existence is private). */
  mustView(caller: Caller, id: number): Promise<Result<OrderState>> {
    return refusable(() => this.doMustView(caller, id));
  }

  private async doMustView(caller: Caller, id: number): Promise<OrderState> {
    assertMember(caller);
    const state = Number.isSafeInteger(id) && id > 0 ? await this.state(id) : null;
    if (!state) throw new BonusError('error.not-found', [], 'not-found');
    if (state.order.uid !== caller.uid && !(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.not-found', [], 'not-found');
    return state;
  }

  /** How many orders each status holds now (one index read each; the ACP dashboard, issue 21). */
  async countsByStatus(): Promise<{ status: OrderStatus; count: number }[]> {
    return Promise.all(ORDER_STATUSES.map(async (status) => ({ status, count: await this.store.countByStatus(status) })));
  }

  /**
   * The ACP dashboard's orders (issue 21): per status the count (one index card each) and, for the
   * statuses still waiting for the club (paid, processing, shipped, partly refunded), the oldest
   * one's paid time and the points they are worth. The waiting statuses are the fulfilment queue,
   * which the admins work down, so their value is read from the orders themselves in one batch,
   * bounded: at most DASHBOARD_VALUE_LIMIT orders a status (beyond that the value is "at least").
   * Delivered and cancelled orders only grow; their value is in the period's spending (the ledger's
   * captures), not re-read here.
   */
  async dashboardOrders(): Promise<{ status: OrderStatus; count: number; waiting: boolean; value: number | null; capped: boolean; oldestAt: number | null }[]> {
    const counts = await this.countsByStatus();
    const waiting = await Promise.all(counts.map(async ({ status, count }) => {
      if (!WAITING_STATUSES.includes(status) || count === 0) return { ids: [] as number[], oldestAt: null };
      return this.store.oldestByStatus(status, DASHBOARD_VALUE_LIMIT);
    }));
    const orders = await this.store.getOrders(waiting.flatMap((w) => w.ids));
    const totals = new Map(orders.map((o) => [o.id, o.total]));
    return counts.map(({ status, count }, i) => {
      const isWaiting = WAITING_STATUSES.includes(status);
      const ids = waiting[i].ids;
      return {
        status, count, waiting: isWaiting,
        value: isWaiting ? ids.reduce((sum, id) => sum + (totals.get(id) ?? 0), 0) : null,
        capped: isWaiting && count > ids.length,
        oldestAt: waiting[i].oldestAt,
      };
    });
  }

  memberOrders(caller: Caller): Promise<Result<OrderState[]>> {
    return refusable(() => this.doMemberOrders(caller));
  }

  private async doMemberOrders(caller: Caller): Promise<OrderState[]> {
    return (await this.doMemberOrdersPage(caller, 0, -1)).orders;
  }

  /** `count` of the member's orders with a licence line from `start`, newest first, and whether older ones follow. */
  memberLicenceOrdersPage(caller: Caller, start: number, count: number): Promise<Result<{ orders: OrderState[]; hasMore: boolean }>> {
    return refusable(async () => {
      assertMember(caller);
      const ids = await this.store.memberLicenceOrderIds(caller.uid, start, start + count);
      const states = await Promise.all(ids.slice(0, count).map((id) => this.state(id)));
      return { orders: states.filter((s): s is OrderState => s !== null && s.order.uid === caller.uid), hasMore: ids.length > count };
    });
  }

  /** `count` of the member's orders from `start` (-1: all), newest first, and whether older ones follow (never counted: issue 13, item 5). */
  memberOrdersPage(caller: Caller, start: number, count: number): Promise<Result<{ orders: OrderState[]; hasMore: boolean }>> {
    return refusable(() => this.doMemberOrdersPage(caller, start, count));
  }

  private async doMemberOrdersPage(caller: Caller, start: number, count: number): Promise<{ orders: OrderState[]; hasMore: boolean }> {
    assertMember(caller);
    const all = count < 0;
    const ids = await this.store.memberOrderIds(caller.uid, start, all ? -1 : start + count);
    const shown = all ? ids : ids.slice(0, count);
    const states = await Promise.all(shown.map((id) => this.state(id)));
    return { orders: states.filter((s): s is OrderState => s !== null), hasMore: shown.length < ids.length };
  }

  /** The buyer's license codes per order line (slot i of a product goes to its lines in order). */
  codesByLine(caller: Caller, state: OrderState): Promise<Result<Map<number, string[]>>> {
    return refusable(() => this.doCodesByLine(caller, state));
  }

  private async doCodesByLine(caller: Caller, state: OrderState): Promise<Map<number, string[]>> {
    return this.orderCodes.byLine(caller, state.order);
  }
  // --- the order's lease -----------------------------------------------------------------------

  /**
   * Runs `work` under the order's one lease (issue 11, item 1): every change of a paid order —
   * status, refund, cancel, replacement, claim closing — waits for it, so two admins never decide on
   * the same state. The holder first finishes a change a stopped holder left (each step once), then
   * `work` re-reads the order and decides; a refusal inside `work` has changed nothing. A holder that
   * stopped loses the lease when it ends (`ORDER_LEASE_MS`).
   */
  async underLease<T>(id: number, work: (state: OrderState) => Promise<T>): Promise<T> {
    let held = false;
    for (let step = 0; step < LEASE_WAIT_STEPS && !held; step += 1) {
      held = await this.store.tryLockOrder(id, this.host.clock.now(), ORDER_LEASE_MS);
      if (!held) await this.host.clock.pause(LEASE_WAIT_MS); // real time (the fake hosts' few ms)
    }
    if (!held) throw new BonusError('error.orders.busy', [id], 'conflict');
    try {
      if (!(await this.flows.finishStopped(id))) throw new BonusError('error.orders.busy', [id], 'conflict');
      const state = await this.state(id);
      if (!state) throw new BonusError('error.not-found', [], 'not-found');
      return await work(state);
    } finally {
      await this.store.unlockOrder(id);
    }
  }

  /**
   * Runs `fn` under the order's lease if it is free (a first try breaks the lock of a holder whose
   * lease ended; the second takes it); false when a live holder has it.
   */
  private async tryUnderLease(id: number, fn: () => Promise<void>): Promise<boolean> {
    const held = (await this.store.tryLockOrder(id, this.host.clock.now(), ORDER_LEASE_MS))
      || (await this.store.tryLockOrder(id, this.host.clock.now(), ORDER_LEASE_MS));
    if (!held) return false;
    try {
      await fn();
    } finally {
      await this.store.unlockOrder(id);
    }
    return true;
  }

  /**
   * The upgrade (lib/upgrades/order-pending-steps.ts): changes an earlier version left pending under
   * its own record are handed to the workflows and finished under the order's lease. Idempotent.
   */
  async finishLegacyPending(): Promise<number> {
    let done = 0;
    for (const id of await this.store.pendingOrders(Number.MAX_SAFE_INTEGER)) {
      const pending = await this.store.pending(id);
      if (pending) await this.flows.adoptLegacy(id, pending);
      await this.store.clearPending(id);
      done += 1;
    }
    await this.recoverPending();
    return done;
  }

  /**
   * The job: refunds and replacements a crash stopped (order-workflows.ts) are finished under the
   * order's lease, whoever's lease it was (the steps recovery job does the same, later). Returns how
   * many orders have none left open.
   */
  async recoverPending(): Promise<number> {
    let done = 0;
    for (const id of await this.flows.openOrders()) {
      let clear = false;
      const held = await this.tryUnderLease(id, async () => {
        clear = await this.flows.finishStopped(id);
      });
      if (clear) done += 1;
      // a live holder of the order's lease is finishing it: nothing to say; under our lease it is news
      else if (held) this.host.log.warn(`[bonus] order ${id}: the change under way could not be finished yet`);
    }
    return done;
  }

  // --- license codes (order-codes.ts) ---------------------------------------------------------

  /** Takes the order's codes from the pools; false while a pool ran dry (the order waits). */
  deliverCodes(order: Order, afterCrash = false): Promise<boolean> {
    return this.orderCodes.deliver(order, afterCrash);
  }

  /** The job: orders waiting for codes get them as soon as the admin imports more. */
  deliverAwaitingCodes(): Promise<number> {
    return this.orderCodes.deliverAwaiting();
  }

  protected async notify(order: Order, seq: number, status: OrderStatus): Promise<void> {
    await this.host.messaging.notify({
      type: 'bonus-order', nid: `bonus:order:${order.id}:status:${seq}`,
      bodyShort: `[[bonus:orders.notify.${status}, ${order.id}]]`, path: `/bonus/orders/${order.id}`,
    }, [order.uid]);
  }
}
