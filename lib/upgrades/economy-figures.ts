/**
 * NodeBB plugin upgrade (plugin.json `upgrades`): the economy's daily figures (issue 21) count ledger
 * entries as they are written, so on a forum with history they start from nothing. The upgrade
 * recomputes them once from the journal (the same rebuild as the ACP's button and the nightly job),
 * so the dashboard shows the forum's liability and history from the first page load. Idempotent:
 * a second run finds the figures agreeing with the journal and changes nothing.
 */
import { plugin } from '../runtime';
import type { UpgradeContext } from './paid-orders';

export const name = 'Bonus: the economy\'s daily figures computed from the ledger\'s history';
export const timestamp = Date.UTC(2026, 11, 4, 23);

export async function method(this: UpgradeContext): Promise<void> {
  const r = await plugin().services.economy.rebuild(true);
  if (this?.progress) {
    this.progress.total = 1;
    this.progress.incr(1);
  }
  if (!r.agree && !r.programmes.every((p) => p.repaired || p.differenceCount === 0)) throw new Error('[bonus] economy figures: the rebuild could not repair them (entries were written meanwhile); run it again');
}
