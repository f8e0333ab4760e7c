import type { FeatureFactory } from '../../feature';
import { adminEventsPage, contestPage, drawPage, eventsApi } from './http';

/** The sellers' monthly events (issue 17): the contest and draw pages, their ACP, API and jobs. */
export const eventsFeature: FeatureFactory = (_host, services) => ({
  name: 'events',
  pages: [
    { path: '/bonus/sellers/contest', access: 'member', handler: (ctx) => contestPage(services, ctx) },
    { path: '/bonus/sellers/contest/:month', access: 'member', handler: (ctx) => contestPage(services, ctx) },
    { path: '/bonus/sellers/draw', access: 'member', handler: (ctx) => drawPage(services, ctx) },
    { path: '/bonus/sellers/draw/:month', access: 'member', handler: (ctx) => drawPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/events', access: 'admin', handler: (ctx) => adminEventsPage(services, ctx) },
  ],
  api: eventsApi(services),
  jobs: [
    // the 1st: admins are reminded that last month's contest results are due (once per month)
    { name: 'bonus:events:contest-reminder', cronTime: '7 9 * * *', onTick: async () => { await services.contest.remind(services.host.clock.now()); } },
    // after the month's end: each category's list is frozen (once), before any rate is entered
    { name: 'bonus:events:draw-freeze', cronTime: '17 0 * * *', onTick: async () => { await services.draw.freezeDue(services.host.clock.now()); } },
  ],
});
