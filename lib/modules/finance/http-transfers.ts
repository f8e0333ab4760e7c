/**
 * Transfers (PROGRAM §6): the member's page `/bonus/transfer` (form + their transfers), the public
 * charity page `/bonus/charity`, the ACP list `/admin/plugins/bonus/transfers` with reversal, and
 * the write API.
 */
import { randomUUID } from 'node:crypto';
import { parseId } from '../../kernel/input';
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import type { Transfer } from './store-transfers';
import { mapOk, refusedPage } from '../../kernel/result';
import { formatCount, signedCount } from '../../kernel/plural';
import { pageParam, pagination, whenFor } from '../../kernel/format';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? ctx.body as Record<string, unknown> : {});
/** A fresh idempotency key each time a form is shown: a double submit acts once. */
export const formKey = () => randomUUID().replace(/-/g, '');

async function slugs(services: Services, uids: number[]): Promise<Map<number, { name: string; slug: string }>> {
  const unique = [...new Set(uids)];
  const users = await services.host.users.getUsers(unique);
  return new Map(unique.map((uid, i) => [uid, { name: users[i]?.username ?? String(uid), slug: users[i]?.userslug ?? '' }]));
}

async function rows(services: Services, ctx: RequestContext, transfers: Transfer[], viewer = 0) {
  const when = await whenFor(services, ctx.lang);
  const who = await slugs(services, transfers.flatMap((t) => [t.fromUid, t.toUid]));
  const link = (uid: number) => `${ctx.relativePath}/user/${encodeURIComponent(who.get(uid)?.slug ?? '')}`;
  return transfers.map((t) => {
    const outgoing = t.fromUid === viewer;
    const other = outgoing ? t.toUid : t.fromUid;
    return {
      id: t.id,
      date: new Date(t.createdAt).toISOString(),
      dateText: when(t.createdAt),
      outgoing,
      amountText: viewer ? signedCount(ctx.lang, outgoing ? -t.amount : t.amount) : formatCount(ctx.lang, t.amount),
      other: who.get(other)?.name ?? '',
      otherUrl: link(other),
      from: who.get(t.fromUid)?.name ?? '',
      fromUrl: link(t.fromUid),
      to: who.get(t.toUid)?.name ?? '',
      toUrl: link(t.toUid),
      message: t.message,
      reversed: t.reversedAt > 0,
      done: t.state === 'done',
    };
  });
}

const crumbs = (title: string) => [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: title }];

/** `/bonus/transfer`: the form and the member's transfers (sent and received). */
export async function transferPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const s = await services.settings.get();
  const [canSend, balance, sentToday, listed] = await Promise.all([
    services.transfers.maySend(ctx.uid, s), services.ledger.balance(ctx.uid), services.transfers.sentToday(ctx.uid),
    services.transfers.listOf({ uid: ctx.uid }, ctx.uid),
  ]);
  if (!listed.ok) return refusedPage(listed);
  const transfers = listed.value;
  const to = typeof ctx.query.to === 'string' ? ctx.query.to.slice(0, 200) : '';
  return {
    kind: 'render', template: 'bonus/transfer', title: '[[bonus:transfer.title]]', breadcrumbs: crumbs('[[bonus:transfer.title]]'),
    data: {
      canSend,
      formKey: formKey(),
      to,
      spendable: balance.spendable,
      min: Math.max(1, s.transferMin),
      max: s.transferMax,
      dayLimit: s.transferDayLimit,
      hasDayLimit: s.transferDayLimit > 0,
      sentToday,
      leftToday: Math.max(0, s.transferDayLimit - sentToday),
      // written as the page's language writes numbers ("10 000" in Russian, as the limits beside it)
      leftTodayText: formatCount(ctx.lang, Math.max(0, s.transferDayLimit - sentToday)),
      dayLimitText: formatCount(ctx.lang, s.transferDayLimit),
      charity: s.charityUsername ? { name: s.charityUsername, url: `${ctx.relativePath}/bonus/charity` } : null,
      transfers: await rows(services, ctx, transfers, ctx.uid),
      hasTransfers: transfers.length > 0,
    },
  };
}

