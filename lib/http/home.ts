import type { PageResult, RequestContext } from '../host';
import type { Services } from '../services';

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
      links: [
        { url: `${ctx.relativePath}/bonus/points`, icon: 'fa-coins', text: '[[bonus:home.link.points]]' },
        { url: `${ctx.relativePath}/bonus/store`, icon: 'fa-store', text: '[[bonus:home.link.store]]' },
        { url: `${ctx.relativePath}/bonus/top`, icon: 'fa-trophy', text: '[[bonus:home.link.top]]' },
        { url: `${ctx.relativePath}/bonus/transfer`, icon: 'fa-right-left', text: '[[bonus:home.link.transfer]]' },
        { url: `${ctx.relativePath}/bonus/loans`, icon: 'fa-hand-holding-dollar', text: '[[bonus:home.link.loans]]' },
        { url: `${ctx.relativePath}/bonus/charity`, icon: 'fa-heart', text: '[[bonus:home.link.charity]]' },
      ],
    },
  };
}

/** `/admin/plugins/bonus`: the ACP home. */
export async function adminHomePage(_services: Services, ctx: RequestContext): Promise<PageResult> {
  return {
    kind: 'render',
    template: 'admin/plugins/bonus',
    title: '[[bonus:admin.title]]',
    data: {
      sections: [
        { url: `${ctx.relativePath}/admin/plugins/bonus`, text: '[[bonus:admin.section.overview]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/catalog`, text: '[[bonus:admin.section.catalog]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/orders`, text: '[[bonus:admin.section.orders]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/claims`, text: '[[bonus:admin.section.claims]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/settings`, text: '[[bonus:admin.section.settings]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/operations`, text: '[[bonus:admin.section.operations]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/transfers`, text: '[[bonus:admin.section.transfers]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/loans`, text: '[[bonus:admin.section.loans]]' },
      ],
    },
  };
}
