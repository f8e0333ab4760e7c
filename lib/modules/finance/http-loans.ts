/**
 * Loans (PROGRAM §6): the member's page `/bonus/loans` (apply, repay, their loans), the ACP list
 * `/admin/plugins/bonus/loans?state=…` with totals and approve/reject, the write API, and the small
 * block on the Points page.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import { parseId } from '../../kernel/input';
import type { Services } from '../../services';
import { LOANS_PER_PAGE, type LoanStatus } from './service-loans';
import { pageParam, pagination, whenFor } from '../../kernel/format';
import { formatCount } from '../../kernel/plural';
import { LOAN_VIEWS, type LoanView } from './domain';
import { dateText } from '../../kernel/dates';
import { counted, countedToken } from '../../kernel/errors';
import { mapOk, refusedPage } from '../../kernel/result';
import { formKey } from './http-transfers';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? ctx.body as Record<string, unknown> : {});

function row(l: LoanStatus, timeZone: string, lang: string) {
  // the day in the club's zone, in the page language's format
  const isoDay = (ms: number) => (ms > 0 ? dateText(ms, lang, timeZone) : '');
  return {
    id: l.id,
    amount: l.amount,
    months: l.months,
    outstanding: l.outstanding,
    repaid: l.repaid,
    writtenOff: l.writtenOff,
    // what a write-off did, in the member's words (issue 15, item 14)
    writtenOffNote: l.state === 'written-off' && l.writtenOff > 0 ? countedToken(lang, 'loans.written-off-note', [counted(l.writtenOff)]) : '',
    view: l.view,
    viewText: `[[bonus:loans.state.${l.view}]]`,
    createdText: isoDay(l.createdAt),
    dueText: isoDay(l.dueAt),
    // The due date is the first instant of the day after the last day to pay: show that last day.
    lastDayText: isoDay(l.dueAt > 0 ? l.dueAt - 1 : 0),
    open: l.state === 'open',
    pending: l.state === 'pending',
    overdue: l.view === 'overdue',
  };
}

/** The Points page block: the member's open (or pending) loan, if any. */
export async function loanBlock(services: Services, uid: number, relativePath: string, lang = 'en-GB') {
  const [loan, s] = await Promise.all([services.loans.currentOf(uid), services.settings.get()]);
  return loan ? { ...row(loan, s.timeZone, lang), url: `${relativePath}/bonus/loans` } : null;
}

/** `/bonus/loans`: apply (allowed roles), repay the open loan, the member's loans. */
export async function loansPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const s = await services.settings.get();
  const [mayBorrow, current, listed, balance] = await Promise.all([
    services.loans.mayBorrow(ctx.uid), services.loans.currentOf(ctx.uid), services.loans.listOf({ uid: ctx.uid }, ctx.uid), services.ledger.balance(ctx.uid),
  ]);
  if (!listed.ok) return refusedPage(listed);
  const loans = listed.value;
  return {
    kind: 'render', template: 'bonus/loans', title: '[[bonus:loans.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: '[[bonus:loans.title]]' }],
    data: {
      mayBorrow,
      canApply: mayBorrow && !current,
      maxAmount: s.loanMaxAmount,
      maxMonths: s.loanMaxMonths,
      approvalText: `[[bonus:loans.approval.${s.loanApproval}]]`,
      spendable: balance.spendable,
      current: current ? row(current, s.timeZone, ctx.lang) : null,
      formKey: formKey(),
      loans: loans.map((l) => row(l, s.timeZone, ctx.lang)),
      hasLoans: loans.length > 0,
    },
  };
}

