/**
 * ACP order administration (PROGRAM §8): the list with a status and month filter, a status change
 * for many orders at once (each order on its own: one refused change does not stop the rest), and
 * the CSV of a month's batch for the warehouse and courier.
 */
import { refusable, refusalMessage, type Result } from '../../kernel/result';
import { zoneText } from '../../kernel/dates';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { toCsv, type Cell } from '../../kernel/csv';
import { isLate, isOrderStatus } from './domain';
import { localDateTime, monthOf, periodById, type Period } from '../../kernel/periods';
import { assertAdmin } from '../catalog';
import { parseOrThrow } from '../catalog';
import { bulkStatusSchema } from './input-checkout';
import type { OrderState, OrdersService } from './service';
import type { SettingsService } from '../settings';
import type { CatalogService } from '../catalog';

export interface AdminOrderRow {
  state: OrderState;
  username: string;
}

export interface BulkResult {
  id: number;
  ok: boolean;
  error?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export class OrdersAdminService {
  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly orders: OrdersService, private readonly catalog: CatalogService) {}

  /** The month (`2026-11`) in the forum's time zone; the current one when empty; refused when malformed. */
  month(id: string): Promise<Result<Period>> {
    return refusable(() => this.doMonth(id));
  }

  private async doMonth(id: string): Promise<Period> {
    const { timeZone } = await this.settings.get();
    if (id === '') return monthOf(this.host.clock.now(), timeZone);
    const p = periodById(id, timeZone);
    if (!p || p.kind !== 'month') throw new BonusError('error.orders.bad-month');
    return p;
  }

  /** Sellers' prize orders past their ship-by time and not shipped (§9.2.1), earliest deadline first. */
  overduePrizes(caller: Caller): Promise<Result<AdminOrderRow[]>> {
    return refusable(() => this.doOverduePrizes(caller));
  }

  private async doOverduePrizes(caller: Caller): Promise<AdminOrderRow[]> {
    await assertAdmin(this.host, caller);
    const now = this.host.clock.now();
    const ids = await this.orders.store.prizesDueBy(now);
    const states = (await Promise.all(ids.map((id) => this.orders.state(id)))).filter((st): st is OrderState => st !== null && isLate(st, now));
    const users = await this.host.users.getUsers([...new Set(states.map((st) => st.order.uid))]);
    const names = new Map(users.filter((u) => u !== null).map((u) => [u!.uid, u!.username]));
    return states.map((state) => ({ state, username: names.get(state.order.uid) ?? `#${state.order.uid}` }));
  }

