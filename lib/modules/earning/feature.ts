import type { FeatureFactory } from '../../feature';
import { earningActions } from './hooks';
import { backfillJob } from './jobs-backfill';
import { birthdaysJob } from './jobs-birthdays';
import { settleJob } from './jobs-settle';
import { topJob } from './jobs-top';
import { topPage } from './http-top';
import { birthdayReindexApi, groupGiftBackfillApi, settingsPage, updateSettingsApi } from '../settings';
import { rewardActions, rewardFilters } from './hooks-rewards';

/** Earning rules: posts with a hold window, birthdays, first group entry, weekly and monthly top-3. */
export const earningFeature: FeatureFactory = (_host, services) => ({
  name: 'earning',
  pages: [
    { path: '/bonus/top', access: 'public', handler: (ctx) => topPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/settings', access: 'admin', handler: (ctx) => settingsPage(services, ctx) },
  ],
  api: [
    { method: 'put', path: '/bonus/settings', access: 'admin', handler: (ctx) => updateSettingsApi(services, ctx) },
    { method: 'post', path: '/bonus/admin/group-gifts/backfill', access: 'admin', handler: (ctx) => groupGiftBackfillApi(services, ctx) },
    { method: 'post', path: '/bonus/admin/birthdays/reindex', access: 'admin', handler: (ctx) => birthdayReindexApi(services, ctx) },
  ],
  jobs: [settleJob(services), backfillJob(services), birthdaysJob(services), topJob(services)],
  actions: { ...earningActions(services), ...rewardActions(services) },
  filters: {
    ...rewardFilters(),
  },
});
