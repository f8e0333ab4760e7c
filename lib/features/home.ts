import type { FeatureFactory } from '../feature';
import { adminHomePage, homePage } from '../http/home';

/** The program's home page, its navigation item and the ACP entry. */
export const homeFeature: FeatureFactory = (host, services) => ({
  name: 'home',
  pages: [
    { path: '/bonus', access: 'member', handler: (ctx) => homePage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus', access: 'admin', handler: (ctx) => adminHomePage(services, ctx) },
  ],
  filters: {
    'filter:navigation.available': async (items) => [
      ...items,
      {
        route: '/bonus',
        title: '[[bonus:nav.title]]',
        enabled: false,
        iconClass: 'fa-star',
        textClass: 'd-lg-none',
        text: '[[bonus:nav.title]]',
      },
    ],
    'filter:admin.header.build': async (header) => {
      header.plugins.push({ route: '/plugins/bonus', icon: 'fa-star', name: '[[bonus:admin.menu]]' });
      return header;
    },
  },
  actions: {
    'action:post.save': async ({ post }) => {
      host.log.info(`[bonus] post ${post.pid} saved`);
    },
  },
});
