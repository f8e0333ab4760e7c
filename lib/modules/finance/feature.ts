import type { FeatureFactory } from '../../feature';
import { adminTransfersPage, charityPage, sendToMemberPage, transferPage, transfersApi } from './http-transfers';
import { adminLoansPage, loansApi, loansPage } from './http-loans';
import { loansJob } from './jobs';

/** Member finance (PROGRAM §6): transfers between members, the charity account, interest-free loans. */
export const financeFeature: FeatureFactory = (_host, services) => ({
  name: 'finance',
  pages: [
    { path: '/bonus/transfer', access: 'member', handler: (ctx) => transferPage(services, ctx) },
    { path: '/bonus/charity', access: 'public', handler: (ctx) => charityPage(services, ctx) },
    { path: '/bonus/loans', access: 'member', handler: (ctx) => loansPage(services, ctx) },
    // The "Send points" item of another member's profile menu: the transfer form, addressed to them.
    { path: '/user/:userslug/bonus-send', access: 'member', handler: (ctx) => sendToMemberPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/transfers', access: 'admin', handler: (ctx) => adminTransfersPage(services, ctx) },
    { path: '/admin/plugins/bonus/loans', access: 'admin', handler: (ctx) => adminLoansPage(services, ctx) },
  ],
  api: [...transfersApi(services), ...loansApi(services)],
  jobs: [loansJob(services)],
  filters: {
    'filter:user.profileMenu': async (payload) => {
      payload.links.push({
        id: 'bonus-send', route: 'bonus-send', icon: 'fa-hand-holding-heart', name: '[[bonus:transfer.send-to-member]]',
        visibility: { self: false, other: true, moderator: true, globalMod: true, admin: true },
      });
      return payload;
    },
  },
});
