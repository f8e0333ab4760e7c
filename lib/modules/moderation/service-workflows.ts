/**
 * Issuing and revoking a warning are durable-steps workflows (lib/kernel/steps.ts): whatever a crash
 * stopped is finished by the steps recovery job, so a stored warning is always listed, deducted once
 * and its post's points withdrawn, and a revocation is always refunded once.
 *
 * - `warning-issue` (id = the warning's claim: `post:{pid}`, `key:{moderator}:{key}` or `id:{id}`, so
 *   that the workflow itself is the claim against a double warning): record → post → deduct.
 * - `warning-revoke` (id = the warning's id, so a warning is revoked once): deduct (the deduction the
 *   refund undoes, made sure of by its key) → record → refund.
 * Every step is idempotent (ledger keys, sorted-set adds, the record rewritten with the same data);
 * none refuses, so nothing is compensated: a started workflow is only rolled forward.
 */
import { warningKey, warningRevokeKey } from './ledger-keys';
import { userTextToken } from '../../kernel/errors';
import { settled, type Workflow } from '../../kernel/steps-service';
import type { EarningLedger, EarningNotifier, EarningService } from '../earning';
import type { Warning } from './domain';
import type { WarningStore } from './store';

export interface IssueData extends Warning { claim: string }

export interface RevokeData { id: number; uid: number; amount: number; reason: string; byUid: number; revokedBy: number; at: number }

interface Deps {
  store: WarningStore;
  ledger: EarningLedger;
  notifier: EarningNotifier;
  earning: EarningService;
}

/** The warning's deduction, keyed `warning:{id}` (so made once, by whichever workflow gets there first). */
async function deduct(deps: Deps, w: { id: number; uid: number; amount: number; reason: string; byUid: number }) {
  const r = await deps.ledger.debit({
    uid: w.uid, amount: w.amount, key: warningKey(w.id), reason: 'warning', comment: userTextToken(w.reason), actorUid: w.byUid, source: { type: 'warning', id: w.id },
  });
  settled(r, `warning ${w.id} deduction`);
}

export function issueWorkflow(deps: Deps): Workflow<IssueData> {
  return {
    name: 'warning-issue',
    steps: [
      { name: 'record', run: (d) => deps.store.save(d, d.claim) },
      {
        // The warned post's points and its top-3 count withdrawn, as of the warning's time.
        name: 'post',
        run: async (d) => { if (d.pid > 0) await deps.earning.postWarned(d.pid, d.createdAt); },
      },
      {
        name: 'deduct',
        run: async (d, ctx) => {
          if (d.amount <= 0) return;
          await deduct(deps, d);
          await ctx.once('notify', () => deps.notifier.deduction(d.uid, d.amount, d.reason, `warning:${d.id}`));
        },
      },
    ],
  };
}

export function revokeWorkflow(deps: Deps): Workflow<RevokeData> {
  return {
    name: 'warning-revoke',
    steps: [
      { name: 'deduct', run: async (d) => { if (d.amount > 0) await deduct(deps, d); } },
      { name: 'record', run: (d) => deps.store.markRevoked(d.id, d.at, d.revokedBy) },
      {
        name: 'refund',
        run: async (d) => {
          if (d.amount <= 0) return;
          settled(await deps.ledger.credit({
            uid: d.uid, amount: d.amount, key: warningRevokeKey(d.id), reason: 'warning', comment: `[[bonus:warnings.revoked-entry, ${d.id}]]`,
            actorUid: d.revokedBy, source: { type: 'warning', id: d.id },
          }), `warning ${d.id} refund`);
        },
      },
    ],
  };
}
