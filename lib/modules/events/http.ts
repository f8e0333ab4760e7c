/**
 * The sellers' monthly events over HTTP (issue 17): the contest page `/bonus/sellers/contest[/:month]`
 * (enter, vote in one's own order, results and archive), the draw page `/bonus/sellers/draw[/:month]`
 * (this month's prizes; a past month's frozen lists, hashes, rate, formula, winner and a snippet to
 * recompute it), the ACP `/admin/plugins/bonus/events` and the write API.
 * Captions, category names and prizes are people's words: shown escaped, never keys.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { countedToken, counted } from '../../kernel/errors';
import { mapOk, refusedPage } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import { dateText, dateTimeText, periodText } from '../../kernel/dates';
import { formatCount } from '../../kernel/plural';
import { isMonthId } from './domain-contest';
import { kopecks, listText, neverWinning, positionRanges, recomputeSnippet } from './domain-draw';
import { voterArgs } from './service-contest';
import type { Entry } from './store';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body as Record<string, unknown> : {});
const monthParam = (raw: unknown): string | null => (typeof raw === 'string' && isMonthId(raw) ? raw : null);

async function names(services: Services, uids: number[]): Promise<Map<number, string>> {
  const users = await services.host.users.getUsers(uids);
  return new Map(uids.map((uid, i) => [uid, users[i]?.username ?? `#${uid}`]));
}

/** `/bonus/sellers/contest[/:month]`: this month's contest (enter, vote), or a month's results; the archive. */
export async function contestPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const c = services.contest;
  const s = await services.settings.get();
  const now = services.host.clock.now();
  const current = await c.monthAt(now);
  const asked = ctx.params.month;
  if (asked !== undefined && !monthParam(asked)) return { kind: 'not-found' };
  const month = asked ?? current.id;
  const phase = await c.phase(month);
  const state = await c.store.contest(month);
  const all = await c.store.entries(month);
  const accepted = all.filter((e) => e.status === 'accepted');
  const who = await names(services, all.map((e) => e.uid));
  const isSeller = await services.sellers.isActive(ctx.uid);
  const mine = all.filter((e) => e.uid === ctx.uid);
  const voter = await c.voterStatus(ctx.uid, month, s);
  const entryView = (e: Entry) => ({ id: e.id, image: e.image, caption: e.caption, member: who.get(e.uid) ?? '', own: e.uid === ctx.uid });
  const data: Record<string, unknown> = {
    month, monthText: periodText(month, ctx.lang).text, isOpen: phase === 'open', isJudging: phase === 'judging', isResults: phase === 'results',
    phaseText: `[[bonus:events.phase.${phase}]]`,
    entryPoints: countedToken(ctx.lang, 'events.entry-points', [counted(s.contestEntryPoints, 'sellerpoints.count')]),
    voteRule: countedToken(ctx.lang, 'events.vote-rule', [counted(s.contestVoterMinDays, 'days.gen'), counted(s.contestVoterMinPosts, 'posts.count')]),
    canEnter: phase === 'open' && month === current.id && isSeller && mine.filter((e) => e.status !== 'rejected').length < s.contestEntriesPerMonth,
    maxKb: s.contestImageMaxKb,
    mine: mine.map((e) => ({ ...entryView(e), statusText: `[[bonus:events.entry-status.${e.status}]]`, reason: e.reason, rejected: e.status === 'rejected' })),
    hasMine: mine.length > 0,
    canVote: voter.canVote,
    voteRefusal: voter.canVote || phase !== 'open' ? '' : countedToken(ctx.lang, `events.vote-refusal.${voter.reason}`, voterArgs(voter.reason, s)),
    resultsDue: countedToken(ctx.lang, 'events.results-due', [s.contestResultsDay]),
  };
  if (phase !== 'results') {
    // the voter's own order; no count anywhere before the results
    const ballot = await c.ballot(ctx.uid, month);
    // a juror ranks the entries (best = 1) until the results are published; their own ranking is shown back
    const juror = await c.isJuror(ctx.uid);
    const mineRanked = juror ? (await c.store.rankings(month)).get(ctx.uid) ?? [] : [];
    data.isJuror = juror && ballot.entries.length > 0;
    data.entries = ballot.entries.map((e) => ({ ...entryView(e), voted: ballot.myVote === e.id, rank: mineRanked.indexOf(e.id) + 1 || '' }));
    data.hasEntries = ballot.entries.length > 0;
  } else {
    const places = state.places.map((id, i) => ({ id, place: i + 1 })).filter((p) => p.id !== null);
    const byId = new Map(accepted.map((e) => [e.id, e]));
    const prizes = [s.contestPlace1, s.contestPlace2, s.contestPlace3, s.contestPlace4, s.contestPlace5];
    data.places = places.map((p) => ({ ...entryView(byId.get(p.id!)!), place: p.place, prize: countedToken(ctx.lang, 'events.place-prize', [p.place, counted(prizes[p.place - 1], 'sellerpoints.count')]) }));
    const audience = state.audience ? byId.get(state.audience) : undefined;
    data.audience = audience ? { ...entryView(audience), votes: countedToken(ctx.lang, 'events.votes', [counted(state.counts[String(audience.id)] ?? 0, 'votes.count')]) } : null;
    // every entry with its votes, most first (a tie: the earlier entry)
    data.entries = [...accepted].sort((x, y) => (state.counts[String(y.id)] ?? 0) - (state.counts[String(x.id)] ?? 0) || x.createdAt - y.createdAt || x.id - y.id).map((e) => ({ ...entryView(e), votes: countedToken(ctx.lang, 'events.votes', [counted(state.counts[String(e.id)] ?? 0, 'votes.count')]) }));
    data.hasEntries = accepted.length > 0;
    data.publishedText = dateText(state.publishedAt, ctx.lang, s.timeZone);
  }
  const months = await c.store.contestMonths();
  data.archive = months.map((m) => ({ month: m, text: periodText(m, ctx.lang).text, url: `${ctx.relativePath}/bonus/sellers/contest/${m}`, active: m === month }));
  data.drawUrl = `${ctx.relativePath}/bonus/sellers/draw`;
  return {
    kind: 'render', template: 'bonus/contest', title: '[[bonus:events.contest-title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:retail.title]]', url: '/bonus/sellers' }, { text: '[[bonus:events.contest-title]]' }],
    data,
  };
}

