import type { FeatureFactory } from '../../feature';
import { moderationActions, moderationFilters } from './hooks';
import { allWarningsPage, issueWarningApi, warningCostApi, memberWarningsPage, myWarningsPage, revokeWarningApi } from './http';

/** The warning centre and ban penalties (PROGRAM §3). */
export const warningsFeature: FeatureFactory = (_host, services) => ({
  name: 'warnings',
  pages: [
    { path: '/bonus/warnings', access: 'member', handler: (ctx) => myWarningsPage(services, ctx) },
    { path: '/bonus/warnings/all', access: 'member', handler: (ctx) => allWarningsPage(services, ctx) },
    // The profile menu's "Warnings" link (filter:user.profileMenu routes are below /user/:userslug).
    { path: '/user/:userslug/bonus-warnings', access: 'member', handler: (ctx) => memberWarningsPage(services, ctx) },
  ],
  api: [
    { method: 'post', path: '/bonus/warnings', access: 'member', handler: (ctx) => issueWarningApi(services, ctx) },
    { method: 'get', path: '/bonus/warnings/cost', access: 'member', handler: (ctx) => warningCostApi(services, ctx) },
    { method: 'post', path: '/bonus/warnings/:id/revoke', access: 'admin', handler: (ctx) => revokeWarningApi(services, ctx) },
  ],
  actions: moderationActions(services),
  filters: moderationFilters(services),
});
