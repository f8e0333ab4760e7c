/**
 * Support requests over HTTP (issue 20): the member's pages `/bonus/requests` (my requests),
 * `/bonus/requests/new` (the five steps) and `/bonus/requests/:id` (the conversation), the staff
 * queue `/bonus/requests/queue`, and the API. A request is plugin data only: no topic, post or chat
 * is ever made of it, so it cannot show in topics, search, profiles or unread counts. Anyone but the
 * requester and staff gets "not found". Types' names are keys (defaults) or an admin's words (escaped);
 * subjects, descriptions and messages are the member's or staff's words, always escaped.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { countedToken, counted } from '../../kernel/errors';
import { mapOk, ok, refused, refusedPage } from '../../kernel/result';
import { idParam, parseId } from '../../kernel/input';
import { dateTimeText } from '../../kernel/dates';
import { localized } from '../catalog';
import { DAY, HOUR, firstReplyTime, LIMITS, STATUSES, stepsFor, textIn, typeText, type Draft, type QueueFilter, type RequestType, type Status } from './domain';
import type { StoredRequest } from './store';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body as Record<string, unknown> : {});

/** A type's name or help for a template: `key` (a `[[bonus:…]]` token, shown with tx) or `text` (escaped). */
function typeWords(ty: RequestType, which: 'name' | 'help', lang: string): { key: string; text: string } {
  const t = typeText(ty, which);
  return 'key' in t ? { key: `[[bonus:${t.key}]]`, text: '' } : { key: '', text: textIn(t.text, lang) };
}

export function typeView(ty: RequestType, lang: string) {
  const name = typeWords(ty, 'name', lang);
  const help = typeWords(ty, 'help', lang);
  return {
    id: ty.id, nameKey: name.key, name: name.text, helpKey: help.key, help: help.text,
    subject: ty.subject, subjectOptional: ty.subjectOptional, fileRequired: ty.fileRequired, asksSystem: ty.asksSystem,
    steps: stepsFor(ty).join(','),
  };
}

/** A status as its reader says it: staff read "waiting for the member" where the member reads "waiting for your reply". */
const statusKey = (s: Status, staff = false) => `[[bonus:requests.status.${STATUSES.includes(s) ? s : 'new'}${staff && s === 'member' ? '-staff' : ''}]]`;

function durationToken(lang: string, ms: number): string {
  if (ms >= DAY) return countedToken(lang, 'requests.duration', [counted(Math.floor(ms / DAY), 'days.count')]);
  if (ms >= HOUR) return countedToken(lang, 'requests.duration', [counted(Math.floor(ms / HOUR), 'hours.count')]);
  return countedToken(lang, 'requests.duration', [counted(Math.max(1, Math.ceil(ms / 60_000)), 'minutes.count')]);
}

async function names(services: Services, uids: number[]): Promise<(uid: number) => string> {
  const list = [...new Set(uids.filter((u) => u > 0))];
  const users = await services.host.users.getUsers(list);
  return (uid) => users[list.indexOf(uid)]?.username ?? `#${uid}`;
}

async function rowView(services: Services, r: StoredRequest, types: Map<string, RequestType>, lang: string, rp: string, name: (uid: number) => string, staff = false) {
  const s = await services.settings.get();
  const ty = types.get(r.draft.typeId ?? '');
  const tn = ty ? typeWords(ty, 'name', lang) : { key: '[[bonus:requests.type-unknown]]', text: '' };
  const first = firstReplyTime(r.createdAt, r);
  return {
    id: r.id, url: `${rp}/bonus/requests/${r.id}`, subject: r.draft.subject ?? '', typeKey: tn.key, typeName: tn.text,
    status: r.status, statusKey: statusKey(r.status, staff), closed: r.status === 'closed',
    created: new Date(r.createdAt).toISOString(), createdText: dateTimeText(r.createdAt, lang, s.timeZone),
    member: name(r.uid), assignee: r.assignee ? name(r.assignee) : '', hasAssignee: !!r.assignee,
    firstReply: first === undefined ? '' : durationToken(lang, first), hasFirstReply: first !== undefined,
  };
}

