import type { FeatureFactory } from '../../feature';
import { adminLicencesPage, licencesApi, licencesPage, profileLicencesPage } from './http';

/** "My licences" (issue 19): the member's page and profile tab, the ACP, the API, reminders, deletion. */
export const licencesFeature: FeatureFactory = (host, services) => ({
  name: 'licences',
  pages: [
    { path: '/bonus/licences', access: 'member', handler: (ctx) => licencesPage(services, ctx) },
    { path: '/user/:userslug/bonus-licences', access: 'member', handler: (ctx) => profileLicencesPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/licences', access: 'admin', handler: (ctx) => adminLicencesPage(services, ctx) },
  ],
  api: licencesApi(services),
  jobs: [
    // 30 and 7 days (the setting) before a licence expires: one notification and e-mail each
    { name: 'bonus:licences:reminders', cronTime: '23 10 * * *', onTick: async () => { await services.licences.remind(host.clock.now()); } },
  ],
  actions: {
    // the member's codes, seats and audit lines go with their account
    'static:user.delete': async ({ uid }) => {
      const u = Number(uid);
      if (Number.isSafeInteger(u) && u > 0) await services.licences.deleteMember(u);
    },
  },
  filters: {
    'filter:user.profileMenu': async (payload) => {
      payload.links.push({
        id: 'bonus-licences', route: 'bonus-licences', icon: 'fa-key', name: '[[bonus:licences.title]]',
        visibility: { self: true, other: false, moderator: false, globalMod: false, admin: true },
      });
      return payload;
    },
  },
});
