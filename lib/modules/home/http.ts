import type { PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { counted, countedToken, keyArg, translationToken } from '../../kernel/errors';
import { dashboardData } from '../economy';

/**
 * "How to earn" (issue 15, item 4), built from the settings, so that a newcomer with 0 points learns
 * what to do: which categories earn and how much, the check before points can be spent, the top
 * prizes, the gifts, and what costs points. Translated here: category names are the forum's text.
 */
async function howToEarn(services: Services, lang: string): Promise<{ text: string }[]> {
  const s = await services.settings.get();
  const cats = (await services.host.content.getCategories()).filter((c) => s.earningCids.includes(c.cid) && !c.disabled).map((c) => c.name);
  const groups: [string, number][] = [['activists', s.giftActivists], ['consultants', s.giftConsultants], ['old-timers', s.giftOldTimers], ['club-council', s.giftClubCouncil]];
  const say = (token: string) => services.host.translator.translate(token, lang);
  const gifts = (await Promise.all(groups.filter(([, n]) => n > 0)
    .map(([role, n]) => say(countedToken(lang, 'home.earn.group', [keyArg(`settings.role.${role}`), counted(n)]))))).join(', ');
  const tokens = [
    cats.length ? countedToken(lang, 'home.earn.posts', [counted(s.pointsTopic), counted(s.pointsReply), cats.join(', ')]) : '[[bonus:home.earn.no-categories]]',
    ...(cats.length && s.holdWindowHours > 0 ? [countedToken(lang, 'home.earn.pending', [counted(s.holdWindowHours, 'hours.count')])] : []),
    ...(cats.length && s.minPostLength > 0 ? [countedToken(lang, 'home.earn.min-length', [counted(s.minPostLength, 'chars.count')])] : []),
    ...(cats.length && s.dailyEarningPosts > 0 ? [countedToken(lang, 'home.earn.daily-cap', [counted(s.dailyEarningPosts, 'posts.count')])] : []),
    ...(s.topPlaces > 0 && (s.pointsWeekTop > 0 || s.pointsMonthTop > 0) ? [countedToken(lang, 'home.earn.top', [s.topPlaces, counted(s.pointsWeekTop, 'points.each'), counted(s.pointsMonthTop, 'points.each')])] : []),
    ...(s.pointsBirthday > 0 ? [countedToken(lang, 'home.earn.birthday', [counted(s.pointsBirthday)])] : []),
    ...(gifts ? [translationToken('home.earn.groups', [gifts])] : []),
    countedToken(lang, 'home.earn.costs', [counted(s.penaltyWarning), counted(s.penaltyBan)]),
  ];
  const out: { text: string }[] = [];
  for (const t of tokens) out.push({ text: await say(t) });
  return out;
}

/** `/bonus`: the program's home. */
export async function homePage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const [user] = await services.host.users.getUsers([ctx.uid]);
  return {
    kind: 'render',
    template: 'bonus/home',
    title: '[[bonus:home.title]]',
    breadcrumbs: [{ text: '[[bonus:home.title]]' }],
    data: {
      username: user?.displayname ?? '',
      balance: await services.ledger.balance(ctx.uid),
      earn: await howToEarn(services, ctx.lang),
      links: [
        { url: `${ctx.relativePath}/bonus/points`, icon: 'fa-coins', text: '[[bonus:home.link.points]]' },
        { url: `${ctx.relativePath}/bonus/store`, icon: 'fa-store', text: '[[bonus:home.link.store]]' },
        { url: `${ctx.relativePath}/bonus/top`, icon: 'fa-trophy', text: '[[bonus:home.link.top]]' },
        { url: `${ctx.relativePath}/bonus/transfer`, icon: 'fa-right-left', text: '[[bonus:home.link.transfer]]' },
        { url: `${ctx.relativePath}/bonus/loans`, icon: 'fa-hand-holding-dollar', text: '[[bonus:home.link.loans]]' },
        { url: `${ctx.relativePath}/bonus/charity`, icon: 'fa-heart', text: '[[bonus:home.link.charity]]' },
        { url: `${ctx.relativePath}/bonus/sellers`, icon: 'fa-cash-register', text: '[[bonus:home.link.sellers]]' },
        { url: `${ctx.relativePath}/bonus/licences`, icon: 'fa-key', text: '[[bonus:home.link.licences]]' },
        { url: `${ctx.relativePath}/bonus/requests`, icon: 'fa-life-ring', text: '[[bonus:home.link.requests]]' },
      ],
    },
  };
}

/** `/admin/plugins/bonus`: the ACP home — the economy's dashboard (issue 21) and the section links. */
export async function adminHomePage(services: Services, ctx: RequestContext): Promise<PageResult> {
  return {
    kind: 'render',
    template: 'admin/plugins/bonus',
    title: '[[bonus:admin.title]]',
    data: {
      ...(await dashboardData(services, ctx)),
      // static/openapi.json, where NodeBB serves the plugin's staticDirs (issue 21)
      apiDocUrl: `${ctx.relativePath}/assets/plugins/nodebb-plugin-bonus/static/openapi.json`,
      sections: [
        { url: `${ctx.relativePath}/admin/plugins/bonus`, text: '[[bonus:admin.section.overview]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/catalog`, text: '[[bonus:admin.section.catalog]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/orders`, text: '[[bonus:admin.section.orders]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/claims`, text: '[[bonus:admin.section.claims]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/settings`, text: '[[bonus:admin.section.settings]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/operations`, text: '[[bonus:admin.section.operations]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/transfers`, text: '[[bonus:admin.section.transfers]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/loans`, text: '[[bonus:admin.section.loans]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/sellers`, text: '[[bonus:admin.section.sellers]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/events`, text: '[[bonus:admin.section.events]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/quizzes`, text: '[[bonus:admin.section.quizzes]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/licences`, text: '[[bonus:admin.section.licences]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/requests`, text: '[[bonus:admin.section.requests]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/members`, text: '[[bonus:admin.section.members]]' },
      ],
    },
  };
}
