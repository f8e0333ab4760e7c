/**
 * The retail sellers' programme over HTTP (issue 16): the member's page `/bonus/sellers` (apply;
 * register box codes, one or many, with a report per line; sales, counts, the seller points balance
 * and history, the prize gate), the ACP page `/admin/plugins/bonus/sellers` (applications, sellers,
 * the review queue, retail products, registry and blacklist imports) and their write API.
 * Shop names, cities, addresses, product names and reasons are people's words: shown escaped.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { counted, countedToken } from '../../kernel/errors';
import { mapOk, ok, refusedPage } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import { pageParam } from '../../kernel/format';
import { dateText, dateTimeText } from '../../kernel/dates';
import type { Sale } from './store';
import type { RegisterResult } from './service';
import { SELLER_STATUSES, type SellerStatus } from './store';
import { signedCount } from '../../kernel/plural';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body as Record<string, unknown> : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const SALES_PER_PAGE = 50;
const ADMIN_TABS = ['applications', 'sellers', 'review', 'products', 'lists', 'prizes', 'tax'] as const;
type AdminTab = (typeof ADMIN_TABS)[number];

function saleRow(s: Sale, names: Map<string, string>, lang: string, zone: string) {
  return {
    id: s.id, code: s.code, product: names.get(s.productId) ?? s.productId, points: s.points,
    status: s.status, statusText: `[[bonus:retail.sale-status.${s.status}]]`, reason: s.reason ?? '',
    dateText: dateTimeText(s.createdAt, lang, zone), spotCheck: s.spotCheck,
    accepted: s.status === 'accepted', rejected: s.status === 'rejected', pending: s.status === 'pending',
    photo: s.photo ?? '', hasPhoto: !!s.photo,
  };
}

/** `/bonus/sellers`: what the member sees depends on where they stand in the programme. */
export async function sellersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const r = services.sellers;
  const [seller, s, products] = await Promise.all([r.member(ctx.uid), services.settings.get(), r.products()]);
  const names = new Map(products.map((p) => [p.id, p.name]));
  const active = products.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name, points: p.points }));
  const data: Record<string, unknown> = {
    products: active,
    status: seller?.status ?? 'none',
    canApply: !seller || seller.status === 'rejected',
    isPending: seller?.status === 'pending',
    isActive: seller?.status === 'active',
    isAnnulled: seller?.status === 'annulled',
    wasRejected: seller?.status === 'rejected',
    reason: seller?.reason ?? '',
    shopName: seller?.shopName ?? '',
    city: seller?.city ?? '',
    address: seller?.address ?? '',
    automatic: s.retailApproval === 'automatic',
    dailyLimit: s.retailDailyLimit,
    // the monthly events (issue 17): this month's draw prizes (the rules: announced on the programme's page)
    contestUrl: `${ctx.relativePath}/bonus/sellers/contest`,
    quizzesUrl: `${ctx.relativePath}/bonus/sellers/quizzes`,
    drawUrl: `${ctx.relativePath}/bonus/sellers/draw`,
    // the box-code game (issue 18): one play per accepted code
    gameUrl: `${ctx.relativePath}/bonus/sellers/game`,
    gamePlays: seller?.status === 'active' ? countedToken(ctx.lang, 'game.plays-left', [counted(await services.game.playsLeft(ctx.uid), 'plays.count')]) : '',
    drawPrizes: (await services.draw.state((await services.draw.currentMonth()).id)).categories.map((c) => ({ name: c.name, prize: c.prize })),
  };
  data.hasDrawPrizes = (data.drawPrizes as unknown[]).length > 0;
  if (seller && seller.status !== 'rejected') {
    const page = pageParam(ctx.query.page);
    const [total, balance, gate, summary, history] = await Promise.all([
      r.store.sellerSaleCount(ctx.uid), r.ledger.balance(ctx.uid), r.gate(ctx.uid), r.sales.summary(ctx.uid), r.ledger.history(ctx.uid, 1, 10),
    ]);
    const pageCount = Math.max(1, Math.ceil(total / SALES_PER_PAGE));
    const current = Math.min(page, pageCount);
    const sales = await r.sales.sales(ctx.uid, (current - 1) * SALES_PER_PAGE, current * SALES_PER_PAGE - 1);
    const [taxNeeded, taxDetails] = await Promise.all([r.tax.needed(ctx.uid), r.tax.details(ctx.uid)]);
    Object.assign(data, {
      // §7.2.4: the details a prize above the threshold needs; the seller sees only that they gave them
      taxNeeded, taxGiven: taxDetails !== null, taxGivenText: taxDetails ? dateText(taxDetails.givenAt, ctx.lang, s.timeZone) : '',
      taxThreshold: s.retailTaxThreshold,
      prizesUrl: `${ctx.relativePath}/bonus/sellers/prizes`,
      balance: balance.spendable,
      gate: { ...gate, text: countedToken(ctx.lang, 'retail.gate', [gate.have, counted(gate.need, 'sales.gen')]) },
      counts: { accepted: summary.accepted, pending: summary.pending, rejected: summary.rejected },
      byProduct: Object.entries(summary.byProduct).map(([id, count]) => ({ name: names.get(id) ?? id, count })),
      byMonth: Object.entries(summary.byMonth).sort(([a], [b]) => b.localeCompare(a)).map(([month, count]) => ({ month, count })),
      hasCounts: summary.accepted > 0,
      sales: sales.map((x) => saleRow(x, names, ctx.lang, s.timeZone)),
      hasSales: sales.length > 0,
      pagination: pageCount > 1 ? { page: current, pageCount, prev: current > 1 ? `?page=${current - 1}` : '', next: current < pageCount ? `?page=${current + 1}` : '' } : null,
      history: history.entries.map((e) => {
        const minus = e.kind === 'debit' || e.kind === 'spend' || e.kind === 'capture';
        return { dateText: dateText(e.createdAt, ctx.lang, s.timeZone), amountText: signedCount(ctx.lang, minus ? -Math.abs(e.amount) : Math.abs(e.amount)), positive: !minus, reasonText: e.reason.startsWith('[[') ? e.reason : `[[bonus:points.reason.${e.reason}]]` };
      }),
      hasHistory: history.entries.length > 0,
    });
  }
  return {
    kind: 'render', template: 'bonus/sellers', title: '[[bonus:retail.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: '[[bonus:retail.title]]' }],
    data,
  };
}

