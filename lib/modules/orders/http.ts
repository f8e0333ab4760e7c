/**
 * Member pages of orders (`/bonus/orders`, `/bonus/orders/:id`, `/bonus/purchases`) and the orders
 * API (members read their own; admins change statuses and refund lines). License codes are shown
 * only to their buyer (and admins through the order).
 */
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import { idParam } from '../../kernel/input';
import type { Services } from '../../services';
import { andThen, mapOk, ok, refusedPage } from '../../kernel/result';
import { countryNameKey } from '../../kernel/countries';
import { isPhysical, localized, unitKeyOf } from '../catalog';
import { ORDER_TRANSITIONS, REPLACEABLE_STATUSES, awaitsShipment, isLate, type LineReplacement } from './domain';
import { refundKey, replaceRefundKey, type OrderState } from './service';
import { claimRefundKey } from './service-claims';
import { orderClaimsData } from './http-claims';
import { pageParam, pagingWithoutCount, whenFor, type When } from '../../kernel/format';


function summary(s: OrderState, rp: string, when: When, now: number) {
  const { order } = s;
  const isPrizes = order.programme === 'sellers';
  return {
    isPrizes, unitKey: unitKeyOf(order.programme),
    shipBy: order.shipBy ? new Date(order.shipBy).toISOString() : '', shipByText: order.shipBy ? when(order.shipBy) : '', hasShipBy: order.shipBy !== null,
    late: isLate(s, now),
    id: order.id, url: `${rp}/bonus/orders/${order.id}`, total: order.total, status: s.status,
    date: new Date(order.createdAt).toISOString(), dateText: when(order.createdAt),
    items: order.lines.reduce((n, l) => n + l.quantity, 0), awaitingCodes: s.awaitingCodes,
    cancelled: s.status === 'cancelled',
  };
}

/** "T-shirt, M × 2": a line's item as the member and the warehouse read it. */
const itemText = (x: Pick<LineReplacement['from'], 'title' | 'variantLabel'>, lang: string, quantity?: number) =>
  `${localized(x.title, lang)}${x.variantLabel ? `, ${x.variantLabel}` : ''}${quantity ? ` × ${quantity}` : ''}`;

export async function orderView(services: Services, ctx: RequestContext, s: OrderState) {
  const when = await whenFor(services, ctx.lang);
  const { order } = s;
  // only the buyer sees codes; the order was shown to this caller, so the codes' check cannot refuse them
  const byLine = await services.orders.codesByLine({ uid: ctx.uid }, s);
  const codes = byLine.ok ? byLine.value : new Map<number, string[]>();
  const replaced = (i: number) => {
    const r = s.replacements.get(i);
    return r
      ? { replaced: true, replacedFrom: itemText(r.from, ctx.lang), replacedRefund: r.refund, hasReplacedRefund: r.refund > 0, replacedClubPays: r.clubPays, hasReplacedClubPays: r.clubPays > 0 }
      : { replaced: false, replacedFrom: '', replacedRefund: 0, hasReplacedRefund: false, replacedClubPays: 0, hasReplacedClubPays: false };
  };
  return {
    ...summary(s, ctx.relativePath, when, services.host.clock.now()),
    lines: order.lines.map((l, i) => ({
      index: i, unitKey: unitKeyOf(order.programme), title: localized(l.title, ctx.lang), variantLabel: l.variantLabel ?? '', hasVariant: l.variantLabel !== null,
      region: l.region ?? '', regionNameKey: l.region ? countryNameKey(l.region) : '', isLicense: l.kind === 'license',
      quantity: l.quantity, unitPrice: l.unitPriceInPoints, lineTotal: l.lineTotal, paid: l.paidInPoints,
      refunded: s.refundedLines.has(i), withoutBattery: l.withoutBattery,
      codes: (codes.get(i) ?? []).map((code) => ({ code })), hasCodes: (codes.get(i) ?? []).length > 0,
      isSouvenir: isPhysical(l.kind), ...replaced(i),
    })),
    subtotal: order.subtotal, discount: order.discount, hasDiscount: order.discount > 0, promoPercent: order.promo?.percent ?? 0,
    contact: order.contact,
    delivery: order.delivery ? { ...order.delivery, isPickup: order.delivery.method === 'pickup', countryNameKey: countryNameKey(order.delivery.country) } : null,
    hasDelivery: order.delivery !== null,
    history: s.history.map(({ replacement: r, ...c }) => ({
      ...c, unitKey: unitKeyOf(order.programme), date: new Date(c.at).toISOString(), dateText: when(c.at), hasNote: c.note !== '',
      isReplacement: r !== undefined, replacedFrom: r ? itemText(r.from, ctx.lang) : '', replacedTo: r ? itemText(r.to, ctx.lang) : '',
      replacedRefund: r?.refund ?? 0, hasReplacedRefund: (r?.refund ?? 0) > 0, replacedClubPays: r?.clubPays ?? 0, hasReplacedClubPays: (r?.clubPays ?? 0) > 0,
    })).reverse(),
    hasLicenses: order.lines.some((l) => l.kind === 'license'),
  };
}

