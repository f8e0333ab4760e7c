/**
 * License codes (and gift cards whose stock is their code pool) delivered to paid orders: taken from
 * the pools idempotently per order and product; when a pool ran dry the order waits (`awaitingCodes`,
 * shown to the member) and the codes job tries again; the codes are e-mailed once, and shown to the
 * buyer line by line.
 */
import { valueOrRaise } from '../../kernel/result';
import type { Caller, Host } from '../../host/index';
import { countryNameKey } from '../../kernel/countries';
import { deliversCodes, localized, type CatalogService, type CodesService } from '../catalog';
import type { Order } from './domain';
import { PAYMENT_LEASE_MS } from './leases';
import type { OrderStore } from './store';
import type { OrderState } from './service';

export class OrderCodes {
  constructor(
    private readonly host: Host,
    private readonly store: OrderStore,
    private readonly catalog: CatalogService,
    private readonly codes: CodesService,
    private readonly view: (id: number) => Promise<OrderState | null>,
  ) {}

  /** The buyer's codes per order line (slot i of a product goes to its lines in order). */
  async byLine(caller: Caller, order: Order): Promise<Map<number, string[]>> {
    return splitCodes(order, valueOrRaise(await this.codes.codesOfOrder(caller, String(order.id), order.uid)));
  }

  /**
   * Takes the order's codes from the pools (idempotent per order and product). When a pool ran dry
   * the order waits (`awaitingCodes`, shown to the member) and the codes job tries again.
   */
  async deliver(order: Order, afterCrash = false): Promise<boolean> {
    const wanted = new Map<number, number>();
    // gift cards whose stock is their code pool are delivered as codes too (issue 16, item 5)
    const pooled = new Set((await Promise.all(order.lines.filter((l) => l.kind === 'gift-card').map((l) => this.catalog.getProduct(l.productId))))
      .flatMap((p) => (p && deliversCodes(p) ? [p.id] : [])));
    for (const l of order.lines) if (l.kind === 'license' || pooled.has(l.productId)) wanted.set(l.productId, (wanted.get(l.productId) ?? 0) + l.quantity);
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
  async deliverAwaiting(): Promise<number> {
    let done = 0;
    for (const id of await this.store.awaitingCodes()) {
      const state = await this.view(id);
      if (!state || state.status === 'cancelled') {
        await this.store.setAwaitingCodes(id, false, 0);
        continue;
      }
      const afterCrash = state.order.createdAt <= this.host.clock.now() - PAYMENT_LEASE_MS;
      if (await this.deliver(state.order, afterCrash)) done += 1;
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
}

/** The codes of an order (slot i of a product) shared out to its license lines in order. */
function splitCodes(order: Order, raw: Record<string, string>): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const next = new Map<number, number>();
  order.lines.forEach((l, i) => {
    if (l.kind !== 'license' && l.kind !== 'gift-card') return;
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
