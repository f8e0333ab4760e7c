/**
 * "My licences" over HTTP (issue 19): the member's page `/bonus/licences` and profile tab
 * `/user/:userslug/bonus-licences` (the member, or an admin: read-only), the ACP
 * `/admin/plugins/bonus/licences` (imports, search, audit, cycling, one member's export) and the API.
 * Codes are masked in every page and JSON; the whole code travels only in the owner's reveal answer
 * and to admins. Products are admin-written words: shown escaped, never keys.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { countedToken, counted, translationToken } from '../../kernel/errors';
import { mapOk, ok, refusedPage, refused } from '../../kernel/result';
import { dateText, dateTimeText } from '../../kernel/dates';
import { localized } from '../catalog';
import { maskCode } from './domain';
import { LICENCE_IMPORT_CHUNK, type Holding } from './service';

const DAY = 24 * 60 * 60 * 1000;
/** The "expires soon" mark: within this many days. */
const SOON_DAYS = 30;

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body as Record<string, unknown> : {});

/** One holding as pages and JSON show it: masked, with its texts in the reader's language. */
export function holdingView(h: Holding, lang: string, timeZone: string, now: number, rp: string) {
  const product = h.product === null ? '' : typeof h.product === 'string' ? h.product : localized(h.product, lang);
  const expired = h.expiresAt !== null && h.expiresAt <= now;
  const daysLeft = h.expiresAt !== null && !expired ? Math.ceil((h.expiresAt - now) / DAY) : null;
  return {
    id: h.id, masked: maskCode(h.code), product, hasProduct: product !== '', verified: h.verified,
    source: h.source, fromOrder: h.source === 'order' || h.orderId !== null, orderId: h.orderId ?? 0, orderUrl: h.orderId ? `${rp}/bonus/orders/${h.orderId}` : '',
    added: new Date(h.addedAt).toISOString(), addedText: dateText(h.addedAt, lang, timeZone),
    termText: h.termMonths !== null ? countedToken(lang, 'licences.term-months', [counted(h.termMonths, 'months.count')]) : '',
    hasExpiry: h.expiresAt !== null, expiresText: h.expiresAt !== null ? dateText(h.expiresAt, lang, timeZone) : '', expired,
    soon: daysLeft !== null && daysLeft <= SOON_DAYS,
    daysLeft: daysLeft !== null ? countedToken(lang, 'licences.days-left', [counted(daysLeft, 'days.count')]) : '',
    seatsText: h.seats !== null ? countedToken(lang, 'licences.seats', [h.holders, counted(h.seats, 'accounts.gen')]) : '',
  };
}

async function listData(services: Services, uid: number, lang: string, rp: string) {
  const [list, s] = await Promise.all([services.licences.list(uid), services.settings.get()]);
  const now = services.host.clock.now();
  return { licences: list.map((h) => holdingView(h, lang, s.timeZone, now, rp)), hasLicences: list.length > 0 };
}

/** `/bonus/licences`: the member's codes, the add form, remove with "I agree". */
export async function licencesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const data = await listData(services, ctx.uid, ctx.lang, ctx.relativePath);
  return {
    kind: 'render', template: 'bonus/licences', title: '[[bonus:licences.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:licences.title]]' }],
    data: { ...data, isOwner: true, purchasesUrl: `${ctx.relativePath}/bonus/purchases`, storeUrl: `${ctx.relativePath}/bonus/store` },
  };
}

/** `/user/:userslug/bonus-licences`: the same list in the profile, for the member or an admin (read-only). */
export async function profileLicencesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const uid = await services.host.users.getUidByUserslug(ctx.params.userslug ?? '');
  if (!uid) return { kind: 'not-found' };
  const isOwner = uid === ctx.uid;
  if (!isOwner && !(await services.host.privileges.isAdmin(ctx.uid))) return { kind: 'forbidden' };
  const data = await listData(services, uid, ctx.lang, ctx.relativePath);
  return {
    kind: 'render', template: 'account/bonus-licences', title: '[[bonus:licences.title]]',
    breadcrumbs: [{ text: ctx.params.userslug ?? '', url: `/user/${encodeURIComponent(ctx.params.userslug ?? '')}` }, { text: '[[bonus:licences.title]]' }],
    data: { ...data, isOwner, purchasesUrl: `${ctx.relativePath}/bonus/purchases`, storeUrl: `${ctx.relativePath}/bonus/store`, adminUrl: `${ctx.relativePath}/admin/plugins/bonus/licences` },
  };
}

const AUDIT_ACTIONS = ['add', 'remove', 'refused-cycling'] as const;

