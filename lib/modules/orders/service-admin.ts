/**
 * ACP order administration (PROGRAM §8): the list with a status and month filter, a status change
 * for many orders at once (each order on its own: one refused change does not stop the rest), and
 * the CSV of a month's batch for the warehouse and courier.
 */
import { zoneText } from '../../kernel/dates';
import { BonusError } from '../../kernel/errors';
import type { Caller, Host } from '../../host/index';
import { toCsv, type Cell } from '../../kernel/csv';
import { isOrderStatus } from './domain';
import { localDateTime, monthOf, periodById, type Period } from '../../kernel/periods';
import { assertAdmin } from '../catalog';
import { parseOrThrow } from '../catalog';
import { bulkStatusSchema } from './input-checkout';
import type { OrderState, OrdersService } from './service';
import type { SettingsService } from '../settings';

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
  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly orders: OrdersService) {}

  /** The month (`2026-11`) in the forum's time zone; the current one when empty; refused when malformed. */
  async month(id: string): Promise<Period> {
    const { timeZone } = await this.settings.get();
    if (id === '') return monthOf(this.host.clock.now(), timeZone);
    const p = periodById(id, timeZone);
    if (!p || p.kind !== 'month') throw new BonusError('error.orders.bad-month');
    return p;
  }

  /**
   * Orders of a month (or all), filtered by status, by member (username, exact, case-insensitive)
   * and by product (any line whose title in either language contains the text).
   */
  async list(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<AdminOrderRow[]> {
    return (await this.listPage(caller, filter, page)).rows;
  }

  /**
   * One page of the list, newest first, and the number of matching orders. Without a status, member
   * or product filter only the page's orders are read; with one, the orders of the period are read
   * and filtered (choose a month on a large forum).
   */
  async listPage(caller: Caller, filter: { status: string; month: string; member?: string; product?: string }, page?: { start: number; count: number }): Promise<{ rows: AdminOrderRow[]; total: number }> {
    await assertAdmin(this.host, caller);
    if (filter.status !== '' && !isOrderStatus(filter.status)) throw new BonusError('error.orders.bad-status');
    const period = filter.month === '' ? null : await this.month(filter.month);
    let ids = await this.orders.store.allOrderIds(period?.start ?? '-inf', period?.end ?? '+inf');
    const narrowed = filter.status !== '' || (filter.member ?? '').trim() !== '' || (filter.product ?? '').trim() !== '';
    const total = ids.length;
    if (page && !narrowed) ids = ids.slice(page.start, page.start + page.count);
    const states = (await Promise.all(ids.map(({ id }) => this.orders.state(id)))).filter((s): s is OrderState => s !== null);
    const product = (filter.product ?? '').trim().toLocaleLowerCase();
    const byProduct = (s: OrderState) => product === '' || s.order.lines.some((l) => Object.values(l.title).some((t) => String(t).toLocaleLowerCase().includes(product)));
    const filtered = states.filter((s) => (filter.status === '' || s.status === filter.status) && byProduct(s));
    const users = await this.host.users.getUsers([...new Set(filtered.map((s) => s.order.uid))]);
    const names = new Map(users.filter((u) => u !== null).map((u) => [u!.uid, u!.username]));
    const member = (filter.member ?? '').trim().toLocaleLowerCase();
    const matching = member === '' ? filtered : filtered.filter((s) => (names.get(s.order.uid) ?? '').toLocaleLowerCase() === member);
    const shown = page && narrowed ? matching.slice(page.start, page.start + page.count) : matching;
    return {
      rows: shown.map((state) => ({ state, username: names.get(state.order.uid) ?? `#${state.order.uid}` })),
      total: narrowed ? matching.length : total,
    };
  }

  async bulkStatus(caller: Caller, input: unknown): Promise<BulkResult[]> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(bulkStatusSchema, input);
    const results: BulkResult[] = [];
    for (const id of [...new Set(req.ids)]) {
      try {
        await this.orders.setStatus(caller, id, { status: req.status, note: req.note });
        results.push({ id, ok: true });
      } catch (err) {
        if (!(err instanceof BonusError)) throw err;
        results.push({ id, ok: false, error: err.message });
      }
    }
    return results;
  }

  /** One row per line still in the order, for the orders paid in the month (cancelled orders left out). */
  async exportMonth(caller: Caller, monthId: string): Promise<{ filename: string; csv: string; orders: number }> {
    const period = await this.month(monthId);
    const rows = (await this.list(caller, { status: '', month: period.id })).filter((r) => r.state.status !== 'cancelled');
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