/** The draw of one category as the results page shows it (and the ACP). */
function categoryView(lang: string, state: Awaited<ReturnType<Services['draw']['state']>>, i: number) {
  const c = state.categories[i];
  const l = state.lists.find((x) => x.category === i);
  const r = state.results.find((x) => x.category === i);
  const n = l?.list.length ?? 0;
  const kop = state.rate ? kopecks(state.rate) : 0;
  const never = n > 0 ? neverWinning(n, 1) : [];
  return {
    index: i + 1, name: c.name, prize: c.prize, value: c.value,
    valueText: c.value > 0 ? (c.payAs === 'goods' ? countedToken(lang, 'events.draw-value-goods', [c.value]) : countedToken(lang, 'events.draw-value', [counted(c.value, 'sellerpoints.count')])) : '',
    frozen: !!l, count: countedToken(lang, 'events.participants', [counted(n, 'members.count')]),
    list: (l?.list ?? []).map((p, j) => ({ position: j + 1, username: p.username, uid: p.uid, winner: r ? r.outcome.winnerPosition === j + 1 : false, skipped: r ? r.outcome.skipped.includes(j + 1) : false })),
    listText: l ? listText(l.list) : '', hash: l?.hash ?? '', empty: !!l && n === 0,
    drawn: !!r && n > 0,
    formula: r && state.mode === 'rules' ? `round(${n} / 1 × 0.${String(kop).padStart(2, '0')}) = round(${formatCount('en-GB', Math.round((n * kop) / 100 * 100) / 100)}) = ${r.outcome.raw}` : '',
    raw: r?.outcome.raw ?? 0, rawIsZero: !!r && state.mode === 'rules' && r.outcome.raw === 0,
    position: r?.outcome.position ?? 0, winnerPosition: r?.outcome.winnerPosition ?? 0,
    winner: r && r.winnerUid ? l?.list[r.outcome.winnerPosition - 1]?.username ?? '' : '',
    redrawn: !!r && r.outcome.skipped.length > 0,
    skippedText: r ? r.outcome.skipped.join(', ') : '',
    snippet: recomputeSnippet(state.mode, 1, state.rate || '0.0000'),
    neverCount: never.length, neverText: positionRanges(never), hasNever: never.length > 0,
  };
}

