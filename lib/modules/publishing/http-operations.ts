/**
 * ACP "Operations" (`/admin/plugins/bonus/operations`): award or deduct points for one or many members,
 * the recent operations, and the last reconcile result; its write API.
 */
import { mapOk, refusedPage } from '../../kernel/result';
import { randomUUID } from 'node:crypto';
import type { ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { OPERATION_REASONS } from '../ledger';
import { whenFor } from '../../kernel/format';
import { signedCount } from '../../kernel/plural';

export async function operationsPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const when = await whenFor(services, ctx.lang);
  const caller = { uid: ctx.uid };
  const [listed, reconcile, settings] = await Promise.all([
    services.operations.recent(caller, 20), services.ledger.lastReconcile(), services.settings.get(),
  ]);
  if (!listed.ok) return refusedPage(listed);
  const recent = listed.value;
  return {
    kind: 'render',
    template: 'admin/plugins/bonus-operations',
    title: '[[bonus:operations.title]]',
    data: {
      // A fresh idempotency key each time the form is shown: a double submit records the operation once.
      operationKey: randomUUID().replace(/-/g, ''),
      // each reason belongs to awards, deductions or both; the form offers those of the chosen direction
      reasons: OPERATION_REASONS.map((value) => ({ value, text: `[[bonus:points.reason.${value}]]`, directions: value === 'rule-violation' ? 'deduct' : value === 'other' ? 'award deduct' : 'award' })),
      operationsTid: settings.operationsTid,
      topicUrl: settings.operationsTid ? `${ctx.relativePath}/topic/${settings.operationsTid}` : '',
      publishModeText: `[[bonus:operations.publish-mode.${settings.operationsPublishMode}]]`,
      recent: recent.map((op) => ({
        date: when(op.createdAt),
        amountText: signedCount(ctx.lang, op.direction === 'award' ? op.amount : -op.amount),
        isSellers: op.programme === 'sellers',
        positive: op.direction === 'award',
        members: op.members.map((m) => m.username).join(', '),
        reasonText: `[[bonus:points.reason.${op.reason}]]`,
        comment: op.comment,
      })),
      hasRecent: recent.length > 0,
      reconcile: reconcile
        ? {
          date: when(reconcile.finishedAt),
          members: reconcile.members,
          repaired: reconcile.repaired.length,
          damaged: reconcile.damage.length,
          recovered: reconcile.recovered,
          damage: reconcile.damage.slice(0, 50).map((d) => ({ uid: d.uid, entryId: d.entryId, key: d.key ?? '', problemText: `[[bonus:reconcile.problem.${d.problem}]]` })),
          ok: reconcile.damage.length === 0,
        }
        : null,
    },
  };
}

export function operationsApi(services: Services): ApiRoute[] {
  return [
    {
      method: 'post', path: '/bonus/operations', access: 'admin',
      handler: async (ctx) => {
        return mapOk(await services.operations.submit({ uid: ctx.uid }, ctx.body), (out) => ({
          operation: out.operation, replayed: out.replayed, entries: out.entries.map((e) => ({ id: e.id, uid: e.uid, amount: e.amount })),
        }));
      },
    },
    {
      method: 'post', path: '/bonus/ledger/reconcile', access: 'admin',
      handler: async (ctx) => {
        return services.ledger.reconcileFor({ uid: ctx.uid });
      },
    },
  ];
}