async function typeMap(services: Services): Promise<Map<string, RequestType>> {
  return new Map((await services.requests.types()).map((t) => [t.id, t]));
}

/**
 * Claims on delivered orders (issue 20 item 6, the first step of folding them in): listed with the
 * member's requests and, for admins (who decide them), in the queue; each links to its claim page,
 * where everything claims do today (messages, refunds, closing) keeps working as it is.
 */
async function claimRows(services: Services, list: Awaited<ReturnType<Services['claims']['memberClaims']>>, ctx: RequestContext, name?: (uid: number) => string) {
  if (!list.ok) return [];
  const s = await services.settings.get();
  return list.value.map((c) => ({
    id: c.claim.id, orderId: c.claim.orderId, url: `${ctx.relativePath}/bonus/claims/${c.claim.id}`, open: c.open,
    statusKey: c.open ? '[[bonus:requests.claim.open]]' : '[[bonus:requests.claim.closed]]',
    created: new Date(c.claim.createdAt).toISOString(), createdText: dateTimeText(c.claim.createdAt, ctx.lang, s.timeZone), member: name ? name(c.claim.uid) : '',
  }));
}

const crumbs = (last?: { text: string; url?: string }) => [
  { text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:requests.title]]', ...(last ? { url: '/bonus/requests' } : {}) }, ...(last ? [last] : []),
];

/** `/bonus/requests`: the member's own requests, newest first. */
export async function myRequestsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const mine = await services.requests.mine({ uid: ctx.uid });
  if (!mine.ok) return refusedPage(mine);
  const [types, name, staff] = await Promise.all([typeMap(services), names(services, mine.value.flatMap((r) => [r.uid, r.assignee ?? 0])), services.requests.isStaff(ctx.uid)]);
  const rows = await Promise.all(mine.value.map((r) => rowView(services, r, types, ctx.lang, ctx.relativePath, name)));
  const claims = await claimRows(services, await services.claims.memberClaims({ uid: ctx.uid }), ctx);
  return {
    kind: 'render', template: 'bonus/requests', title: '[[bonus:requests.title]]', breadcrumbs: crumbs(),
    data: { requests: rows, hasRequests: rows.length > 0, claims, hasClaims: claims.length > 0, ordersUrl: `${ctx.relativePath}/bonus/orders`, newUrl: `${ctx.relativePath}/bonus/requests/new`, isStaff: staff, queueUrl: `${ctx.relativePath}/bonus/requests/queue` },
  };
}

/** `/bonus/requests/new`: the five steps; the types, the member's licences and orders, the limits. */
export async function newRequestPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const [types, choices, opts] = await Promise.all([services.requests.types(), services.requests.choices({ uid: ctx.uid }), services.requests.opts()]);
  const s = await services.settings.get();
  const title = (t: unknown) => (t === null || t === undefined ? '' : typeof t === 'string' ? t : localized(t as { 'en-GB': string; ru: string }, ctx.lang));
  return {
    kind: 'render', template: 'bonus/request-new', title: '[[bonus:requests.new-title]]', breadcrumbs: crumbs({ text: '[[bonus:requests.new-title]]' }),
    data: {
      uid: ctx.uid,
      types: types.filter((t) => t.enabled).map((t) => typeView(t, ctx.lang)),
      licences: choices.licences.map((l) => ({ id: l.id, label: l.label, title: title(l.title) })), hasLicences: choices.licences.length > 0,
      orders: choices.orders.map((o) => ({ id: o.id, label: o.label, title: title(o.title), at: dateTimeText(o.at, ctx.lang, s.timeZone) })), hasOrders: choices.orders.length > 0,
      limits: LIMITS, maxFileKb: Math.floor((opts.maxFileBytes ?? 2 * 1024 * 1024) / 1024),
      listUrl: `${ctx.relativePath}/bonus/requests`, licencesUrl: `${ctx.relativePath}/bonus/licences`,
    },
  };
}

