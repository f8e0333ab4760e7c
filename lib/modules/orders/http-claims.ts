/**
 * Claims on delivered orders: the thread page (`/bonus/claims/:id`, the member and admins), the
 * claim block of the member's order page, the ACP list (`/admin/plugins/bonus/claims`, open first)
 * and the write API under `/bonus/claims…`.
 */
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import { idParam } from '../../kernel/input';
import type { Services } from '../../services';
import { andThen, mapOk, ok, refusedPage } from '../../kernel/result';
import { CLAIM_LIMITS, CLAIM_PROBLEMS, CLAIM_RESOLUTIONS, refundable } from './domain-claims';
import { refundedPoints } from './domain';
import type { ClaimState } from './service-claims';
import { pageParam, pagination, whenFor, type When } from '../../kernel/format';


async function usernames(services: Services, uids: number[]): Promise<Map<number, string>> {
  const users = await services.host.users.getUsers([...new Set(uids)]);
  return new Map(users.flatMap((u) => (u ? [[u.uid, u.username] as [number, string]] : [])));
}

/** Everything a template or the JSON API shows of one claim. */
export function claimView(s: ClaimState, rp: string, names: Map<number, string>, when: When) {
  const { claim, closing } = s;
  return {
    id: claim.id, url: `${rp}/bonus/claims/${claim.id}`, orderId: claim.orderId, orderUrl: `${rp}/bonus/orders/${claim.orderId}`,
    uid: claim.uid, username: names.get(claim.uid) ?? `#${claim.uid}`,
    problem: claim.problem, description: claim.description,
    photos: claim.photos.map((url, i) => ({ url, n: i + 1 })), hasPhotos: claim.photos.length > 0,
    videoUrl: claim.videoUrl ?? '', hasVideo: claim.videoUrl !== null,
    open: s.open, status: s.open ? 'open' : 'closed',
    date: new Date(claim.createdAt).toISOString(), dateText: when(claim.createdAt),
    closing: closing ? { ...closing, dateText: when(closing.at), date: new Date(closing.at).toISOString(), hasAmount: closing.amount > 0 } : null,
    messages: s.messages.map((m) => ({
      ...m, author: m.fromAdmin ? '' : names.get(m.uid) ?? `#${m.uid}`, date: new Date(m.at).toISOString(), dateText: when(m.at),
    })),
    hasMessages: s.messages.length > 0, messageCount: s.messages.length,
  };
}

async function views(services: Services, states: ClaimState[], rp: string, lang = 'en-GB') {
  const when = await whenFor(services, lang);
  const names = await usernames(services, states.flatMap((s) => [s.claim.uid, ...s.messages.map((m) => m.uid)]));
  return states.map((s) => claimView(s, rp, names, when));
}

/** The claim block of `/bonus/orders/:id`: the report form, the open claim's thread, earlier claims. */
export async function orderClaimsData(services: Services, ctx: RequestContext, orderId: number) {
  const caller = { uid: ctx.uid };
  // the order was shown to this caller: its claims are theirs to see
  const listed = await services.claims.orderClaims(caller, orderId);
  const claims = await views(services, listed.ok ? listed.value : [], ctx.relativePath, ctx.lang);
  const openClaim = claims.find((c) => c.open) ?? null;
  return {
    claims, hasClaims: claims.length > 0, openClaim, hasOpenClaim: openClaim !== null,
    canOpenClaim: await services.claims.canOpen(caller, orderId),
    claimForm: claimFormData(),
  };
}

function claimFormData() {
  return {
    problems: CLAIM_PROBLEMS.map((value) => ({ value })), descriptionMin: CLAIM_LIMITS.descriptionMin,
    descriptionMax: CLAIM_LIMITS.descriptionMax, photosMax: CLAIM_LIMITS.photosMax, messageMax: CLAIM_LIMITS.messageMax,
  };
}

export async function claimPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const viewed = await services.claims.mustView({ uid: ctx.uid }, idParam(ctx.params.id));
  if (!viewed.ok) return refusedPage(viewed);
  const state = viewed.value;
  const [claim] = await views(services, [state], rp, ctx.lang);
  const isAdmin = await services.host.privileges.isAdmin(ctx.uid);
  let maxRefund = 0;
  if (isAdmin && !state.recorded) {
    const order = await services.orders.state(state.claim.orderId);
    if (order) maxRefund = refundable(order.order.total, refundedPoints(order.order, order.refundedLines), await services.claims.refundedByOtherClaims(order.order.id, state.claim.id));
  }
  return {
    kind: 'render', template: 'bonus/claim', title: `[[bonus:claim.title, ${claim.id}]]`,
    breadcrumbs: [
      { text: '[[bonus:orders.title]]', url: `/bonus/orders` },
      { text: `[[bonus:order.title, ${claim.orderId}]]`, url: `/bonus/orders/${claim.orderId}` },
      { text: `[[bonus:claim.title, ${claim.id}]]` },
    ],
    data: {
      claim, isAdmin, isOwner: state.claim.uid === ctx.uid, canReply: state.open, canClose: isAdmin && !state.recorded,
      resolutions: CLAIM_RESOLUTIONS.map((value) => ({ value })), maxRefund, ...claimFormData(),
      adminListUrl: `${rp}/admin/plugins/bonus/claims`,
    },
  };
}

