import type { Host, Job } from '../../host/index';
import type { LedgerService } from './service';

/**
 * Nightly: recover operations stopped by a crash, check every member's journal against the cached
 * balances, repair the cache, report (never rewrite) a damaged journal. The result is stored and
 * shown on the ACP "Operations" page. Safe to run on several hosts: every step is idempotent.
 */
export function reconcileJob(host: Host, ledger: LedgerService): Job {
  return {
    name: 'bonus:ledger:reconcile',
    cronTime: '17 3 * * *',
    async onTick() {
      const result = await ledger.reconcile();
      const summary = `[bonus] ledger reconcile: ${result.members} members, ${result.repaired.length} repaired, ${result.damage.length} damaged entries, ${result.recovered} recovered`;
      if (result.damage.length > 0) host.log.warn(summary);
      else host.log.info(summary);
    },
  };
}

/** Every few minutes: finish or undo operations stopped by a crash (older than the lease). */
export function recoverJob(ledger: LedgerService): Job {
  return {
    name: 'bonus:ledger:recover',
    cronTime: '*/5 * * * *',
    async onTick() {
      await ledger.recover();
    },
  };
}