/** `/bonus/requests/:id`: the conversation, for the requester (no internal notes) and staff. */
export async function requestPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const id = idParam(ctx.params.id);
  if (!id) return { kind: 'not-found' };
  const v = await services.requests.view({ uid: ctx.uid }, id);
  if (!v.ok) return refusedPage(v);
  const { request: r, messages, staff } = v.value;
  const asStaff = staff && r.uid !== ctx.uid;
  const [types, s, opts, staffUids] = await Promise.all([typeMap(services), services.settings.get(), services.requests.opts(), asStaff ? services.requests.handlersOf(r) : Promise.resolve([])]);
  const name = await names(services, [r.uid, r.assignee ?? 0, ...messages.map((m) => m.uid), ...staffUids]);
  const row = await rowView(services, r, types, ctx.lang, ctx.relativePath, name, asStaff);
  const files = await services.requests.files(r);
  const ty = types.get(r.draft.typeId ?? '');
  const choices = r.uid === ctx.uid ? await services.requests.choices({ uid: ctx.uid }) : { licences: [], orders: [] };
  const licence = r.draft.licenceId ? choices.licences.find((l) => l.id === r.draft.licenceId)?.label ?? '' : '';
  const canReopen = r.status === 'closed' && (asStaff || ctx.uid === r.uid && ctx.uid > 0 && services.host.clock.now() - (r.closedAt ?? r.statusAt) <= opts.timing.reopenWindow);
  return {
    kind: 'render', template: 'bonus/request', title: countedToken(ctx.lang, 'requests.number', [r.id]), breadcrumbs: crumbs({ text: countedToken(ctx.lang, 'requests.number', [r.id]) }),
    data: {
      request: {
        ...row, description: r.draft.description ?? '', os: r.draft.os ?? '', version: r.draft.version ?? '', hasSystem: !!(r.draft.os || r.draft.version),
        orderId: r.draft.orderId ?? 0, orderUrl: r.draft.orderId ? `${ctx.relativePath}/bonus/orders/${r.draft.orderId}` : '', hasLicence: !!r.draft.licenceId, licence: licence || r.draft.licenceId || '',
        attachments: files.map((f) => ({ name: f.name, size: countedToken(ctx.lang, 'requests.file-size', [Math.max(1, Math.ceil(f.size / 1024))]), url: `${ctx.relativePath}/api/v3/plugins/bonus/requests/${r.id}/attachments/${f.fid}` })), hasAttachments: files.length > 0,
        helpKey: ty ? typeWords(ty, 'help', ctx.lang).key : '',
      },
      messages: await Promise.all(messages.map(async (m) => {
        const mf = (await Promise.all((m.attachments ?? []).map((fid) => services.requests.store.file(fid)))).filter((f): f is NonNullable<typeof f> => f !== null && f.requestId === r.id);
        return {
          who: name(m.uid), staff: m.staff, internal: m.internal, text: m.text, at: new Date(m.at).toISOString(), atText: dateTimeText(m.at, ctx.lang, s.timeZone),
          files: mf.map((f) => ({ name: f.name, size: countedToken(ctx.lang, 'requests.file-size', [Math.max(1, Math.ceil(f.size / 1024))]), url: `${ctx.relativePath}/api/v3/plugins/bonus/requests/${r.id}/attachments/${f.fid}` })),
          hasFiles: mf.length > 0,
        };
      })),
      hasMessages: messages.length > 0,
      isStaff: asStaff, canWrite: r.status !== 'closed', canReopen, canClose: r.status !== 'closed',
      staffList: staffUids.map((u) => ({ uid: u, name: name(u), selected: u === r.assignee })),
      ...await (async () => {
        const savedReplies = asStaff ? await services.requests.store.savedReplies() : [];
        return { savedReplies, hasSavedReplies: savedReplies.length > 0 };
      })(),
      maxMessage: LIMITS.message, maxFileKb: Math.floor((opts.maxFileBytes ?? 2 * 1024 * 1024) / 1024), listUrl: `${ctx.relativePath}/bonus/requests`, queueUrl: `${ctx.relativePath}/bonus/requests/queue`,
    },
  };
}