/** `/admin/plugins/bonus/loans?state=`: loans of one state with the totals of every state. */
export async function adminLoansPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const asked = String(ctx.query.state ?? 'pending');
  const view: LoanView = (LOAN_VIEWS as readonly string[]).includes(asked) ? asked as LoanView : 'pending';
  const page = pageParam(ctx.query.page);
  const listed = await services.loans.listByView({ uid: ctx.uid }, view, page);
  if (!listed.ok) return refusedPage(listed);
  const { loans, counts, total, summary, stale } = listed.value;
  const s = await services.settings.get();
  const when = await whenFor(services, ctx.lang);
  const users = await services.host.users.getUsers(loans.map((l) => l.uid));
  // beside each application: what the admin weighs (issue 15, item 14)
  const applicants = await Promise.all(loans.map(async (l) => {
    if (l.state !== 'pending') return null;
    const admin = { uid: ctx.uid };
    const [balance, pastLoans, warned] = await Promise.all([
      services.ledger.balance(l.uid), services.loans.listOf(admin, l.uid), services.warnings.listOf(admin, l.uid),
    ]);
    // the admin was let through listByView: neither list can refuse them
    const earlier = (pastLoans.ok ? pastLoans.value : []).filter((p) => p.id !== l.id);
    const warnings = warned.ok ? warned.value : [];
    return {
      spendable: balance.spendable,
      pastLoans: earlier.length,
      writtenOff: earlier.filter((p) => p.state === 'written-off').length,
      warnings: warnings.filter((w) => !w.revokedAt).length,
    };
  }));
  return {
    kind: 'render', template: 'admin/plugins/bonus-loans', title: '[[bonus:loans.admin-title]]',
    data: {
      views: LOAN_VIEWS.map((v) => ({
        view: v, text: `[[bonus:loans.state.${v}]]`, url: `${ctx.relativePath}/admin/plugins/bonus/loans?state=${v}`,
        active: v === view, count: counts[v],
        // the money totals as the loans job last counted them (hourly): reading every loan per page view would not scale
        total: summary ? { count: summary.views[v].count, amount: formatCount(ctx.lang, summary.views[v].amount), outstanding: formatCount(ctx.lang, summary.views[v].outstanding) } : null,
      })),
      hasSummary: summary !== null,
      summaryStale: stale,
      summaryAt: summary ? when(summary.at) : '',
      pagination: pagination(page, total, LOANS_PER_PAGE, (p) => `${ctx.relativePath}/admin/plugins/bonus/loans?state=${view}&page=${p}`),
      viewText: `[[bonus:loans.state.${view}]]`,
      loans: loans.map((l, i) => ({
        ...row(l, s.timeZone, ctx.lang), member: users[i]?.username ?? String(l.uid), memberUrl: `${ctx.relativePath}/user/${encodeURIComponent(users[i]?.userslug ?? '')}`,
        applicant: applicants[i], hasApplicant: applicants[i] !== null,
      })),
      hasLoans: loans.length > 0,
    },
  };
}

/** The loan's id in the path; one that is not an id is no loan (the service answers "not found"). */
const idParam = (ctx: ApiContext) => parseId(ctx.params.id) ?? 0;

export function loansApi(services: Services): ApiRoute[] {
  return [
    { method: 'post', path: '/bonus/loans', access: 'member', handler: async (ctx) => mapOk(await services.loans.apply({ uid: ctx.uid }, body(ctx)), (loan) => ({ loan })) },
    {
      method: 'post', path: '/bonus/loans/:id/repay', access: 'member',
      handler: async (ctx) => mapOk(await services.loans.repay({ uid: ctx.uid }, { ...body(ctx), id: idParam(ctx) }), (loan) => ({ loan })),
    },
    { method: 'post', path: '/bonus/loans/:id/approve', access: 'admin', handler: async (ctx) => mapOk(await services.loans.approve({ uid: ctx.uid }, idParam(ctx)), (loan) => ({ loan })) },
    { method: 'post', path: '/bonus/loans/:id/reject', access: 'admin', handler: async (ctx) => mapOk(await services.loans.reject({ uid: ctx.uid }, idParam(ctx)), (loan) => ({ loan })) },
  ];
}
