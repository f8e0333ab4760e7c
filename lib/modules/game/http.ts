/**
 * The box-code game over HTTP (issue 18 items 3–5): the page `/bonus/sellers/game` (plays left, the
 * canvas, the month's leaderboard, the seller's last games) and the API: start a play, submit its
 * replay. The browser module is static/client/bonus/game.js with the simulation compiled from
 * domain-sim.ts (static/client/bonus/game/domain-sim.js).
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { countedToken, counted } from '../../kernel/errors';
import { mapOk } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import { dateTimeText, periodText } from '../../kernel/dates';
import { formatCount } from '../../kernel/plural';

const idParam = (ctx: ApiContext) => parseId(ctx.params.id) ?? 0;

/** `/bonus/sellers/game`: plays left, the game, this month's best verified scores. */
export async function gamePage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const g = services.game;
  const s = await services.settings.get();
  const now = services.host.clock.now();
  const month = await g.month(now);
  const isSeller = await services.sellers.isActive(ctx.uid);
  const plays = isSeller ? await g.playsLeft(ctx.uid) : 0;
  const board = await g.leaderboard(month, 10);
  const mine = isSeller ? await g.store.sessions(ctx.uid, 5) : [];
  const users = await services.host.users.getUsers(board.map((r) => r.uid));
  return {
    kind: 'render', template: 'bonus/game', title: '[[bonus:game.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:retail.title]]', url: '/bonus/sellers' }, { text: '[[bonus:game.title]]' }],
    data: {
      isSeller, plays, canPlay: isSeller && plays > 0,
      playsText: countedToken(ctx.lang, 'game.plays-left', [counted(plays, 'plays.count')]),
      rule: countedToken(ctx.lang, 'game.rule', [s.gamePointsDivisor]),
      monthText: periodText(month, ctx.lang).text,
      board: board.map((r, i) => ({ place: i + 1, username: users[i]?.username ?? `#${r.uid}`, score: formatCount(ctx.lang, r.score), own: r.uid === ctx.uid })),
      hasBoard: board.length > 0,
      mine: mine.map((x) => ({
        id: x.id, when: dateTimeText(x.startedAt, ctx.lang, s.timeZone), statusText: `[[bonus:game.status.${x.status === 'started' && now > x.expiresAt ? 'expired' : x.status}]]`,
        score: x.status === 'paid' ? formatCount(ctx.lang, x.score) : '', points: x.status === 'paid' ? countedToken(ctx.lang, 'game.points', [counted(x.points, 'sellerpoints.count')]) : '',
      })),
      hasMine: mine.length > 0,
    },
  };
}

export function gameApi(services: Services): ApiRoute[] {
  const g = services.game;
  return [
    {
      method: 'post', path: '/bonus/sellers/game/sessions', access: 'member',
      handler: async (ctx) => mapOk(await g.start({ uid: ctx.uid }), (st) => ({ ...st, playsText: countedToken(ctx.lang, 'game.plays-left', [counted(st.playsLeft, 'plays.count')]) })),
    },
    {
      method: 'post', path: '/bonus/sellers/game/sessions/:id', access: 'member',
      handler: async (ctx) => mapOk(await g.submit({ uid: ctx.uid }, idParam(ctx), ctx.body), (v) => ({
        ...v, pointsText: countedToken(ctx.lang, 'game.points', [counted(v.points, 'sellerpoints.count')]),
      })),
    },
  ];
}