/** `/bonus/requests/queue?type=&status=&assignee=&age=`: every request for staff; anyone else "not found". */
export async function queuePage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const q = ctx.query;
  const filter: QueueFilter = {};
  if (q.type) filter.typeId = String(q.type);
  if (q.status && (STATUSES as readonly string[]).includes(String(q.status))) filter.status = q.status as Status;
  if (q.assignee !== undefined && /^\d+$/.test(String(q.assignee))) filter.assignee = Number(q.assignee);
  if (q.age && /^\d+$/.test(String(q.age))) filter.olderThan = Number(q.age) * DAY;
  const list = await services.requests.queue({ uid: ctx.uid }, filter);
  if (!list.ok) return refusedPage(list);
  const [types, staffUids, admin] = await Promise.all([typeMap(services), services.requests.staffMembers(), services.host.privileges.isAdmin(ctx.uid)]);
  // admins decide claims: the open ones (all of them when the filter asks for closed requests) with the order problems
  const claimsShown = admin && (filter.typeId === undefined || filter.typeId === 'order') && filter.assignee === undefined;
  const claimList = claimsShown ? await services.claims.list({ uid: ctx.uid }, { status: filter.status === 'closed' ? 'closed' : filter.status ? 'open' : '' }) : null;
  const name = await names(services, [...list.value.flatMap((r) => [r.uid, r.assignee ?? 0]), ...staffUids, ...(claimList?.ok ? claimList.value.map((c) => c.claim.uid) : [])]);
  const rows = await Promise.all(list.value.map((r) => rowView(services, r, types, ctx.lang, ctx.relativePath, name, true)));
  const claims = claimList ? await claimRows(services, claimList, ctx, name) : [];
  return {
    kind: 'render', template: 'bonus/requests-queue', title: '[[bonus:requests.queue-title]]', breadcrumbs: crumbs({ text: '[[bonus:requests.queue-title]]' }),
    data: {
      requests: rows, hasRequests: rows.length > 0,
      types: [...types.values()].map((t) => ({ ...typeView(t, ctx.lang), selected: t.id === filter.typeId })),
      statuses: STATUSES.map((st) => ({ value: st, key: statusKey(st, true), selected: st === filter.status })),
      staffList: staffUids.map((u) => ({ uid: u, name: name(u), selected: u === filter.assignee })), unassigned: filter.assignee === 0,
      age: filter.olderThan ? filter.olderThan / DAY : '',
      savedReplies: await services.requests.store.savedReplies(),
      claims, hasClaims: claims.length > 0, claimsAdminUrl: `${ctx.relativePath}/admin/plugins/bonus/claims`, isAdmin: admin,
      queueUrl: `${ctx.relativePath}/bonus/requests/queue`,
    },
  };
}

/** `/admin/plugins/bonus/requests`: the request types (defaults and the admin's own), each editable in both languages. */
export async function adminTypesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const [types, groups] = await Promise.all([services.requests.types(), services.requests.handlerGroups()]);
  const subjects = ['none', 'licence', 'order', 'licence-or-order'] as const;
  // "who handles it": the general handlers, or a group (its name is the admin's own words, shown escaped)
  const handlers = (current: string) => [
    { value: 'staff', key: '[[bonus:requests.admin.handled-staff]]', name: '', selected: current === 'staff' },
    ...groups.map((g) => ({ value: g, key: '', name: g, selected: current === g })),
  ];
  return {
    kind: 'render', template: 'admin/plugins/bonus-requests', title: '[[bonus:requests.admin-title]]',
    data: {
      types: types.map((t) => {
        const v = typeView(t, ctx.lang);
        return {
          ...v, enabled: t.enabled, order: t.order, isDefault: !t.name,
          nameEn: t.name?.['en-GB'] ?? '', nameRu: t.name?.ru ?? '', helpEn: t.help?.['en-GB'] ?? '', helpRu: t.help?.ru ?? '',
          subjects: subjects.map((value) => ({ value, key: `[[bonus:requests.subject.${value}]]`, selected: t.subject === value })),
          handlers: handlers(t.handledBy || 'staff'),
        };
      }),
      subjects: subjects.map((value) => ({ value, key: `[[bonus:requests.subject.${value}]]`, selected: value === 'none' })),
      handlers: handlers('staff'),
      settingsUrl: `${ctx.relativePath}/admin/plugins/bonus/settings`, queueUrl: `${ctx.relativePath}/bonus/requests/queue`,
    },
  };
}