/** `/admin/plugins/bonus/sellers?tab=`: the programme's ACP. */
export async function adminSellersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const r = services.sellers;
  const asked = String(ctx.query.tab ?? 'applications');
  const tab: AdminTab = (ADMIN_TABS as readonly string[]).includes(asked) ? asked as AdminTab : 'applications';
  const askedStatus = String(ctx.query.status ?? 'all');
  const status: SellerStatus | 'all' = (SELLER_STATUSES as readonly string[]).includes(askedStatus) ? askedStatus as SellerStatus : 'all';
  const [s, products, reviewCount] = await Promise.all([services.settings.get(), r.products(), r.store.reviewCount()]);
  const names = new Map(products.map((p) => [p.id, p.name]));
  const admin = { uid: ctx.uid };
  const base = `${ctx.relativePath}/admin/plugins/bonus/sellers`;
  const all = await r.list(admin, 'all', 1, 1);
  if (!all.ok) return refusedPage(all);
  const { counts } = all.value;
  const data: Record<string, unknown> = {
    tabs: ADMIN_TABS.map((t) => ({
      tab: t, text: `[[bonus:retail.admin.tab.${t}]]`, url: `${base}?tab=${t}`, active: t === tab,
      count: t === 'applications' ? counts.pending : t === 'review' ? reviewCount : t === 'sellers' ? counts.active : '',
    })),
    tab, [`is_${tab}`]: true,
  };
  const people = async (uids: number[]) => {
    const users = await services.host.users.getUsers(uids);
    return (i: number) => ({ member: users[i]?.username ?? String(uids[i]), memberUrl: `${ctx.relativePath}/user/${encodeURIComponent(users[i]?.userslug ?? '')}` });
  };
  if (tab === 'applications' || tab === 'sellers') {
    const page = pageParam(ctx.query.page);
    const listed = await r.list(admin, tab === 'applications' ? 'pending' : status, page);
    if (!listed.ok) return refusedPage(listed);
    const { sellers, total } = listed.value;
    const who = await people(sellers.map((x) => x.uid));
    const gates = await Promise.all(sellers.map((x) => r.gate(x.uid)));
    const balances = await Promise.all(sellers.map((x) => r.ledger.balance(x.uid)));
    const lastPrize = await Promise.all(sellers.map((x) => r.store.lastPrizeOrder(x.uid)));
    Object.assign(data, {
      statuses: ['all', ...SELLER_STATUSES].map((v) => ({ value: v, text: `[[bonus:retail.status.${v}]]`, url: `${base}?tab=sellers&status=${v}`, active: v === status })),
      sellers: sellers.map((x, i) => ({
        uid: x.uid, ...who(i), shopName: x.shopName, city: x.city, address: x.address,
        status: x.status, statusText: `[[bonus:retail.status.${x.status}]]`, appliedText: dateText(x.appliedAt, ctx.lang, s.timeZone),
        reason: x.reason, acceptedSales: x.acceptedSales, balance: balances[i].spendable, gateText: countedToken(ctx.lang, 'retail.gate-admin', [gates[i].have, counted(gates[i].need, 'sales.gen')]),
        pending: x.status === 'pending', active: x.status === 'active',
        lastPrize: lastPrize[i] ?? '', lastPrizeUrl: lastPrize[i] ? `${ctx.relativePath}/bonus/orders/${lastPrize[i]}` : '',
      })),
      hasSellers: sellers.length > 0,
      total,
    });
  }
  if (tab === 'review') {
    // filters (issue 16, item 8): the product, pending or spot checks, one member
    const product = String(ctx.query.product ?? '');
    const kind = ['pending', 'spot'].includes(String(ctx.query.kind)) ? String(ctx.query.kind) : '';
    const memberName = String(ctx.query.member ?? '').trim().slice(0, 100);
    const memberUid = memberName ? await services.host.users.getUidByUsername(memberName) : null;
    const queue = memberName && !memberUid ? [] : await r.sales.reviewQueue(100, (x) => (!product || x.productId === product)
      && (kind === '' || (kind === 'spot' ? x.spotCheck : x.status === 'pending')) && (!memberUid || x.uid === memberUid));
    const who = await people(queue.map((x) => x.uid));
    Object.assign(data, {
      sales: queue.map((x, i) => ({ ...saleRow(x, names, ctx.lang, s.timeZone), ...who(i) })), hasSales: queue.length > 0,
      reviewFilter: {
        member: memberName, products: products.map((p) => ({ id: p.id, name: p.name, selected: p.id === product })),
        kinds: ['pending', 'spot'].map((k) => ({ value: k, text: `[[bonus:retail.admin.review-kind.${k}]]`, selected: k === kind })),
        active: product !== '' || kind !== '' || memberName !== '',
      },
    });
  }
  if (tab === 'products' || tab === 'lists') {
    const sizes = await Promise.all(products.map((p) => r.store.registrySize(p.id)));
    Object.assign(data, {
      products: products.map((p, i) => ({ ...p, registrySize: sizes[i], modeText: `[[bonus:retail.mode.${p.mode}]]`, registry: p.mode === 'registry', review: p.mode === 'review' })),
      blacklistSize: await r.store.blacklistSize(),
    });
  }
  if (tab === 'prizes') {
    // §9.2.1: prize orders not shipped within the shipping days of the order
    const listed = await services.ordersAdmin.overduePrizes(admin);
    if (!listed.ok) return refusedPage(listed);
    const overdue = listed.value;
    Object.assign(data, {
      overdue: overdue.map(({ state, username }) => ({
        id: state.order.id, url: `${ctx.relativePath}/bonus/orders/${state.order.id}`, member: username, total: state.order.total,
        statusText: `[[bonus:order.status.${state.status}]]`, shipByText: dateText(state.order.shipBy ?? 0, ctx.lang, s.timeZone),
        paidText: dateText(state.order.createdAt, ctx.lang, s.timeZone),
      })),
      hasOverdue: overdue.length > 0,
      ordersUrl: `${ctx.relativePath}/admin/plugins/bonus/orders`,
    });
  }
  if (tab === 'tax') {
    // §7.2.4: the year's prizes per seller with the details they gave (admins only), and the CSV
    const year = yearParam(ctx.query.year, services.host.clock.now());
    const listed = await r.tax.year(admin, year);
    if (!listed.ok) return refusedPage(listed);
    const rows = listed.value;
    const who = await people(rows.map((x) => x.uid));
    Object.assign(data, {
      year, years: [year - 1, year, year + 1].map((y) => ({ year: y, url: `${base}?tab=tax&year=${y}`, active: y === year })),
      taxRows: rows.sort((a, b) => b.total - a.total).map((x, i) => ({
        ...who(i), prizes: x.records.length, total: x.total, over: x.total > s.retailTaxThreshold || x.records.some((p) => p.value > s.retailTaxThreshold),
        given: x.details !== null, fullName: x.details?.fullName ?? '', birthDate: x.details?.birthDate ?? '', address: x.details?.address ?? '', taxNumber: x.details?.taxNumber ?? '',
      })),
      hasTaxRows: rows.length > 0,
      taxThreshold: s.retailTaxThreshold, taxScopeText: `[[bonus:retail.tax-scope.${s.retailTaxScope}]]`,
    });
  }
  return { kind: 'render', template: 'admin/plugins/bonus-sellers', title: '[[bonus:retail.admin.title]]', data };
}