export const MEMBER_ORDERS_PER_PAGE = 20;
/** The purchases page: licence orders per page. */
export const PURCHASE_ORDERS_PER_PAGE = 20;

/** The member's orders, a page at a time (issue 13, item 6: only the page's orders are read). */
export async function memberOrdersView(services: Services, ctx: RequestContext) {
  const rp = ctx.relativePath;
  const pageNo = pageParam(ctx.query.page);
  const [page, when] = await Promise.all([
    services.orders.memberOrdersPage({ uid: ctx.uid }, (pageNo - 1) * MEMBER_ORDERS_PER_PAGE, MEMBER_ORDERS_PER_PAGE),
    whenFor(services, ctx.lang),
  ]);
  return mapOk(page, ({ orders: states, hasMore }) => ({
    orders: states.map((s) => summary(s, rp, when, services.host.clock.now())),
    pagination: pagingWithoutCount(pageNo, hasMore, (n) => `${rp}/bonus/orders?page=${n}`),
  }));
}

export async function ordersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const view = await memberOrdersView(services, ctx);
  if (!view.ok) return refusedPage(view);
  const { orders, pagination: pages } = view.value;
  return {
    kind: 'render', template: 'bonus/orders', title: '[[bonus:orders.title]]',
    breadcrumbs: [{ text: '[[bonus:store.title]]', url: `/bonus/store` }, { text: '[[bonus:orders.title]]' }],
    data: { orders, hasOrders: orders.length > 0, pagination: pages, storeUrl: `${rp}/bonus/store`, purchasesUrl: `${rp}/bonus/purchases` },
  };
}

export async function orderPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const viewed = await services.orders.mustView({ uid: ctx.uid }, idParam(ctx.params.id));
  if (!viewed.ok) return refusedPage(viewed);
  const state = viewed.value;
  const order = await orderView(services, ctx, state);
  const refunded = await refundedPoints(services, ctx, state);
  // §7.2.4: a prize above the tax threshold waits for the seller's details before it ships
  const gate = services.orders.prizeGate;
  const taxPending = state.order.programme === 'sellers' && gate !== null && awaitsShipment(state.status)
    && !(await gate.mayShip(state.order));
  const isAdmin = await services.host.privileges.isAdmin(ctx.uid);
  const next = isAdmin ? ORDER_TRANSITIONS[state.status].filter((t) => t !== 'partly-refunded') : [];
  const replaceLines = order.lines.filter((l) => l.isSouvenir && !l.refunded && !l.replaced);
  const canReplace = isAdmin && REPLACEABLE_STATUSES.includes(state.status) && replaceLines.length > 0;
  return {
    kind: 'render', template: 'bonus/order', title: `[[bonus:order.title, ${order.id}]]`,
    breadcrumbs: [{ text: '[[bonus:orders.title]]', url: `/bonus/orders` }, { text: `[[bonus:order.title, ${order.id}]]` }],
    data: {
      taxPending, taxUrl: `${rp}/bonus/sellers#tax`,
      order, refunded, hasRefunded: refunded > 0, ordersUrl: `${rp}/bonus/orders`, purchasesUrl: `${rp}/bonus/purchases`, isBuyer: state.order.uid === ctx.uid,
      // Admins manage the order here: the next statuses, and dropping lines with their points returned.
      isAdmin, targets: next.map((value) => ({ value })), hasTargets: next.length > 0,
      canRefund: isAdmin && ORDER_TRANSITIONS[state.status].includes('partly-refunded') && order.lines.some((l) => !l.refunded),
      // Claims (wrong or damaged items) once the order is delivered: the form, the open thread, earlier ones.
      ...(await orderClaimsData(services, ctx, state.order.id)),
      // Packing: an item out of stock replaced by another souvenir (each size its own choice).
      canReplace, replaceLines, minSouvenirOrder: (await services.settings.get()).minSouvenirOrder,
      replaceProducts: canReplace ? await replacementChoices(services, ctx.lang, state.order.programme) : [],
    },
  };
}

/**
 * Points given back on the order so far, as the ledger recorded them: dropped or cancelled lines,
 * cheaper replacements and claim refunds (each under its own key).
 */