/**
 * An order problem about a delivered order's wrong or damaged items (issue 20, item 6): the request
 * is the order's claim, opened through the claims as their own form opens it (one open claim an
 * order, the buyer only, delivered orders only, its refund decided in it), the draft's checks first.
 * The member's key makes a repeat open one claim. The claim's page is its conversation; My requests
 * and the staff queue list it as the order problem it is.
 */
async function orderClaim(services: Services, ctx: ApiContext, draft: Draft, problem: unknown, key: unknown) {
  const types = await services.requests.types();
  const ty = types.find((t) => t.id === draft.typeId);
  if (!ty || ty.subject !== 'order' || draft.orderId === undefined) return refused('error.requests.draft.order-required');
  if ((draft.attachments ?? []).length > 0) return refused('error.requests.claim-files');
  const problems = await services.requests.problems(ctx.uid, draft);
  if (problems.length) return refused(`error.requests.draft.${problems[0].reason}`);
  const description = [draft.subject ?? '', draft.description ?? ''].map((x) => x.trim()).filter(Boolean).join('\n\n');
  const claimKey = typeof key === 'string' ? key : `request-${ctx.uid}-${services.host.clock.now()}`;
  const opened = await services.claims.open({ uid: ctx.uid }, { orderId: draft.orderId, problem, description, photos: [], key: claimKey }, ctx.relativePath);
  return mapOk(opened, (c) => ({ id: c.claim.id, url: `${ctx.relativePath}/bonus/claims/${c.claim.id}`, claim: true }));
}

/** The draft as the API accepts it: known fields only, strings trimmed to their limits by the rules. */
function draftOf(x: unknown): Draft {
  const d = x && typeof x === 'object' && !Array.isArray(x) ? x as Record<string, unknown> : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const out: Draft = { typeId: str(d.typeId), subject: str(d.subject), description: str(d.description), os: str(d.os), version: str(d.version) };
  if (typeof d.licenceId === 'string' && d.licenceId) out.licenceId = d.licenceId;
  if ((typeof d.orderId === 'number' || typeof d.orderId === 'string') && /^\d+$/.test(String(d.orderId))) out.orderId = Number(d.orderId);
  if (Array.isArray(d.attachments)) out.attachments = d.attachments.filter((a): a is string => typeof a === 'string');
  for (const k of Object.keys(out) as (keyof Draft)[]) if (out[k] === undefined) delete out[k];
  return out;
}