  /**
   * Orders of a month (or all), filtered by status, by member (username, exact, case-insensitive)
   * and by product (any line whose title in either language contains the text).
   */
  list(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<Result<AdminOrderRow[]>> {
    return refusable(() => this.doList(caller, filter, page));
  }

  private async doList(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<AdminOrderRow[]> {
    return (await this.doListPage(caller, filter, page)).rows;
  }

  /**
   * One page of the list, newest first, and the number of matching orders. Every filter is an index
   * (issue 13, item 6): the month a score range, the status, the member and the product each a sorted
   * set of order ids, intersected as ids; only the page's orders are read. Indexes are derived data,
   * so each row read is checked against the filter again (a stale entry is left out).
   */
  listPage(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<Result<{ rows: AdminOrderRow[]; total: number }>> {
    return refusable(() => this.doListPage(caller, filter, page));
  }

  private async doListPage(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<{ rows: AdminOrderRow[]; total: number }> {
    await assertAdmin(this.host, caller);
    if (filter.status !== '' && !isOrderStatus(filter.status)) throw new BonusError('error.orders.bad-status');
    const period = filter.month === '' ? null : await this.doMonth(filter.month);
    const from = period?.start ?? '-inf';
    const until = period?.end ?? '+inf';
    const store = this.orders.store;
    const memberText = (filter.member ?? '').trim();
    const productText = (filter.product ?? '').trim().toLocaleLowerCase();
    const sets: number[][] = [];
    if (filter.status !== '') sets.push(await store.idsByStatus(filter.status, from, until));
    let memberUid: number | null = null;
    if (memberText !== '') {
      memberUid = (await this.host.users.getUidByUsername(memberText)) ?? (await this.host.users.getUidByUserslug(memberText.toLocaleLowerCase()));
      sets.push(memberUid ? await store.idsByMember(memberUid, from, until) : []);
    }
    let productIds: Set<number> | null = null;
    if (productText !== '') {
      const products = await this.catalog.products.allProducts();
      productIds = new Set(products.filter((p) => Object.values(p.title).some((t) => String(t).toLocaleLowerCase().includes(productText))).map((p) => p.id));
      const lists = await Promise.all([...productIds].map((id) => store.idsByProduct(id, from, until)));
      sets.push([...new Set(lists.flat())].sort((a, b) => b - a));
    }
    let ids: number[];
    let total: number;
    if (sets.length === 0) {
      total = await store.countPaid(from, until);
      ids = await store.idsPaid(from, until, page?.start ?? 0, page?.count ?? -1);
    } else {
      // newest first: ids grow with time, as paid times do
      const [first, ...rest] = [...sets].sort((a, b) => a.length - b.length);
      const others = rest.map((r) => new Set(r));
      const matching = first.filter((id) => others.every((o) => o.has(id))).sort((a, b) => b - a);
      total = matching.length;
      ids = page ? matching.slice(page.start, page.start + page.count) : matching;
    }
    const states = (await Promise.all(ids.map((id) => this.orders.state(id)))).filter((st): st is OrderState => st !== null);
    const shown = states.filter((st) => (filter.status === '' || st.status === filter.status)
      && (memberUid === null || st.order.uid === memberUid)
      && (productIds === null || st.order.lines.some((l) => productIds!.has(l.productId))));
    const users = await this.host.users.getUsers([...new Set(shown.map((st) => st.order.uid))]);
    const names = new Map(users.filter((u) => u !== null).map((u) => [u!.uid, u!.username]));
    return { rows: shown.map((state) => ({ state, username: names.get(state.order.uid) ?? `#${state.order.uid}` })), total };
  }

  bulkStatus(caller: Caller, input: unknown): Promise<Result<BulkResult[]>> {
    return refusable(() => this.doBulkStatus(caller, input));
  }

  private async doBulkStatus(caller: Caller, input: unknown): Promise<BulkResult[]> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(bulkStatusSchema, input);
    const results: BulkResult[] = [];
    for (const id of [...new Set(req.ids)]) {
      // each order's refusal is its row's message (a token the API translates for the admin)
      const done = await this.orders.setStatus(caller, id, { status: req.status, note: req.note });
      results.push(done.ok ? { id, ok: true } : { id, ok: false, error: refusalMessage(done.refusal, 'en-GB') });
    }
    return results;
  }

  /** One row per line still in the order, for the orders paid in the month (cancelled orders left out). */
  exportMonth(caller: Caller, monthId: string): Promise<Result<{ filename: string; csv: string; orders: number }>> {
    return refusable(() => this.doExportMonth(caller, monthId));
  }

  private async doExportMonth(caller: Caller, monthId: string): Promise<{ filename: string; csv: string; orders: number }> {
    const period = await this.doMonth(monthId);
    const rows = (await this.doList(caller, { status: '', month: period.id })).filter((r) => r.state.status !== 'cancelled');
    const { timeZone } = await this.settings.get();
    const when = (ms: number) => {
      const t = localDateTime(ms, timeZone);
      return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
    };
    const actors = [...new Set(rows.flatMap((r) => [...r.state.replacements.values()].map((x) => x.actorUid)))];
    const actorNames = new Map((await this.host.users.getUsers(actors)).filter((u) => u !== null).map((u) => [u!.uid, u!.username]));
    const lines: Cell[][] = [];
    for (const { state, username } of [...rows].reverse()) {
      const { order } = state;
      const d = order.delivery;
      order.lines.forEach((l, i) => {
        if (state.refundedLines.has(i)) return;
        // A line replaced at packing: what it replaced, when and by whom, and how the difference was settled.
        const r = state.replacements.get(i);
        const replaced = r
          ? [`${r.from.title['en-GB'] || r.from.title.ru}${r.from.variantLabel ? ` (${r.from.variantLabel})` : ''}`, when(r.at), actorNames.get(r.actorUid) ?? `#${r.actorUid}`,
            r.refund > 0 ? `refunded ${r.refund}` : r.clubPays > 0 ? `club paid ${r.clubPays}` : '']
          : ['', '', '', ''];
        lines.push([
          order.id, when(order.createdAt), state.status, username, order.contact.name, order.contact.email, order.contact.phone,
          d?.method ?? '', d?.country ?? '', d?.region ?? '', d?.city ?? '', d?.address ?? '', d?.postcode ?? '',
          l.kind, l.title['en-GB'] || l.title.ru, l.title.ru || l.title['en-GB'], l.variantLabel, l.region, l.quantity, l.paidInPoints,
          l.withoutBattery ? 'yes' : '', ...replaced,
        ]);
      });
    }
    // the times are the club's local time: the header names the zone (issue 15, item 3)
    const zone = zoneText(period.start, timeZone);
    const header = ['order', `paid_at ${zone}`, 'status', 'member', 'name', 'email', 'phone', 'method', 'country', 'region', 'city', 'address', 'postcode',
      'kind', 'item_en', 'item_ru', 'size', 'activation_country', 'quantity', 'points', 'without_battery',
      'replaced_item', `replaced_at ${zone}`, 'replaced_by', 'replacement_difference'];
    return { filename: `bonus-orders-${period.id}.csv`, csv: toCsv(header, lines, { excel: true }), orders: rows.length };
  }
}
