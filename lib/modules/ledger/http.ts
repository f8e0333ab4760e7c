/**
 * The member's "Points" page (`/bonus/points`, and `/user/:userslug/bonus` as a profile tab, visible to
 * the member and to admins), the balance under posts, and the read API for a balance and history.
 */
import { andThen, ok, refusedPage, type Result } from '../../kernel/result';
import { z } from 'zod';
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import type { LedgerEntry, SourceLink } from './domain';
import { signedEffect } from './domain';
import { isPluginToken, translationToken } from '../../kernel/errors';
import { pageParam } from '../../kernel/format';
import { canonicalInt, idSchema, parseInput } from '../../kernel/input';
import { dateText, dateTimeText, periodText } from '../../kernel/dates';
import { zoneOf } from '../earning';
import { loanBlock } from '../finance';
import { signedCount } from '../../kernel/plural';

const pageQuery = z.object({ page: canonicalInt(1, 1_000_000).default(1) });
const uidParam = z.object({ uid: idSchema });

const parse = <T>(schema: z.ZodType<T>, value: unknown): Result<T> => parseInput(schema, value, 'error.points.invalid-request');

/** A reason code → its language key; a full token is used as is. */
export function reasonToken(reason: string): string {
  return reason.startsWith('[[') ? reason : `[[bonus:points.reason.${reason}]]`;
}

export function sourceUrl(source: SourceLink | undefined, relativePath: string, operationsTid: number): string {
  if (!source) return '';
  const id = encodeURIComponent(String(source.id));
  switch (source.type) {
    case 'post': return `${relativePath}/post/${id}`;
    case 'topic': return `${relativePath}/topic/${id}`;
    case 'order': return `${relativePath}/bonus/orders/${id}`;
    case 'operation': return operationsTid ? `${relativePath}/topic/${operationsTid}` : '';
    case 'warning': return `${relativePath}/bonus/warnings`;
    case 'loan': return `${relativePath}/bonus/loans`;
    case 'transfer': return `${relativePath}/bonus/transfer`;
    default: return '';
  }
}

/**
 * What the "source" column says: a link's subject without internal ids (a top period as its dates,
 * an operation or a ban without its key).
 */
export function sourceText(source: SourceLink | undefined, lang: string): string {
  if (!source) return '';
  const id = String(source.id);
  switch (source.type) {
    case 'top': {
      const period = periodText(id.replace(/^(week|month):/, ''), lang);
      return period.kind ? translationToken(`points.source.top-${period.kind}`, [period.text]) : '[[bonus:points.reason.top-week]]';
    }
    case 'operation': return '[[bonus:points.source.operation]]';
    case 'ban': return '[[bonus:points.source.ban]]';
    default: return translationToken(`points.source.${source.type}`, [id.replace(/[,[\]]/g, '')]);
  }
}

interface Reader { lang: string; zone: string }

function historyLine(e: LedgerEntry, relativePath: string, operationsTid: number, reader: Reader) {
  const signed = signedEffect(e);
  // Entries that do not change the credited total are shown in parentheses, muted: pending credits and
  // their cancellation, and an order's reserve and its release (the order's payment is the capture
  // line; showing the reserve as well would count the order twice).
  const pendingOnly = e.kind === 'credit-pending' || e.kind === 'cancel-pending' || e.kind === 'hold' || e.kind === 'release';
  const text = signedCount(reader.lang, signed);
  return {
    id: e.id,
    date: new Date(e.createdAt).toISOString(),
    dateText: dateTimeText(e.createdAt, reader.lang, reader.zone),
    kind: e.kind,
    kindText: `[[bonus:points.kind.${e.kind}]]`,
    amount: signed,
    amountText: pendingOnly ? `(${text})` : text,
    positive: signed > 0,
    muted: pendingOnly,
    reasonText: reasonToken(e.reason),
    ...commentOf(e),
    sourceUrl: sourceUrl(e.source, relativePath, operationsTid),
    sourceText: sourceText(e.source, reader.lang),
  };
}

