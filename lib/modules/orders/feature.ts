import type { FeatureFactory } from '../../feature';
import { ordersRecoverJob } from './jobs';
import { cartApi, cartPage, checkoutPage } from './http-cart';
import { orderPage, ordersApi, ordersPage, purchasesPage } from './http';
import { adminOrdersPage, ordersAdminApi } from './http-admin';

/** Cart, checkout and orders (issue 6): member pages, write API, the recovery and codes job. */
export const ordersFeature: FeatureFactory = (_host, services) => ({
  name: 'orders',
  pages: [
    { path: '/bonus/cart', access: 'member', handler: (ctx) => cartPage(services, ctx) },
    { path: '/bonus/checkout', access: 'member', handler: (ctx) => checkoutPage(services, ctx) },
    { path: '/bonus/orders', access: 'member', handler: (ctx) => ordersPage(services, ctx) },
    { path: '/bonus/orders/:id', access: 'member', handler: (ctx) => orderPage(services, ctx) },
    { path: '/bonus/purchases', access: 'member', handler: (ctx) => purchasesPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/orders', access: 'admin', handler: (ctx) => adminOrdersPage(services, ctx) },
  ],
  api: [...cartApi(services), ...ordersApi(services), ...ordersAdminApi(services)],
  jobs: [ordersRecoverJob(services.checkout, services.orders)],
});
