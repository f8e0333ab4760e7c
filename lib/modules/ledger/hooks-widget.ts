import type { FilterWidgetRender, WidgetDefinition } from '../../host/hooks';
import type { Host } from '../../host/index';
import type { Services } from '../../services';
import { periodsBack, type PeriodKind } from '../../kernel/periods';
import { zoneOf } from '../earning';

/** The widget's id: NodeBB fires `filter:widget.render:bonus-points` for it (plugin.json names the hook). */
export const POINTS_WIDGET = 'bonus-points';

/** The other widgets' ids (`filter:widget.render:bonus-top`, `…:bonus-new`). */
export const TOP_WIDGET = 'bonus-top';
export const NEW_WIDGET = 'bonus-new';

/**
 * `filter:widgets.getWidgets`: "My points", "Top of the week / month" and "New in the store" among the
 * widgets an admin can place (ACP › Extend › Widgets). NodeBB shows the name, description and form as
 * given, untranslated; the payload (a list) does not say who reads the ACP, so they are in the forum's
 * language.
 */
export async function addPointsWidget(host: Host, widgets: WidgetDefinition[]): Promise<WidgetDefinition[]> {
  const lang = await host.translator.defaultLanguage();
  const one = async (widget: string, name: string) => {
    const [title, description, content] = await Promise.all([
      host.translator.translate(`[[bonus:widget.${name}.name]]`, lang),
      host.translator.translate(`[[bonus:widget.${name}.description]]`, lang),
      host.http.renderTemplate(`admin/partials/widgets/${widget}`, {}, lang),
    ]);
    return { widget, name: title, description, content };
  };
  return [...widgets, ...(await Promise.all([one(POINTS_WIDGET, 'points'), one(TOP_WIDGET, 'top'), one(NEW_WIDGET, 'new')]))];
}

/** The widget form's `count` (1–10; the default when missing or not a number). */
function widgetCount(data: Record<string, unknown> | undefined, fallback: number): number {
  const n = Number(data?.count);
  return Number.isSafeInteger(n) && n >= 1 ? Math.min(n, 10) : fallback;
}

/**
 * `filter:widget.render:bonus-top`: the current week's (or month's, as the admin chose in the widget's
 * form) most active members, as the leaderboard ranks them (`/bonus/top`), with their post counts and a
 * link to the leaderboard; the same for every reader, in the page's language.
 */
export async function renderTopWidget(services: Services, payload: FilterWidgetRender): Promise<FilterWidgetRender> {
  const host = services.host;
  const uid = Number(payload.uid);
  const { lang, relativePath: rp } = await host.http.hookRequest(Number.isSafeInteger(uid) && uid > 0 ? uid : 0, payload.req, payload.res);
  const kind: PeriodKind = payload.data?.kind === 'month' ? 'month' : 'week';
  const s = await services.settings.get();
  const period = periodsBack(kind, host.clock.now(), zoneOf(s), 0);
  const rows = (await services.top.ranking(kind, period.id, widgetCount(payload.data, 3)));
  const users = await host.users.getUsers(rows.map((r) => r.uid));
  const data = {
    kind, isWeek: kind === 'week', hasRows: rows.length > 0,
    rows: rows.map((r, i) => ({ rank: r.rank, count: r.count, username: users[i]?.displayname ?? users[i]?.username ?? `#${r.uid}`, userUrl: `${rp}/user/${users[i]?.userslug ?? ''}` })),
    topUrl: `${rp}/bonus/top?kind=${kind}`,
  };
  payload.html = await host.http.renderTemplate('widgets/bonus-top', data, lang);
  return payload;
}

/** `filter:widget.render:bonus-new`: the club store's newest products on sale, with prices and links. */
export async function renderNewWidget(services: Services, payload: FilterWidgetRender): Promise<FilterWidgetRender> {
  const host = services.host;
  const uid = Number(payload.uid);
  const { lang, relativePath: rp } = await host.http.hookRequest(Number.isSafeInteger(uid) && uid > 0 ? uid : 0, payload.req, payload.res);
  const cards = await services.catalog.newest(lang, widgetCount(payload.data, 3));
  const data = {
    hasProducts: cards.length > 0,
    products: cards.map((c) => ({ title: c.title, url: `${rp}/bonus/store/product/${c.id}`, price: c.priceInPoints, isTopUp: c.isTopUp, available: c.available })),
    storeUrl: `${rp}/bonus/store`,
  };
  payload.html = await host.http.renderTemplate('widgets/bonus-new', data, lang);
  return payload;
}

/**
 * `filter:widget.render:bonus-points`: the reader's club balance (spendable and pending) with links to
 * their points and the store; a guest gets a sign-in line. Rendered in the page's language. The balance
 * is read as the home page reads it (`ledger.balance`: points whose hold window has ended are settled
 * first, so the widget and the pages agree).
 */
export async function renderPointsWidget(services: Services, payload: FilterWidgetRender): Promise<FilterWidgetRender> {
  const host = services.host;
  const uid = Number(payload.uid);
  const member = Number.isSafeInteger(uid) && uid > 0;
  const { lang, relativePath: rp } = await host.http.hookRequest(member ? uid : 0, payload.req, payload.res);
  let data: Record<string, unknown> = { member: false, loginUrl: `${rp}/login` };
  if (member) {
    const balance = await services.ledger.balance(uid);
    data = { member: true, balance, negative: balance.spendable < 0, pointsUrl: `${rp}/bonus/points`, storeUrl: `${rp}/bonus/store` };
  }
  payload.html = await host.http.renderTemplate('widgets/bonus-points', data, lang);
  return payload;
}