export function requestsApi(services: Services): ApiRoute[] {
  const r = services.requests;
  const id = (ctx: ApiContext) => idParam(ctx.params.id);
  const brief = (x: StoredRequest) => ({ id: x.id, status: x.status });
  return [
    { method: 'get', path: '/bonus/requests', access: 'member', handler: async (ctx) => {
      const mine = await r.mine({ uid: ctx.uid });
      return mine.ok ? ok({ requests: mine.value.map((x) => ({ id: x.id, status: x.status, subject: x.draft.subject ?? '', typeId: x.draft.typeId ?? '', createdAt: x.createdAt })) }) : mine;
    } },
    { method: 'post', path: '/bonus/requests', access: 'member', handler: async (ctx) => {
      const key = body(ctx).key;
      const problem = body(ctx).claimProblem;
      if (problem !== undefined && problem !== '') return orderClaim(services, ctx, draftOf(body(ctx).draft), problem, key);
      const done = await r.submit({ uid: ctx.uid }, draftOf(body(ctx).draft), typeof key === 'string' ? key : undefined);
      return done.ok ? ok({ id: done.value.id, url: `${ctx.relativePath}/bonus/requests/${done.value.id}` }) : done;
    } },
    { method: 'post', path: '/bonus/requests/check', access: 'member', handler: async (ctx) => {
      const step = parseId(body(ctx).step) ?? 5;
      const first = (await r.problems(ctx.uid, draftOf(body(ctx).draft))).find((p) => p.step <= step);
      return ok({ problem: first ? await services.host.translator.translate(`[[bonus:error.requests.draft.${first.reason}]]`, ctx.lang) : '' });
    } },
    { method: 'put', path: '/bonus/admin/requests/types/:typeId', access: 'admin', handler: async (ctx) => r.saveType({ uid: ctx.uid }, ctx.params.typeId, body(ctx)) },
    { method: 'delete', path: '/bonus/admin/requests/types/:typeId', access: 'admin', handler: async (ctx) => r.deleteType({ uid: ctx.uid }, ctx.params.typeId) },
    { method: 'get', path: '/bonus/requests/saved-replies', access: 'member', handler: async (ctx) => mapOk(await r.savedReplies({ uid: ctx.uid }), (replies) => ({ replies })) },
    { method: 'post', path: '/bonus/requests/saved-replies', access: 'member', handler: async (ctx) => r.addSavedReply({ uid: ctx.uid }, body(ctx).title, body(ctx).text) },
    { method: 'delete', path: '/bonus/requests/saved-replies/:rid', access: 'member', handler: async (ctx) => r.deleteSavedReply({ uid: ctx.uid }, idParam(ctx.params.rid)) },
    { method: 'post', path: '/bonus/requests/files', access: 'member', handler: async (ctx) => r.startFile({ uid: ctx.uid }, body(ctx).name, body(ctx).size) },
    { method: 'post', path: '/bonus/requests/files/:fid/chunks', access: 'member', handler: async (ctx) => r.putChunk({ uid: ctx.uid }, ctx.params.fid, body(ctx).index, body(ctx).data) },
    { method: 'post', path: '/bonus/requests/files/:fid/finish', access: 'member', handler: async (ctx) => r.finishFile({ uid: ctx.uid }, ctx.params.fid) },
    { method: 'delete', path: '/bonus/requests/files/:fid', access: 'member', handler: async (ctx) => r.dropFile({ uid: ctx.uid }, ctx.params.fid) },
    { method: 'get', path: '/bonus/requests/:id/attachments/:fid', access: 'member', download: true, handler: async (ctx) => r.download({ uid: ctx.uid }, id(ctx), ctx.params.fid) },
    { method: 'get', path: '/bonus/requests/:id', access: 'member', handler: async (ctx) => {
      const v = await r.view({ uid: ctx.uid }, id(ctx));
      return v.ok ? ok({ request: v.value.request, messages: v.value.messages }) : v;
    } },
    { method: 'post', path: '/bonus/requests/:id/messages', access: 'member', handler: async (ctx) => {
      const files = Array.isArray(body(ctx).attachments) ? (body(ctx).attachments as unknown[]).filter((a): a is string => typeof a === 'string') : [];
      const done = await r.post({ uid: ctx.uid }, id(ctx), String(body(ctx).text ?? ''), body(ctx).internal === true, files);
      return done.ok ? ok(brief(done.value)) : done;
    } },
    { method: 'post', path: '/bonus/requests/:id/close', access: 'member', handler: async (ctx) => {
      const done = await r.close({ uid: ctx.uid }, id(ctx));
      return done.ok ? ok(brief(done.value)) : done;
    } },
    { method: 'post', path: '/bonus/requests/:id/reopen', access: 'member', handler: async (ctx) => {
      const done = await r.reopen({ uid: ctx.uid }, id(ctx));
      return done.ok ? ok(brief(done.value)) : done;
    } },
    { method: 'put', path: '/bonus/requests/:id/assignee', access: 'member', handler: async (ctx) => {
      const done = await r.assign({ uid: ctx.uid }, id(ctx), parseId(body(ctx).uid) ?? 0);
      return done.ok ? ok({ id: done.value.id, assignee: done.value.assignee ?? 0 }) : done;
    } },
  ];
}