/** `/admin/plugins/bonus/licences[?code=]`: registry and blacklist imports, a code's holders, the audit trail. */
export async function adminLicencesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const caller = { uid: ctx.uid };
  const [overview, s] = await Promise.all([services.licences.overview(caller), services.settings.get()]);
  if (!overview.ok) return refusedPage(overview);
  const o = overview.value;
  const query = typeof ctx.query.code === 'string' ? ctx.query.code.slice(0, 100) : '';
  const found = query ? await services.licences.search(caller, query) : null;
  const uids = new Set<number>([...o.audit.map((a) => a.uid), ...o.audit.map((a) => a.actorUid), ...o.cycling.map((c) => c.uid)]);
  if (found?.ok) {
    found.value.holders.forEach((h) => uids.add(h.uid));
    found.value.audit.forEach((a) => uids.add(a.uid));
    if (found.value.buyer) uids.add(found.value.buyer.uid);
  }
  const list = [...uids].filter((u) => u > 0);
  const users = await services.host.users.getUsers(list);
  const member = (uid: number) => {
    const u = users[list.indexOf(uid)];
    return { uid, name: u?.username ?? `#${uid}`, url: u?.userslug ? `${ctx.relativePath}/user/${encodeURIComponent(u.userslug)}/bonus-licences` : '' };
  };
  const when = (at: number) => dateTimeText(at, ctx.lang, s.timeZone);
  const auditRow = (a: (typeof o.audit)[number]) => ({
    at: when(a.at), member: member(a.uid), code: a.code, searchUrl: `${ctx.relativePath}/admin/plugins/bonus/licences?code=${encodeURIComponent(a.code)}`,
    action: `[[bonus:licences.audit.${AUDIT_ACTIONS.includes(a.action) ? a.action : 'add'}]]`, source: a.source.startsWith('order:') ? translationToken('licences.source.order', [a.source.slice(6)]) : '[[bonus:licences.source.hand]]',
  });
  let search: Record<string, unknown> | null = null;
  if (found && !found.ok) search = { error: countedToken(ctx.lang, found.refusal.code, [...found.refusal.args]), hasError: true };
  else if (found?.ok) {
    const f = found.value;
    search = {
      hasError: false, code: f.code, known: f.entry !== null, product: f.entry?.product ?? '', seats: f.entry?.seats ?? 0, term: f.entry?.termMonths ? countedToken(ctx.lang, 'licences.term-months', [counted(f.entry.termMonths, 'months.count')]) : '',
      expires: f.entry?.expiresAt ? dateText(f.entry.expiresAt, ctx.lang, s.timeZone) : '', blacklisted: f.blacklisted,
      buyer: f.buyer ? { ...member(f.buyer.uid), orderId: f.buyer.orderId, orderUrl: `${ctx.relativePath}/bonus/orders/${f.buyer.orderId}` } : null,
      holders: f.holders.map((h) => ({ ...member(h.uid), at: when(h.at) })), hasHolders: f.holders.length > 0 || f.buyer !== null,
      audit: f.audit.map(auditRow), hasAudit: f.audit.length > 0,
    };
  }
  return {
    kind: 'render', template: 'admin/plugins/bonus-licences', title: '[[bonus:licences.admin-title]]',
    data: {
      registryText: countedToken(ctx.lang, 'licences.admin.registry-size', [counted(o.registry, 'codes.count')]),
      blacklistText: countedToken(ctx.lang, 'licences.admin.blacklist-size', [counted(o.blacklist, 'codes.count')]),
      chunk: LICENCE_IMPORT_CHUNK, query, search, hasSearch: search !== null,
      audit: o.audit.map(auditRow), hasAudit: o.audit.length > 0,
      cycling: o.cycling.map((c) => ({ ...member(c.uid), code: c.code, at: when(c.at), searchUrl: `${ctx.relativePath}/admin/plugins/bonus/licences?code=${encodeURIComponent(c.code)}` })),
      hasCycling: o.cycling.length > 0,
      cyclingRule: countedToken(ctx.lang, 'licences.admin.cycling-rule', [counted(s.licencesCyclingLimit, 'times.count'), counted(s.licencesCyclingDays, 'days.count')]),
      settingsUrl: `${ctx.relativePath}/admin/plugins/bonus/settings`,
    },
  };
}

export function licencesApi(services: Services): ApiRoute[] {
  const l = services.licences;
  const view = async (ctx: ApiContext, h: Holding) => {
    const s = await services.settings.get();
    return holdingView(h, ctx.lang, s.timeZone, services.host.clock.now(), ctx.relativePath);
  };
  return [
    { method: 'get', path: '/bonus/licences', access: 'member', handler: async (ctx) => ok(await listData(services, ctx.uid, ctx.lang, ctx.relativePath)) },
    { method: 'post', path: '/bonus/licences', access: 'member', handler: async (ctx) => {
      const r = await l.add({ uid: ctx.uid }, body(ctx).code);
      return r.ok ? ok({ licence: await view(ctx, r.value) }) : r;
    } },
    { method: 'post', path: '/bonus/licences/:id/reveal', access: 'member', handler: async (ctx) => l.reveal({ uid: ctx.uid }, ctx.params.id) },
    { method: 'delete', path: '/bonus/licences/:id', access: 'member', handler: async (ctx) => l.remove({ uid: ctx.uid }, ctx.params.id, body(ctx).agree) },
    { method: 'get', path: '/bonus/licences/export', access: 'member', handler: async (ctx) => l.exportFor({ uid: ctx.uid }, ctx.uid) },
    { method: 'post', path: '/bonus/admin/licences/import', access: 'admin', handler: async (ctx) => mapOk(await l.importLines({ uid: ctx.uid }, body(ctx).list, body(ctx).text, body(ctx).firstLine), (report) => ({ report })) },
    { method: 'get', path: '/bonus/admin/licences/search', access: 'admin', handler: async (ctx) => l.search({ uid: ctx.uid }, ctx.query.code) },
    { method: 'get', path: '/bonus/admin/licences/export', access: 'admin', handler: async (ctx) => {
      const name = typeof ctx.query.member === 'string' ? ctx.query.member.trim() : '';
      const uid = /^\d+$/.test(name) ? Number(name) : (await services.host.users.getUidByUsername(name)) ?? 0;
      if (!(uid > 0)) return refused('error.licences.no-member', [], 'not-found');
      return l.exportFor({ uid: ctx.uid }, uid);
    } },
  ];
}