/** `/bonus/sellers/draw[/:month]`: this month's prizes, or a month's results; the archive. */
export async function drawPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const d = services.draw;
  const s = await services.settings.get();
  const current = await d.currentMonth();
  const asked = ctx.params.month;
  if (asked !== undefined && !monthParam(asked)) return { kind: 'not-found' };
  const month = asked ?? current.id;
  const state = await d.state(month);
  const months = await d.months();
  return {
    kind: 'render', template: 'bonus/draw', title: '[[bonus:events.draw-title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:retail.title]]', url: '/bonus/sellers' }, { text: '[[bonus:events.draw-title]]' }],
    data: {
      month, monthText: periodText(month, ctx.lang).text, isCurrent: month === current.id, announced: state.categories.length > 0,
      frozen: state.frozenAt > 0, frozenText: state.frozenAt ? dateTimeText(state.frozenAt, ctx.lang, s.timeZone) : '',
      drawn: state.drawnAt > 0, rate: state.rate, rateDate: state.rateDate, rateRule: s.drawRateRule, rateRuleDefault: s.drawRateRule === '',
      kopecks: state.rate ? String(kopecks(state.rate)).padStart(2, '0') : '',
      isRules: state.mode === 'rules', isFair: state.mode === 'fair',
      categories: state.categories.map((_, i) => categoryView(ctx.lang, state, i)),
      archive: months.map((m) => ({ month: m, text: periodText(m, ctx.lang).text, url: `${ctx.relativePath}/bonus/sellers/draw/${m}`, active: m === month })),
      contestUrl: `${ctx.relativePath}/bonus/sellers/contest`,
    },
  };
}

/** `/admin/plugins/bonus/events?month=`: entries to decide, the jury side by side, places, publication; the draw. */
export async function adminEventsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const c = services.contest;
  const d = services.draw;
  const s = await services.settings.get();
  const now = services.host.clock.now();
  const current = await c.monthAt(now);
  const month = monthParam(ctx.query.month) ?? current.id;
  const [phase, state, entries, draw, jury] = await Promise.all([c.phase(month), c.store.contest(month), c.store.entries(month), d.state(month), c.juryTable({ uid: ctx.uid }, month)]);
  if (!jury.ok) return refusedPage(jury);
  const who = await names(services, [...entries.map((e) => e.uid), ...jury.value.jurors.map((j) => j.uid)]);
  const accepted = entries.filter((e) => e.status === 'accepted');
  const prev = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 2, 1)).toISOString().slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1)).toISOString().slice(0, 7);
  const base = `${ctx.relativePath}/admin/plugins/bonus/events`;
  return {
    kind: 'render', template: 'admin/plugins/bonus-events', title: '[[bonus:events.admin-title]]',
    data: {
      month, monthText: periodText(month, ctx.lang).text, prevUrl: `${base}?month=${prev}`, nextUrl: `${base}?month=${next}`,
      phaseText: `[[bonus:events.phase.${phase}]]`, isOpen: phase === 'open', isJudging: phase === 'judging', isResults: phase === 'results',
      hasPending: entries.some((e) => e.status === 'pending'),
      pending: entries.filter((e) => e.status === 'pending').map((e) => ({ id: e.id, image: e.image, caption: e.caption, member: who.get(e.uid) ?? '', dateText: dateTimeText(e.createdAt, ctx.lang, s.timeZone) })),
      accepted: accepted.map((e) => ({ id: e.id, image: e.image, caption: e.caption, member: who.get(e.uid) ?? '', average: jury.value.averages.has(e.id) ? jury.value.averages.get(e.id)!.toFixed(2) : '—' })),
      jurors: jury.value.jurors.map((j) => ({ member: who.get(j.uid) ?? '', ranking: j.ranking.map((id, i) => ({ rank: i + 1, id, caption: accepted.find((e) => e.id === id)?.caption ?? `#${id}` })) })),
      hasJurors: jury.value.jurors.length > 0,
      places: state.places.map((id, i) => ({ place: i + 1, options: [{ id: 0, text: '—', selected: id === null }, ...accepted.map((e) => ({ id: e.id, text: `#${e.id} ${who.get(e.uid) ?? ''}: ${e.caption}`, selected: id === e.id }))] })),
      canPublish: phase === 'judging',
      draw: {
        announced: draw.categories.length > 0, frozen: draw.frozenAt > 0, drawn: draw.drawnAt > 0, canFreeze: now >= (await c.period(month)).end && !draw.frozenAt && draw.categories.length > 0,
        canAnnounce: !draw.frozenAt,
        categories: Array.from({ length: s.drawCategories }, (_, i) => {
          const c = draw.categories[i] ?? { name: `${i + 1}`, prize: '', value: 0, group: '', minSales: [1, 5, 15, 30][i] ?? 1, payAs: 'goods' as const };
          return { index: i + 1, ...c, payAs: (['goods', 'points'] as const).map((v) => ({ value: v, text: `[[bonus:events.pay-as.${v}]]`, selected: (c.payAs ?? 'points') === v })) };
        }),
        views: draw.categories.map((_, i) => categoryView(ctx.lang, draw, i)),
        resultsUrl: `${ctx.relativePath}/bonus/sellers/draw/${month}`,
      },
    },
  };
}