async function refundedPoints(services: Services, ctx: RequestContext, state: OrderState): Promise<number> {
  const id = state.order.id;
  const listed = await services.claims.orderClaims({ uid: ctx.uid }, id);
  const claims = listed.ok ? listed.value : [];
  const keys = [
    ...[...state.refundedLines].map((line) => refundKey(id, line)),
    ...[...state.replacements.values()].filter((r) => r.refund > 0).map((r) => replaceRefundKey(id, r.line)),
    ...claims.map((c) => claimRefundKey(c.claim.id)),
  ];
  const ledger = services.orders.ledgerFor(state.order.programme);
  const entries = await Promise.all(keys.map((key) => ledger.entryByKey(key)));
  return entries.reduce((sum, e) => sum + (e ? Math.abs(e.amount) : 0), 0);
}

/** Souvenirs of the order's own programme (a prize is replaced by a prize, a club item by a club item). */
async function replacementChoices(services: Services, lang: string, programme: OrderState['order']['programme']) {
  const products = (await services.catalog.products.allProducts()).filter((p) => isPhysical(p.kind) && p.programme === programme).sort((a, b) => localized(a.title, lang).localeCompare(localized(b.title, lang)));
  return products.flatMap((p) => {
    const sizes = p.variants.length ? p.variants.map((v) => ({ id: v.id, label: v.label })) : [{ id: '', label: null }];
    return sizes.map((v) => ({ value: `${p.id}|${v.id}`, price: p.priceInPoints, label: `${itemText({ title: p.title, variantLabel: v.label }, lang)} (${p.priceInPoints})` }));
  });
}

/** License lines of the member's own orders, with their codes (only the buyer ever sees this page's codes). */
export async function purchasesView(services: Services, ctx: RequestContext) {
  const pageNo = pageParam(ctx.query.page);
  const listed = await services.orders.memberLicenceOrdersPage({ uid: ctx.uid }, (pageNo - 1) * PURCHASE_ORDERS_PER_PAGE, PURCHASE_ORDERS_PER_PAGE);
  if (!listed.ok) return listed;
  const states = listed.value.orders;
  const purchases = [];
  for (const s of states) {
    if (!s.order.lines.some((l) => l.kind === 'license')) continue;
    const view = await orderView(services, ctx, s);
    for (const l of view.lines.filter((x) => x.isLicense)) {
      purchases.push({ ...l, orderId: view.id, orderUrl: view.url, dateText: view.dateText, date: view.date, waiting: s.awaitingCodes && !l.hasCodes && !l.refunded });
    }
  }
  return ok({ purchases, hasPurchases: purchases.length > 0, pagination: pagingWithoutCount(pageNo, listed.value.hasMore, (n) => `${ctx.relativePath}/bonus/purchases?page=${n}`) });
}

export async function purchasesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const view = await purchasesView(services, ctx);
  if (!view.ok) return refusedPage(view);
  return {
    kind: 'render', template: 'bonus/purchases', title: '[[bonus:purchases.title]]',
    breadcrumbs: [{ text: '[[bonus:store.title]]', url: `/bonus/store` }, { text: '[[bonus:purchases.title]]' }],
    data: { ...view.value, ordersUrl: `${rp}/bonus/orders`, storeUrl: `${rp}/bonus/store` },
  };
}

export const ordersApi = (services: Services): ApiRoute[] => [
  { method: 'get', path: '/bonus/orders', access: 'member', handler: (ctx) => memberOrdersView(services, ctx) },
  { method: 'get', path: '/bonus/orders/:id', access: 'member', handler: async (ctx) => andThen(await services.orders.mustView({ uid: ctx.uid }, idParam(ctx.params.id)), async (s) => ok(await orderView(services, ctx, s))) },
  { method: 'get', path: '/bonus/purchases', access: 'member', handler: (ctx) => purchasesView(services, ctx) },
  {
    method: 'put', path: '/bonus/orders/:id/status', access: 'admin', handler: async (ctx) => {
      return mapOk(await services.orders.setStatus({ uid: ctx.uid }, idParam(ctx.params.id), ctx.body), (s) => ({ id: s.order.id, status: s.status }));
    },
  },
  {
    method: 'post', path: '/bonus/orders/:id/refund', access: 'admin', handler: async (ctx) => {
      return mapOk(await services.orders.refundLines({ uid: ctx.uid }, idParam(ctx.params.id), ctx.body), (s) => ({ id: s.order.id, status: s.status, refundedLines: [...s.refundedLines] }));
    },
  },
  {
    method: 'post', path: '/bonus/orders/:id/replace', access: 'admin', handler: async (ctx) => {
      return mapOk(await services.orders.replaceLine({ uid: ctx.uid }, idParam(ctx.params.id), ctx.body), (s) => ({ id: s.order.id, status: s.status, replacedLines: [...s.replacements.keys()] }));
    },
  },
];
