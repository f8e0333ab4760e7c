import type { FeatureFactory } from '../../feature';
import { productPage, storeApi, storePage } from './http';
import { catalogAdminApi, catalogEditPage, catalogListPage } from './http-admin';

/** The store catalog (issue 5): store and product pages, add to cart, the ACP catalog and its API. */
export const storeFeature: FeatureFactory = (_host, services) => ({
  name: 'store',
  pages: [
    { path: '/bonus/store', access: 'member', handler: (ctx) => storePage(services, ctx) },
    { path: '/bonus/store/product/:id', access: 'member', handler: (ctx) => productPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/catalog', access: 'admin', handler: (ctx) => catalogListPage(services, ctx) },
    { path: '/admin/plugins/bonus/catalog/:id', access: 'admin', handler: (ctx) => catalogEditPage(services, ctx) },
  ],
  api: [...storeApi(services), ...catalogAdminApi(services)],
});
