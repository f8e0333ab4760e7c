import type { FeatureFactory } from '../../feature';
import { adminSellersPage, retailApi, sellersPage } from './http';
import { storePage } from '../catalog';

/** The retail sellers' programme (PROGRAM §9, issue 16): the member's page, the ACP and the write API. */
export const retailFeature: FeatureFactory = (_host, services) => ({
  name: 'retail',
  pages: [
    { path: '/bonus/sellers', access: 'member', handler: (ctx) => sellersPage(services, ctx) },
    // the prize shop: the store page over the sellers' programme's products (issue 16, item 5)
    { path: '/bonus/sellers/prizes', access: 'member', handler: (ctx) => storePage(services, ctx, 'sellers') },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/sellers', access: 'admin', handler: (ctx) => adminSellersPage(services, ctx) },
  ],
  api: retailApi(services),
  actions: {
    // §7.2.4: the tax details and prize records go with the member's other data
    'static:user.delete': async ({ uid }) => {
      const u = Number(uid);
      if (Number.isSafeInteger(u) && u > 0) await services.sellers.tax.deleteMember(u);
    },
  },
  jobs: [
    // the sellers' ledger heals and checks itself as the club's does (lib/modules/ledger/jobs.ts)
    { name: 'bonus:retail:ledger-recover', cronTime: '*/5 * * * *', onTick: async () => { await services.sellers.ledger.recover(); } },
    {
      name: 'bonus:retail:ledger-reconcile', cronTime: '29 3 * * *',
      onTick: async () => {
        const r = await services.sellers.ledger.reconcile();
        const summary = `[bonus] sellers ledger reconcile: ${r.members} members, ${r.repaired.length} repaired, ${r.damage.length} damaged entries, ${r.recovered} recovered`;
        if (r.damage.length > 0) services.host.log.warn(summary);
        else services.host.log.info(summary);
      },
    },
  ],
});
