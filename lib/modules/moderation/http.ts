import type { ApiContext, PageResult, RequestContext } from '../../host/index';
import { ok, refused, refusedPage } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import type { Services } from '../../services';
import type { Warning } from './service';
import { randomUUID } from 'node:crypto';
import { counted, countedToken } from '../../kernel/errors';
import { whenFor } from '../../kernel/format';

async function rows(services: Services, ctx: RequestContext, warnings: Warning[], canRevoke: boolean) {
  const when = await whenFor(services, ctx.lang);
  const uids = [...new Set(warnings.flatMap((w) => [w.uid, w.byUid]))];
  const users = await services.host.users.getUsers(uids);
  const name = (uid: number) => users[uids.indexOf(uid)]?.displayname ?? String(uid);
  const slug = (uid: number) => users[uids.indexOf(uid)]?.userslug ?? '';
  return warnings.map((w) => ({
    id: w.id,
    member: name(w.uid),
    memberUrl: `${ctx.relativePath}/user/${slug(w.uid)}`,
    moderator: name(w.byUid),
    reason: w.reason,
    amount: w.amount,
    createdAt: new Date(w.createdAt).toISOString(),
    createdAtText: when(w.createdAt),
    hasPost: w.pid > 0,
    postUrl: `${ctx.relativePath}${services.host.content.postPath(w.pid)}`,
    revoked: w.revokedAt > 0,
    canRevoke: canRevoke && w.revokedAt === 0,
  }));
}

/** `/bonus/warnings`: the member's own warnings. */
export async function myWarningsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const listed = await services.warnings.listOf({ uid: ctx.uid }, ctx.uid);
  if (!listed.ok) return refusedPage(listed);
  const warnings = listed.value;
  const isMod = await services.host.privileges.isModeratorAnywhere(ctx.uid);
  return render(ctx, '[[bonus:warnings.mine]]', {
    all: false, isModerator: isMod, allUrl: `${ctx.relativePath}/bonus/warnings/all`,
    warnings: await rows(services, ctx, warnings, false), hasWarnings: warnings.length > 0,
  });
}

/** `/bonus/warnings/all`: every warning, for moderators; admins may revoke. */
export async function allWarningsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  if (!(await services.host.privileges.isModeratorAnywhere(ctx.uid))) return { kind: 'forbidden' };
  const listed = await services.warnings.listAll({ uid: ctx.uid });
  if (!listed.ok) return refusedPage(listed);
  const { warnings } = listed.value;
  const isAdmin = await services.host.privileges.isAdmin(ctx.uid);
  const pid = parseId(ctx.query.pid) ?? 0;
  const uid = parseId(ctx.query.uid) ?? 0;
  return render(ctx, '[[bonus:warnings.all]]', {
    all: true, isModerator: true, allUrl: `${ctx.relativePath}/bonus/warnings/all`,
    warnings: await rows(services, ctx, warnings, isAdmin), hasWarnings: warnings.length > 0,
    form: { pid: Number.isSafeInteger(pid) && pid > 0 ? pid : '', username: await usernameOf(services, uid), key: randomUUID(), cost: await costOf(services, ctx.lang) },
  });
}

/** `/user/:userslug/bonus-warnings`: a member's warnings (the member or a moderator), with the warn form for moderators. */
export async function memberWarningsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const uid = await services.host.users.getUidByUserslug(ctx.params.userslug ?? '');
  if (!uid) return { kind: 'not-found' };
  const isMod = await services.host.privileges.isModeratorAnywhere(ctx.uid);
  if (uid !== ctx.uid && !isMod) return { kind: 'forbidden' };
  const listed = await services.warnings.listOf({ uid: ctx.uid }, uid);
  if (!listed.ok) return refusedPage(listed);
  const warnings = listed.value;
  const isAdmin = await services.host.privileges.isAdmin(ctx.uid);
  return render(ctx, '[[bonus:warnings.title]]', {
    all: false, isModerator: isMod, allUrl: `${ctx.relativePath}/bonus/warnings/all`,
    warnings: await rows(services, ctx, warnings, isAdmin), hasWarnings: warnings.length > 0,
    form: uid !== ctx.uid && (await services.warnings.canWarn({ uid: ctx.uid })) && (await services.warnings.mayWarnMember(ctx.uid, uid))
      ? { uid, member: await usernameOf(services, uid), pid: '', key: randomUUID(), cost: await costOf(services, ctx.lang) } : null,
  }, 'account/bonus-warnings');
}

async function usernameOf(services: Services, uid: number): Promise<string> {
  if (!Number.isSafeInteger(uid) || uid <= 0) return '';
  const [user] = await services.host.users.getUsers([uid]);
  return user?.username ?? '';
}

/** What a warning costs the member, said on the warn form (issue 15, item 8). */
async function costOf(services: Services, lang: string): Promise<string> {
  const { penaltyWarning } = await services.settings.get();
  return penaltyWarning > 0 ? countedToken(lang, 'warnings.costs', [counted(penaltyWarning)]) : '[[bonus:warnings.costs-nothing]]';
}

function render(_ctx: RequestContext, title: string, data: Record<string, unknown>, template = 'bonus/warnings'): PageResult {
  return {
    kind: 'render', template, title,
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: title }],
    data,
  };
}

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? ctx.body as Record<string, unknown> : {});

/** `POST /bonus/warnings` {uid | pid, reason}. */
export async function issueWarningApi(services: Services, ctx: ApiContext) {
  return services.warnings.issue({ uid: ctx.uid }, body(ctx));
}

/**
 * `GET /bonus/warnings/cost?pid=` (who may warn for the post): what a warning costs now, written in the moderator's
 * language with its plural form — the post tools' warn dialog says it before the reason is asked.
 */
export async function warningCostApi(services: Services, ctx: ApiContext) {
  // a moderator of the post's category (?pid=), or global staff
  if (!(await services.warnings.canWarn({ uid: ctx.uid }, parseId(ctx.query.pid) ?? 0))) return refused('error.no-privileges', [], 'forbidden');
  return ok({ text: await services.host.translator.translate(await costOf(services, ctx.lang), ctx.lang) });
}

/** `POST /bonus/warnings/:id/revoke` (admins). */
export async function revokeWarningApi(services: Services, ctx: ApiContext) {
  // a non-id is 0, which no warning has: the service answers "not found"
  return services.warnings.revoke({ uid: ctx.uid }, parseId(ctx.params.id) ?? 0);
}
