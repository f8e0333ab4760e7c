import type { FilterWidgetRender, WidgetDefinition } from '../../host/hooks';
import type { Host } from '../../host/index';
import type { Services } from '../../services';

/** The widget's id: NodeBB fires `filter:widget.render:bonus-points` for it (plugin.json names the hook). */
export const POINTS_WIDGET = 'bonus-points';

/**
 * `filter:widgets.getWidgets`: "My points" among the widgets an admin can place (ACP › Extend ›
 * Widgets). NodeBB shows the name, description and form as given, untranslated; the payload (a list)
 * does not say who reads the ACP, so they are in the forum's language.
 */
export async function addPointsWidget(host: Host, widgets: WidgetDefinition[]): Promise<WidgetDefinition[]> {
  const lang = await host.translator.defaultLanguage();
  const [name, description, content] = await Promise.all([
    host.translator.translate('[[bonus:widget.points.name]]', lang),
    host.translator.translate('[[bonus:widget.points.description]]', lang),
    host.http.renderTemplate('admin/partials/widgets/bonus-points', {}, lang),
  ]);
  return [...widgets, { widget: POINTS_WIDGET, name, description, content }];
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
