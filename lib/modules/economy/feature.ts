import type { FeatureFactory } from '../../feature';
import { economyApi } from './http';
import { membersPage } from './http-members';

/**
 * The economy at a glance (issue 21): the figures' check-and-rebuild (ACP button, nightly job). The
 * dashboard itself is the ACP home's body (lib/modules/home), the member overview its own page.
 */
export const economyFeature: FeatureFactory = (host, services) => ({
  name: 'economy',
  adminPages: [
    { path: '/admin/plugins/bonus/members', access: 'admin', handler: (ctx) => membersPage(services, ctx) },
  ],
  api: economyApi(services),
  jobs: [
    // Nightly, after the ledger's reconcile: recompute the figures from the journal, repair any difference, log it.
    {
      name: 'bonus:economy:rebuild', cronTime: '47 3 * * *',
      onTick: async () => {
        const r = await services.economy.rebuild(true);
        const summary = `[bonus] economy figures: ${r.agree ? 'agree with the journal' : `${r.programmes.reduce((n, p) => n + p.differenceCount, 0)} difference(s)${r.programmes.some((p) => p.repaired) ? ', repaired' : ''}`}`;
        if (r.agree) host.log.info(summary);
        else host.log.warn(summary);
      },
    },
  ],
});