/** Claims per page of the ACP list. */
export const ADMIN_CLAIMS_PER_PAGE = 50;

export async function adminClaimsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const status = ctx.query.status === 'open' || ctx.query.status === 'closed' ? ctx.query.status : '';
  const pageNo = pageParam(ctx.query.page);
  const listed = await services.claims.listPage({ uid: ctx.uid }, { status }, { start: (pageNo - 1) * ADMIN_CLAIMS_PER_PAGE, count: ADMIN_CLAIMS_PER_PAGE });
  if (!listed.ok) return refusedPage(listed);
  const { rows: states, total } = listed.value;
  const rows = await views(services, states, rp, ctx.lang);
  const pageUrl = (n: number) => `${rp}/admin/plugins/bonus/claims?${new URLSearchParams({ status, page: String(n) }).toString()}`;
  return {
    kind: 'render', template: 'admin/plugins/bonus-claims', title: '[[admin/plugins/bonus:claims.title]]',
    data: {
      rows, hasRows: rows.length > 0, status,
      pagination: pagination(pageNo, total, ADMIN_CLAIMS_PER_PAGE, pageUrl),
      statuses: ['open', 'closed'].map((value) => ({ value, selected: value === status })),
      homeUrl: `${rp}/admin/plugins/bonus`,
    },
  };
}

/** One claim as the API answers it. */
async function claimResponse(services: Services, ctx: RequestContext, state: ClaimState) {
  const [claim] = await views(services, [state], ctx.relativePath, ctx.lang);
  return ok(claim);
}

export const claimsApi = (services: Services): ApiRoute[] => [
  { method: 'get', path: '/bonus/claims', access: 'member', handler: async (ctx) => andThen(await services.claims.memberClaims({ uid: ctx.uid }), async (states) => ok({ claims: await views(services, states, ctx.relativePath, ctx.lang) })) },
  {
    // a page at a time, as the ACP page (issue 13, item 6: it read every claim)
    method: 'get', path: '/bonus/admin/claims', access: 'admin', handler: async (ctx) => {
      const status = ctx.query.status ?? '';
      const pageNo = pageParam(ctx.query.page);
      const listed = await services.claims.listPage({ uid: ctx.uid }, { status }, { start: (pageNo - 1) * ADMIN_CLAIMS_PER_PAGE, count: ADMIN_CLAIMS_PER_PAGE });
      if (!listed.ok) return listed;
      const { rows, total } = listed.value;
      const url = (n: number) => `${ctx.relativePath}/api/v3/plugins/bonus/admin/claims?${new URLSearchParams({ status, page: String(n) }).toString()}`;
      return ok({ claims: await views(services, rows, ctx.relativePath, ctx.lang), pagination: pagination(pageNo, total, ADMIN_CLAIMS_PER_PAGE, url) });
    },
  },
  {
    method: 'post', path: '/bonus/claims', access: 'member',
    handler: async (ctx) => andThen(await services.claims.open({ uid: ctx.uid }, ctx.body, ctx.relativePath), (state) => claimResponse(services, ctx, state)),
  },
  {
    method: 'get', path: '/bonus/claims/:id', access: 'member',
    handler: async (ctx) => andThen(await services.claims.mustView({ uid: ctx.uid }, idParam(ctx.params.id)), (state) => claimResponse(services, ctx, state)),
  },
  {
    method: 'post', path: '/bonus/claims/:id/messages', access: 'member', handler: async (ctx) => mapOk(await services.claims.addMessage({ uid: ctx.uid }, idParam(ctx.params.id), ctx.body), (message) => ({ message })),
  },
  {
    method: 'put', path: '/bonus/claims/:id/resolution', access: 'admin',
    handler: async (ctx) => andThen(await services.claims.close({ uid: ctx.uid }, idParam(ctx.params.id), ctx.body), (state) => claimResponse(services, ctx, state)),
  },
];