/**
 * Sources whose comment is always someone's words: an admin's operation comment, a warning's or ban's
 * reason, a group's name. Entries written before those words were wrapped (`userTextToken`) hold them
 * bare, and a bare text that happens to read `[[bonus:…]]` must still be shown as written, so for these
 * sources only the wrapper itself is taken as a token.
 */
const PEOPLES_WORDS = new Set(['operation', 'warning', 'ban', 'group']);
const WRAPPED = /^\[\[bonus:points\.comment-text(?:,[^[\]]*)?\]\]$/;

/** The entry's comment: a token the page translates (`comment`) or text it shows escaped (`commentText`). */
export function commentOf(e: Pick<LedgerEntry, 'comment' | 'source'>): { comment: string; commentText: string } {
  // a top prize's comment is its period's id, which the source already shows as dates
  if (!e.comment || e.source?.type === 'top') return { comment: '', commentText: '' };
  const token = PEOPLES_WORDS.has(e.source?.type ?? '') ? WRAPPED.test(e.comment) : isPluginToken(e.comment);
  return token ? { comment: e.comment, commentText: '' } : { comment: '', commentText: e.comment };
}

/**
 * Pending points of many posts, one line per day they become available (issue 15, item 3): the sum,
 * how many posts, and that day, in the club's zone.
 */
function pendingByDay(pending: { amount: number; maturesAt: number }[], lang: string, zone: string) {
  const days = new Map<string, { amount: number; posts: number; last: number }>();
  // a date written once per quarter of an hour (zones move by whole quarters): hundreds of pending
  // posts fall into a few dozen, and formatting a date is the costly part here
  const texts = new Map<number, string>();
  const dayOf = (ms: number) => {
    const q = Math.floor(ms / 900_000);
    let t = texts.get(q);
    if (t === undefined) texts.set(q, (t = dateText(ms, lang, zone)));
    return t;
  };
  for (const p of [...pending].sort((a, b) => a.maturesAt - b.maturesAt)) {
    const day = dayOf(p.maturesAt);
    const d = days.get(day) ?? { amount: 0, posts: 0, last: 0 };
    days.set(day, { amount: d.amount + p.amount, posts: d.posts + 1, last: Math.max(d.last, p.maturesAt) });
  }
  return [...days.entries()].map(([day, d]) => ({ amount: d.amount, posts: d.posts, dayText: day, maturesAt: new Date(d.last).toISOString() }));
}

/** An active seller's balance in the sellers' programme, with the way to its history and prize shop. */
async function sellerBlock(services: Services, uid: number, relativePath: string) {
  if (!(await services.sellers.isActive(uid))) return null;
  const [b, gate] = await Promise.all([services.sellers.ledger.balance(uid), services.sellers.gate(uid)]);
  return { spendable: b.spendable, gateHave: gate.have, gateNeed: gate.need, url: `${relativePath}/bonus/sellers`, prizesUrl: `${relativePath}/bonus/sellers/prizes` };
}

/** Everything the Points page (and its /api twin and the read API) shows for one member. */
export async function pointsData(services: Services, uid: number, page: number, relativePath: string, basePath: string, lang = 'en-GB') {
  // Points whose hold window has ended show as available even before the settlement job ran.
  await services.earning.settleMember(uid, services.host.clock.now());
  const [balance, history, pending, settings, users, loan, seller] = await Promise.all([
    services.ledger.balance(uid), services.ledger.history(uid, page), services.ledger.pendingAmounts(uid),
    services.settings.get(), services.host.users.getUsers([uid]), loanBlock(services, uid, relativePath, lang),
    sellerBlock(services, uid, relativePath),
  ]);
  const user = users[0];
  const tid = settings.operationsTid;
  const reader = { lang, zone: zoneOf(settings) };
  // A payment is one line (issue 15, item 3): an order's hold shows only while it is a hold; once
  // captured the capture line is the payment, once released neither line changed anything.
  const settled = await Promise.all(history.entries.map((e) => (e.kind === 'hold' ? services.ledger.store.entryByKey(`settle:${e.key}`) : Promise.resolve(null))));
  const shown = history.entries.filter((e, i) => e.kind !== 'release' && !(e.kind === 'hold' && settled[i] !== null));
  return {
    uid,
    username: user?.displayname ?? user?.username ?? '',
    balance,
    negative: balance.posted < 0,
    pending: pendingByDay(pending, lang, reader.zone),
    holdHours: settings.holdWindowHours,
    hasPending: pending.length > 0,
    loan,
    // issue 16, item 1: a balance per programme the member takes part in (the history here is the club's)
    seller,
    financeLinks: {
      transfer: `${relativePath}/bonus/transfer`, loans: `${relativePath}/bonus/loans`, charity: settings.charityUsername ? `${relativePath}/bonus/charity` : '',
    },
    history: shown.map((e) => historyLine(e, relativePath, tid, reader)),
    hasHistory: shown.length > 0,
    pagination: {
      page: history.page,
      prevUrl: history.page > 1 ? `${basePath}?page=${history.page - 1}` : '',
      nextUrl: history.hasOlder ? `${basePath}?page=${history.page + 1}` : '',
      multiple: history.page > 1 || history.hasOlder,
    },
  };
}

