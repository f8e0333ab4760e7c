import type { PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { periodById, periodsBack, type PeriodKind } from '../../kernel/periods';
import { zoneOf } from './service';
import { periodText } from '../../kernel/dates';
import { translationToken } from '../../kernel/errors';

const HISTORY = 8;

/** `/bonus/top?kind=week|month&period=2026-W34`: the leaderboard of the current and past periods. */
export async function topPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const s = await services.settings.get();
  const zone = zoneOf(s);
  const now = services.host.clock.now();
  const kind: PeriodKind = ctx.query.kind === 'month' ? 'month' : 'week';
  const periods = Array.from({ length: HISTORY }, (_, i) => periodsBack(kind, now, zone, i));
  const requested = ctx.query.period ? periodById(ctx.query.period, zone) : undefined;
  const selected = requested && requested.kind === kind && requested.start <= now ? requested : periods[0];
  const [ranking, result] = await Promise.all([
    services.top.ranking(kind, selected.id, 20),
    services.top.result(kind, selected.id),
  ]);
  const rows = result ? result.winners : ranking;
  const users = await services.host.users.getUsers(rows.map((r) => r.uid));
  const base = `${ctx.relativePath}/bonus/top`;
  return {
    kind: 'render',
    template: 'bonus/top',
    title: '[[bonus:top.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: `/bonus` }, { text: '[[bonus:top.title]]' }],
    data: {
      kind,
      isWeek: kind === 'week',
      weekUrl: `${base}?kind=week`,
      monthUrl: `${base}?kind=month`,
      periodId: selected.id,
      // the period's dates, not its storage id (`2026-W36`)
      periodTitle: translationToken(`top.period-${kind}`, [periodText(selected.id, ctx.lang).text]),
      isCurrent: selected.id === periods[0].id,
      isPaid: result !== null,
      amount: kind === 'week' ? s.pointsWeekTop : s.pointsMonthTop,
      places: s.topPlaces,
      periods: periods.map((p) => ({ id: p.id, label: periodText(p.id, ctx.lang).text, url: `${base}?kind=${kind}&period=${p.id}`, selected: p.id === selected.id })),
      hasRows: rows.length > 0,
      rows: rows.map((r, i) => ({
        rank: r.rank,
        count: r.count,
        uid: r.uid,
        username: users[i]?.displayname ?? String(r.uid),
        userUrl: `${ctx.relativePath}/user/${users[i]?.userslug ?? ''}`,
        prized: r.rank <= s.topPlaces,
      })),
    },
  };
}