/** The seller's uid in the path; a non-id is 0, which no seller has (the service answers "not found"). */
const uidParam = (ctx: ApiContext) => parseId(ctx.params.uid) ?? 0;

/** A registration's result as the member reads it: the refusal's message in their language. */
async function reportLine(services: Services, lang: string, line: { line: number; raw: string; result: RegisterResult }) {
  if (line.result.ok) {
    const { sale } = line.result;
    return { line: line.line, raw: line.raw, ok: true, code: sale.code, status: sale.status, message: await services.host.translator.translate(`[[bonus:retail.registered.${sale.status}, ${sale.points}]]`, lang) };
  }
  return { line: line.line, raw: line.raw, ok: false, refusal: line.result.code, message: await services.host.translator.translate(`[[bonus:retail.refusal.${line.result.code}]]`, lang) };
}

/** A year in the address (2000–2100), else the current one. */
function yearParam(raw: unknown, now: number): number {
  const y = Number(raw);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : new Date(now).getUTCFullYear();
}

export function retailApi(services: Services): ApiRoute[] {
  const r = services.sellers;
  return [
    {
      method: 'post', path: '/bonus/sellers/apply', access: 'member',
      handler: async (ctx) => {
        const b = body(ctx);
        const applied = await r.apply({ uid: ctx.uid }, {
          shopName: str(b.shopName), city: str(b.city), address: str(b.address), eligible: b.eligible === true || b.eligible === 'on',
          code: str(b.code), productId: str(b.productId),
        });
        if (!applied.ok) return applied;
        const out = applied.value;
        return ok({ status: out.seller.status, first: await reportLine(services, ctx.lang, { line: 1, raw: str(b.code), result: out.first }) });
      },
    },
    { method: 'put', path: '/bonus/sellers/tax-details', access: 'member', handler: async (ctx) => mapOk(await r.tax.saveDetails({ uid: ctx.uid }, ctx.body), () => ({ saved: true })) },
    {
      method: 'get', path: '/bonus/admin/retail/tax/export', access: 'admin',
      handler: (ctx) => r.tax.exportYear({ uid: ctx.uid }, yearParam(ctx.query.year, services.host.clock.now())),
    },
    {
      method: 'post', path: '/bonus/sellers/sales', access: 'member',
      handler: async (ctx) => {
        const b = body(ctx);
        const registered = await r.register({ uid: ctx.uid }, str(b.codes), str(b.productId), str(b.photo));
        if (!registered.ok) return registered;
        const report = await Promise.all(registered.value.map((l) => reportLine(services, ctx.lang, l)));
        return ok({ report, registered: report.filter((l) => l.ok).length, refused: report.filter((l) => !l.ok).length });
      },
    },
    { method: 'post', path: '/bonus/admin/sellers/:uid/approve', access: 'admin', handler: async (ctx) => mapOk(await r.approve({ uid: ctx.uid }, uidParam(ctx)), (seller) => ({ seller })) },
    { method: 'post', path: '/bonus/admin/sellers/:uid/reject', access: 'admin', handler: async (ctx) => mapOk(await r.reject({ uid: ctx.uid }, uidParam(ctx), body(ctx).reason), (seller) => ({ seller })) },
    { method: 'post', path: '/bonus/admin/sellers/:uid/annul', access: 'admin', handler: async (ctx) => mapOk(await r.annul({ uid: ctx.uid }, uidParam(ctx), body(ctx).reason), (seller) => ({ seller })) },
    {
      method: 'post', path: '/bonus/admin/retail/review', access: 'admin',
      handler: async (ctx) => {
        return r.review({ uid: ctx.uid }, body(ctx));
      },
    },
    { method: 'post', path: '/bonus/admin/retail/products', access: 'admin', handler: async (ctx) => mapOk(await r.saveProduct({ uid: ctx.uid }, body(ctx)), (product) => ({ product })) },
    {
      method: 'post', path: '/bonus/admin/retail/import', access: 'admin',
      handler: async (ctx) => {
        const b = body(ctx);
        return mapOk(await r.importCodes({ uid: ctx.uid }, b.list, b.productId, b.text), (report) => ({ report }));
      },
    },
  ];
}