/** `/bonus/points`: the caller's own points. */
export async function pointsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  // a bad page query shows the first page (the read API refuses it instead)
  const page = pageParam(ctx.query.page);
  const data = await pointsData(services, ctx.uid, page, ctx.relativePath, `${ctx.relativePath}/bonus/points`, ctx.lang);
  return {
    kind: 'render', template: 'bonus/points', title: '[[bonus:points.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: '[[bonus:points.title]]' }],
    data: { ...data, isSelf: true },
  };
}

/**
 * `/user/:userslug/bonus`: the profile tab; the member themself or an admin. Rendered inside the
 * theme's account layout (`account/bonus-points` imports the theme's account header and footer).
 */
export async function profilePointsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const uid = await services.host.users.getUidByUserslug(ctx.params.userslug ?? '');
  if (!uid) return { kind: 'not-found' };
  const allowed = await services.ledger.assertCanView({ uid: ctx.uid }, uid);
  if (!allowed.ok) return refusedPage(allowed);
  const page = pageParam(ctx.query.page);
  const base = `${ctx.relativePath}/user/${encodeURIComponent(ctx.params.userslug)}/bonus`;
  const data = await pointsData(services, uid, page, ctx.relativePath, base, ctx.lang);
  return {
    kind: 'render', template: 'account/bonus-points', title: '[[bonus:points.title]]',
    breadcrumbs: [{ text: data.username, url: `/user/${encodeURIComponent(ctx.params.userslug)}` }, { text: '[[bonus:points.title]]' }],
    data: { ...data, isSelf: uid === ctx.uid },
  };
}

/** Read API: the caller's balance and history; admins may read any member's. */
export function pointsApi(services: Services): ApiRoute[] {
  const read = async (ctx: ApiContext, uid: number) => {
    const allowed = await services.ledger.assertCanView({ uid: ctx.uid }, uid);
    if (!allowed.ok) return allowed;
    const query = parse(pageQuery, ctx.query);
    if (!query.ok) return query;
    const { page } = query.value;
    await services.earning.settleMember(uid, services.host.clock.now());
    const [balance, history, pending] = await Promise.all([services.ledger.balance(uid), services.ledger.history(uid, page), services.ledger.pending(uid)]);
    return ok({ uid, balance, pending, history });
  };
  return [
    { method: 'get', path: '/bonus/points', access: 'member', handler: async (ctx) => read(ctx, ctx.uid) },
    { method: 'get', path: '/bonus/points/:uid', access: 'member', handler: async (ctx) => andThen(parse(uidParam, ctx.params), (p) => read(ctx, p.uid)) },
  ];
}

/** HTML under each post's author: one batched balance read for all authors of the page's posts. */
export async function balanceBadges(services: Services, uids: number[]): Promise<Map<number, string>> {
  const spendables = await services.ledger.spendables(uids);
  const out = new Map<number, string>();
  for (const [uid, spendable] of spendables) {
    out.set(uid, `<span class="bonus-balance text-xs text-secondary" data-bonus-balance="${spendable}"><i class="fa fa-coins" aria-hidden="true"></i> [[bonus:points.under-post, ${spendable}]]</span>`);
  }
  return out;
}
