import type { FeatureFactory } from '../../feature';
import { adminTypesPage, myRequestsPage, newRequestPage, queuePage, requestPage, requestsApi } from './http';

/** Support requests (issue 20): the member's pages, the staff queue, the API. */
export const requestsFeature: FeatureFactory = (host, services) => ({
  name: 'requests',
  pages: [
    { path: '/bonus/requests', access: 'member', handler: (ctx) => myRequestsPage(services, ctx) },
    { path: '/bonus/requests/new', access: 'member', handler: (ctx) => newRequestPage(services, ctx) },
    { path: '/bonus/requests/queue', access: 'member', handler: (ctx) => queuePage(services, ctx) },
    { path: '/bonus/requests/:id', access: 'member', handler: (ctx) => requestPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/requests', access: 'admin', handler: (ctx) => adminTypesPage(services, ctx) },
  ],
  api: requestsApi(services),
  jobs: [
    // reminders while a request waits for the member, then the automatic close; stale uploads removed
    { name: 'bonus:requests:daily', cronTime: '41 9 * * *', onTick: async () => {
      await services.requests.runJob();
      await services.requests.removeLooseFiles(host.clock.now());
    } },
  ],
});
