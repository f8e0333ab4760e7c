import type { FeatureFactory } from '../../feature';
import type { Services } from '../../services';
import { balanceBadges, pointsApi, pointsPage, profilePointsPage } from './http';
import { operationsApi, operationsPage } from '../publishing';
import { reconcileJob, recoverJob } from './jobs';
import { stepsRecoverJob } from './jobs-steps';
import { addPointsWidget, renderNewWidget, renderPointsWidget, renderTopWidget } from './hooks-widget';

/**
 * Collects the uids asked for in one tick (NodeBB fires `filter:posts.custom_profile_info` once per
 * author of a page, in parallel) and reads their balances in one batched read.
 */
function badgeBatcher(services: Services) {
  let queue: { uid: number; resolve: (html: string) => void; reject: (e: unknown) => void }[] = [];
  return (uid: number) => new Promise<string>((resolve, reject) => {
    queue.push({ uid, resolve, reject });
    if (queue.length > 1) return;
    setImmediate(() => {
      const batch = queue;
      queue = [];
      balanceBadges(services, batch.map((q) => q.uid)).then(
        (html) => batch.forEach((q) => q.resolve(html.get(q.uid) ?? '')),
        (err) => batch.forEach((q) => q.reject(err)),
      );
    });
  });
}

/** The points ledger (issue 3): Points page and profile tab, balance under posts, the "My points" widget, ACP Operations, reconcile. */
export const pointsFeature: FeatureFactory = (host, services) => {
  const badge = badgeBatcher(services);
  return {
    name: 'points',
    pages: [
      { path: '/bonus/points', access: 'member', handler: (ctx) => pointsPage(services, ctx) },
      { path: '/user/:userslug/bonus', access: 'member', handler: (ctx) => profilePointsPage(services, ctx) },
    ],
    adminPages: [
      { path: '/admin/plugins/bonus/operations', access: 'admin', handler: (ctx) => operationsPage(services, ctx) },
    ],
    api: [...pointsApi(services), ...operationsApi(services)],
    jobs: [
      reconcileJob(host, services.ledger),
      recoverJob(services.ledger),
      stepsRecoverJob(services),
      // Yesterday's digest of operations in the "Points operations" topic (claimed once per day).
      { name: 'bonus:operations:digest', cronTime: '5 0 * * *', onTick: async () => { await services.operations.publishDigest(host.clock.now()); } },
    ],
    filters: {
      // the "My points" widget (issue 21): offered in ACP › Extend › Widgets, rendered per reader
      'filter:widgets.getWidgets': async (widgets) => addPointsWidget(host, widgets),
      'filter:widget.render:bonus-points': async (payload) => renderPointsWidget(services, payload),
      'filter:widget.render:bonus-top': async (payload) => renderTopWidget(services, payload),
      'filter:widget.render:bonus-new': async (payload) => renderNewWidget(services, payload),
      'filter:user.profileMenu': async (payload) => {
        payload.links.push({
          id: 'bonus-points', route: 'bonus', icon: 'fa-coins', name: '[[bonus:points.title]]',
          visibility: { self: true, other: false, moderator: false, globalMod: false, admin: true },
        });
        return payload;
      },
      'filter:posts.custom_profile_info': async (payload) => {
        const uid = Number(payload.uid);
        if (!Number.isSafeInteger(uid) || uid <= 0) return payload;
        const html = await badge(uid);
        if (!html) return payload;
        // NodeBB ≥ 4.14 no longer translates a page as a whole: the text is translated here, in the
        // reader's language (the request's uid, which NodeBB passes as `caller`).
        const reader = Number(payload.caller?.uid);
        const lang = Number.isSafeInteger(reader) && reader > 0 ? await host.users.getLanguage(reader) : await host.translator.defaultLanguage();
        payload.profile.push({ content: await host.translator.translate(html, lang) });
        return payload;
      },
    },
  };
};
