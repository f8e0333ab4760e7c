/**
 * ACP orders (`/admin/plugins/bonus/orders`): the list filtered by status and month, a status change
 * for the selected orders, and the month's batch as CSV; API under `/bonus/admin/orders/...`.
 */
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import { ok, refusedPage } from '../../kernel/result';
import type { Services } from '../../services';
import { ORDER_STATUSES, ORDER_TRANSITIONS, isLate, isOrderStatus, type OrderStatus } from './domain';
import { countryNameKey } from '../../kernel/countries';
import { localized } from '../catalog';
import { pageParam, pagination, whenFor } from '../../kernel/format';


/** Orders per page of the ACP list. */
export const ADMIN_ORDERS_PER_PAGE = 50;
/** The statuses an admin sets in bulk (refunds are per order). */
const BULK_TARGETS: readonly OrderStatus[] = ['processing', 'shipped', 'delivered', 'cancelled'];

export async function adminOrdersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const when = await whenFor(services, ctx.lang);
  const rp = ctx.relativePath;
  // A bad status or month in the address shows the default view (all statuses, this month).
  const status = isOrderStatus(ctx.query.status) ? ctx.query.status : '';
  const month = (await services.ordersAdmin.month(ctx.query.month ?? '')).ok ? ctx.query.month ?? '' : '';
  const filter = { status, month, member: (ctx.query.member ?? '').trim().slice(0, 100), product: (ctx.query.product ?? '').trim().slice(0, 100) };
  const pageNo = pageParam(ctx.query.page);
  const [listed, period] = await Promise.all([
    services.ordersAdmin.listPage({ uid: ctx.uid }, filter, { start: (pageNo - 1) * ADMIN_ORDERS_PER_PAGE, count: ADMIN_ORDERS_PER_PAGE }),
    services.ordersAdmin.month(filter.month),
  ]);
  if (!listed.ok) return refusedPage(listed);
  if (!period.ok) return refusedPage(period);
  const { rows, total } = listed.value;
  const pageUrl = (n: number) => `${rp}/admin/plugins/bonus/orders?${new URLSearchParams({ ...filter, page: String(n) }).toString()}`;
  return {
    kind: 'render',
    template: 'admin/plugins/bonus-orders',
    title: '[[admin/plugins/bonus:orders.title]]',
    data: {
      filter,
      exportMonth: period.value.id,
      statuses: ORDER_STATUSES.map((s) => ({ value: s, selected: s === filter.status })),
      targets: BULK_TARGETS.map((s) => ({ value: s })),
      rows: rows.map(({ state, username }) => ({
        id: state.order.id, url: `${rp}/bonus/orders/${state.order.id}`, dateText: when(state.order.createdAt),
        date: new Date(state.order.createdAt).toISOString(), username, total: state.order.total, status: state.status,
        items: state.order.lines.map((l) => `${localized(l.title, ctx.lang)}${l.variantLabel ? ` (${l.variantLabel})` : ''} × ${l.quantity}`).join('; '),
        countryNameKey: state.order.delivery ? countryNameKey(state.order.delivery.country) : '', hasCountry: state.order.delivery !== null,
        isPickup: state.order.delivery?.method === 'pickup', awaitingCodes: state.awaitingCodes,
        isPrizes: state.order.programme === 'sellers', late: isLate(state, services.host.clock.now()),
        shipByText: state.order.shipBy ? when(state.order.shipBy) : '',
        // the bulk list offers only moves every selected order may make (issue 15, item 9)
        moves: ORDER_TRANSITIONS[state.status].filter((t) => BULK_TARGETS.includes(t)).join(' '),
      })),
      hasRows: rows.length > 0,
      pagination: pagination(pageNo, total, ADMIN_ORDERS_PER_PAGE, pageUrl),
      homeUrl: `${rp}/admin/plugins/bonus`,
    },
  };
}

export const ordersAdminApi = (services: Services): ApiRoute[] => [
  {
    // each order's refusal comes back translated into the admin's language, as a single refusal is
    method: 'post', path: '/bonus/admin/orders/status', access: 'admin', handler: async (ctx) => {
      const done = await services.ordersAdmin.bulkStatus({ uid: ctx.uid }, ctx.body);
      if (!done.ok) return done;
      return ok({
        results: await Promise.all(done.value.map(async (r) => (r.error === undefined ? r : { ...r, error: await services.host.translator.translate(r.error, ctx.lang) }))),
      });
    },
  },
  { method: 'get', path: '/bonus/admin/orders/export', access: 'admin', handler: (ctx) => services.ordersAdmin.exportMonth({ uid: ctx.uid }, ctx.query.month ?? '') },
];