/** `/bonus/charity`: the charity account ("Good deed") and what it has received; public. */
export async function charityPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const s = await services.settings.get();
  const uid = s.charityUsername ? await services.host.users.getUidByUsername(s.charityUsername) : null;
  const base = { kind: 'render' as const, template: 'bonus/charity', title: '[[bonus:charity.title]]', breadcrumbs: crumbs('[[bonus:charity.title]]') };
  if (!uid) return { ...base, data: { configured: false } };
  const [received, [user]] = await Promise.all([services.transfers.received(uid), services.host.users.getUsers([uid])]);
  const recent = received.recent.filter((t) => t.reversedAt === 0);
  return {
    ...base,
    data: {
      configured: true,
      name: user?.username ?? s.charityUsername,
      userUrl: `${ctx.relativePath}/user/${encodeURIComponent(user?.userslug ?? '')}`,
      total: received.total,
      donateUrl: `${ctx.relativePath}/bonus/transfer?to=${encodeURIComponent(user?.username ?? s.charityUsername)}`,
      canDonate: ctx.uid > 0 && ctx.uid !== uid,
      recent: (await rows(services, ctx, recent)).map((r) => ({ from: r.from, fromUrl: r.fromUrl, amount: r.amountText, date: r.date, dateText: r.dateText })),
      hasRecent: recent.length > 0,
    },
  };
}

/** `/admin/plugins/bonus/transfers`: every transfer, with reversal. */
export async function adminTransfersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const page = pageParam(ctx.query.page);
  const perPage = 100;
  const listed = await services.transfers.listAll({ uid: ctx.uid }, (page - 1) * perPage, perPage);
  if (!listed.ok) return refusedPage(listed);
  const { transfers, total } = listed.value;
  const pages = pagination(page, total, perPage, (n) => `${ctx.relativePath}/admin/plugins/bonus/transfers?page=${n}`);
  return {
    kind: 'render', template: 'admin/plugins/bonus-transfers', title: '[[bonus:transfer.admin-title]]',
    data: {
      transfers: await rows(services, ctx, transfers),
      hasTransfers: transfers.length > 0,
      total,
      prevUrl: pages.prevUrl,
      nextUrl: pages.nextUrl,
    },
  };
}

/** The transfer's id in the path; one that is not an id is no transfer (the service answers "not found"). */
const idParam = (ctx: ApiContext) => parseId(ctx.params.id) ?? 0;

const publicTransfer = (t: Transfer) => ({ id: t.id, fromUid: t.fromUid, toUid: t.toUid, amount: t.amount, message: t.message, createdAt: t.createdAt, reversed: t.reversedAt > 0 });

export function transfersApi(services: Services): ApiRoute[] {
  return [
    {
      method: 'post', path: '/bonus/transfers', access: 'member',
      handler: async (ctx) => mapOk(await services.transfers.send({ uid: ctx.uid }, body(ctx)), (r) => ({ transfer: publicTransfer(r.transfer), replayed: r.replayed })),
    },
    {
      method: 'post', path: '/bonus/transfers/:id/reverse', access: 'admin',
      handler: async (ctx) => mapOk(await services.transfers.reverse({ uid: ctx.uid }, idParam(ctx)), (r) => ({ transfer: publicTransfer(r.transfer), replayed: r.replayed })),
    },
  ];
}

/** `/user/:userslug/bonus-send` (profile menu): the transfer form with the member filled in. */
export async function sendToMemberPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const uid = await services.host.users.getUidByUserslug(ctx.params.userslug ?? '');
  if (!uid) return { kind: 'not-found' };
  const [user] = await services.host.users.getUsers([uid]);
  if (!user) return { kind: 'not-found' };
  return { kind: 'redirect', to: `/bonus/transfer?to=${encodeURIComponent(user.username)}` };
}
