import type { FeatureFactory } from '../../feature';
import { adminClaimsPage, claimPage, claimsApi } from './http-claims';

/** Claims on delivered orders (issue 6, item 8): the thread page, the ACP list, the write API. */
export const claimsFeature: FeatureFactory = (_host, services) => ({
  name: 'claims',
  pages: [
    { path: '/bonus/claims/:id', access: 'member', handler: (ctx) => claimPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/claims', access: 'admin', handler: (ctx) => adminClaimsPage(services, ctx) },
  ],
  api: claimsApi(services),
});
