/**
 * The ACP dashboard (`/admin/plugins/bonus`, issue 21): per programme, for a chosen period with the
 * previous one beside it, points issued and spent per day, by source and by use; the liability,
 * pending and held points; the redemption rate; loans, orders by status, code pools running low; the
 * last reconcile and the last check of the figures. Every figure comes from the daily aggregates or a
 * cheap count (no journal scan): see service.ts. Every chart is drawn from its table, which the page
 * sends; the CSV export is the table's too (static/admin/plugins/bonus.js).
 */
import type { ApiRoute, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { whenFor } from '../../kernel/format';
import { pluralToken } from '../../kernel/plural';
import { localized } from '../catalog';
import { SOURCES, USES } from './domain';
import { DASHBOARD_PERIODS, PROGRAMME_LIST, type DashboardPeriod, type ProgrammeFigures } from './service';

/** `?period=` one of 7, 30, 90 (anything else: 30). */
export function periodParam(raw: unknown): DashboardPeriod {
  const n = Number(raw);
  return (DASHBOARD_PERIODS as readonly number[]).includes(n) ? (n as DashboardPeriod) : 30;
}

/** A duration as the largest whole unit (days, hours or minutes), in the plural form of `lang`. */
function durationToken(lang: string, ms: number): string {
  if (ms >= DAY_MS) return pluralToken(lang, 'bonus:days.count', Math.floor(ms / DAY_MS));
  if (ms >= 3_600_000) return pluralToken(lang, 'bonus:hours.count', Math.floor(ms / 3_600_000));
  return pluralToken(lang, 'bonus:minutes.count', Math.max(1, Math.ceil(ms / 60_000)));
}

/** A whole-number percentage, or '—' when there is nothing to divide by. */
function rate(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

function change(current: number, previous: number): { current: number; previous: number; delta: string; up: boolean; down: boolean } {
  const d = current - previous;
  return { current, previous, delta: d > 0 ? `+${d}` : String(d), up: d > 0, down: d < 0 };
}

/** Points that will never be spent: pending points cancelled, and balances written off. */
function broken(sums: Record<string, number>): number {
  return (sums.pendingCancelled ?? 0) + (sums['spent:write-offs'] ?? 0);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since `at` (0 for less than a day). */
function ageDays(at: number | null, now: number): number {
  return at === null ? 0 : Math.max(0, Math.floor((now - at) / DAY_MS));
}

function programmeView(f: ProgrammeFigures) {
  const s = f.sums;
  const p = f.previousSums;
  const breakdown = (prefix: 'issued' | 'spent', keys: readonly string[]) => keys
    .map((k) => ({ key: k, label: `[[bonus:economy.${prefix}.${k}]]`, current: s[`${prefix}:${k}`] ?? 0, previous: p[`${prefix}:${k}`] ?? 0 }))
    .filter((r) => r.current !== 0 || r.previous !== 0);
  const sources = breakdown('issued', SOURCES);
  const uses = breakdown('spent', USES);
  return {
    programme: f.programme,
    title: `[[bonus:economy.programme.${f.programme}]]`,
    liability: f.totals.posted,
    pending: f.totals.pending,
    held: f.totals.held,
    issued: change(s.issued ?? 0, p.issued ?? 0),
    spent: change(s.spent ?? 0, p.spent ?? 0),
    redemption: rate(s.spent ?? 0, s.issued ?? 0),
    previousRedemption: rate(p.spent ?? 0, p.issued ?? 0),
    breakage: rate(broken(s), (s.issued ?? 0) + (s.pendingCancelled ?? 0)),
    previousBreakage: rate(broken(p), (p.issued ?? 0) + (p.pendingCancelled ?? 0)),
    entries: change(s.entries ?? 0, p.entries ?? 0),
    holds: s.holds ?? 0,
    days: f.days.map((d, i) => ({
      day: d.day, issued: d.figures.issued ?? 0, spent: d.figures.spent ?? 0,
      previousDay: f.previous[i].day, previousIssued: f.previous[i].figures.issued ?? 0, previousSpent: f.previous[i].figures.spent ?? 0,
    })),
    sources, hasSources: sources.length > 0,
    uses, hasUses: uses.length > 0,
  };
}

/** The dashboard's data (the ACP home's template adds its section links). */
export async function dashboardData(services: Services, ctx: RequestContext): Promise<Record<string, unknown>> {
  const period = periodParam(ctx.query.period);
  const now = services.host.clock.now();
  const days = await services.economy.periodDays(period, now);
  const bounds = await services.economy.periodBounds(days);
  const [when, settings, figures, loans, orders, pools, reconcile, rebuild, stock, requests, sellers, notedPending] = await Promise.all([
    whenFor(services, ctx.lang),
    services.settings.get(),
    Promise.all(PROGRAMME_LIST.map((p) => services.economy.figures(p, period, now))),
    services.loans.dashboardSummary(now),
    services.orders.dashboardOrders(),
    services.catalog.codeProducts().then(async (products) => ({ products, counts: await services.codes.availableCounts(products.map((x) => x.id)) })),
    services.ledger.lastReconcile(),
    services.economy.lastRebuild(),
    services.catalogAdmin.stockValue(),
    services.requests.dashboardSummary([bounds.current, bounds.previous]),
    services.sellers.dashboardSummary([...days.previous, ...days.current]),
    // posts' pending points are noted, not in the ledger, until they settle (issue 14)
    services.earning.pendingPoints(),
  ]);
  const stockOf = new Map(stock.map((x) => [x.programme, x]));
  const sellerDays = sellers.days.slice(period);
  const sellerPrev = sellers.days.slice(0, period);
  const sumOf = (rows: Record<string, number>[], f: string) => rows.reduce((n, r) => n + (r[f] ?? 0), 0);
  const sellerFigures = (rows: Record<string, number>[]) => {
    const registered = sumOf(rows, 'registered');
    const refused = sumOf(rows, 'refused');
    const duplicates = sumOf(rows, 'refused:already-registered');
    const rejected = sumOf(rows, 'rejected');
    const approved = sumOf(rows, 'approved');
    return { registered, refused, duplicates, rejected, approved, refusedShare: rate(refused, registered + refused), duplicateShare: rate(duplicates, registered + refused), rejectedShare: rate(rejected, rejected + approved) };
  };
  const [firstReply, previousFirstReply] = requests.firstReply;
  const replyText = async (ms: number | null) => (ms === null ? '—' : services.host.translator.translate(durationToken(ctx.lang, ms), ctx.lang));
  const low = pools.products.map((product, i) => ({ product, available: pools.counts[i] }))
    .filter((x) => x.available <= settings.lowStockThreshold)
    .map((x) => ({ id: x.product.id, title: localized(x.product.title, ctx.lang), available: x.available, url: `${ctx.relativePath}/admin/plugins/bonus/catalog/${x.product.id}` }));
  const views = loans.summary?.views;
  return {
    period,
    periods: DASHBOARD_PERIODS.map((d) => ({ days: d, active: d === period, url: `${ctx.relativePath}/admin/plugins/bonus?period=${d}` })),
    programmes: figures.map((f) => {
      const st = stockOf.get(f.programme);
      const view = programmeView(f);
      if (f.programme === 'club') view.pending += notedPending;
      return { ...view, stockValue: st?.value ?? 0, stockUnits: st?.units ?? 0, stockUnvalued: st?.unvalued ?? 0 };
    }),
    loans: {
      pending: loans.counts.pending, open: loans.counts.open, overdue: loans.counts.overdue,
      outstanding: views ? views.open.outstanding + views.overdue.outstanding : 0,
      overdueOutstanding: views ? views.overdue.outstanding : 0,
      countedAt: loans.summary ? when(loans.summary.at) : '',
      url: `${ctx.relativePath}/admin/plugins/bonus/loans`,
    },
    orders: orders.map((o) => ({
      status: o.status, label: `[[bonus:order.status.${o.status}]]`, count: o.count, url: `${ctx.relativePath}/admin/plugins/bonus/orders?status=${o.status}`,
      waiting: o.waiting, value: o.value ?? '', capped: o.capped,
      hasOldest: o.oldestAt !== null, oldest: o.oldestAt !== null ? when(o.oldestAt) : '', oldestDays: ageDays(o.oldestAt, now),
    })),
    requests: {
      open: requests.open, waitingNew: requests.byStatus.new, waitingStaff: requests.byStatus.staff, waitingMember: requests.byStatus.member, capped: requests.capped,
      hasOldest: requests.oldestWaitingAt !== null, oldest: requests.oldestWaitingAt !== null ? when(requests.oldestWaitingAt) : '', oldestDays: ageDays(requests.oldestWaitingAt, now),
      firstReply: await replyText(firstReply.medianMs), previousFirstReply: await replyText(previousFirstReply.medianMs),
      answered: firstReply.answered, created: firstReply.created,
      url: `${ctx.relativePath}/bonus/requests/queue`,
    },
    sellers: {
      ...sellerFigures(sellerDays),
      previous: sellerFigures(sellerPrev),
      days: days.current.map((day, i) => ({
        day, registered: sellerDays[i]?.registered ?? 0, refused: sellerDays[i]?.refused ?? 0,
        previousDay: days.previous[i], previousRegistered: sellerPrev[i]?.registered ?? 0,
      })),
      review: sellers.review, hasOldestReview: sellers.oldestReviewAt !== null,
      oldestReview: sellers.oldestReviewAt !== null ? when(sellers.oldestReviewAt) : '', oldestReviewDays: ageDays(sellers.oldestReviewAt, now),
      active: sellers.active, pending: sellers.pending, eligible: sellers.eligible, eligibleCapped: sellers.eligibleOf < sellers.active, eligibleOf: sellers.eligibleOf,
      url: `${ctx.relativePath}/admin/plugins/bonus/sellers`,
    },
    lowPools: low, hasLowPools: low.length > 0, lowStockThreshold: settings.lowStockThreshold,
    reconcile: reconcile ? { date: when(reconcile.finishedAt), ok: reconcile.damage.length === 0, members: reconcile.members, damaged: reconcile.damage.length, repaired: reconcile.repaired.length } : null,
    rebuild: rebuild ? {
      date: when(rebuild.at), agree: rebuild.agree, repaired: rebuild.programmes.some((p) => p.repaired),
      differences: rebuild.programmes.reduce((n, p) => n + p.differenceCount, 0),
    } : null,
    operationsUrl: `${ctx.relativePath}/admin/plugins/bonus/operations`,
    membersUrl: `${ctx.relativePath}/admin/plugins/bonus/members`,
  };
}

/** The write API: check or rebuild the figures from the journal (admins). */
export function economyApi(services: Services): ApiRoute[] {
  return [
    {
      method: 'post', path: '/bonus/economy/rebuild', access: 'admin',
      handler: async (ctx) => services.economy.rebuildFor({ uid: ctx.uid }, (ctx.body as { repair?: unknown } | undefined)?.repair === true),
    },
  ];
}