const idParam = (ctx: ApiContext) => parseId(ctx.params.id) ?? 0;
const monthOf = (ctx: ApiContext) => monthParam(ctx.params.month) ?? '';

export function eventsApi(services: Services): ApiRoute[] {
  const c = services.contest;
  const d = services.draw;
  return [
    { method: 'post', path: '/bonus/sellers/contest/entries', access: 'member', handler: async (ctx) => mapOk(await c.enter({ uid: ctx.uid }, body(ctx)), (e) => ({ id: e.id })) },
    { method: 'put', path: '/bonus/sellers/contest/entries/:id/vote', access: 'member', handler: (ctx) => c.vote({ uid: ctx.uid }, idParam(ctx)) },
    { method: 'put', path: '/bonus/sellers/contest/:month/ranking', access: 'member', handler: (ctx) => c.rank({ uid: ctx.uid }, monthOf(ctx), body(ctx).ranking) },
    { method: 'post', path: '/bonus/admin/events/entries/:id', access: 'admin', handler: async (ctx) => mapOk(await c.decide({ uid: ctx.uid }, idParam(ctx), body(ctx).decision, body(ctx).reason), (e) => ({ id: e.id, status: e.status })) },
    { method: 'put', path: '/bonus/admin/events/contest/:month/places', access: 'admin', handler: (ctx) => c.setPlaces({ uid: ctx.uid }, monthOf(ctx), body(ctx).places) },
    { method: 'post', path: '/bonus/admin/events/contest/:month/publish', access: 'admin', handler: async (ctx) => mapOk(await c.publish({ uid: ctx.uid }, monthOf(ctx)), (x) => ({ published: x.published })) },
    { method: 'put', path: '/bonus/admin/events/draw/:month/prizes', access: 'admin', handler: async (ctx) => mapOk(await d.announce({ uid: ctx.uid }, monthOf(ctx), body(ctx).categories), () => ({ saved: true })) },
    { method: 'post', path: '/bonus/admin/events/draw/:month/freeze', access: 'admin', handler: async (ctx) => mapOk(await d.freeze({ uid: ctx.uid }, monthOf(ctx)), (x) => ({ frozenAt: x.frozenAt })) },
    { method: 'post', path: '/bonus/admin/events/draw/:month/rate', access: 'admin', handler: async (ctx) => mapOk(await d.enterRate({ uid: ctx.uid }, monthOf(ctx), body(ctx)), (x) => ({ drawnAt: x.drawnAt })) },
  ];
}
