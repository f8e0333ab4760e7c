/**
 * Locks for the finance services: lease locks (lib/kernel/lease.ts) on the database's atomic
 * increment, so that a crashed holder does not block forever. Every decision taken under a lock reads counters and sorted sets, never a
 * (per-process cached) hash.
 */
import type { Clock, Database } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';

const LOCKS = 'bonus:finance:locks';
const LEASES = 'bonus:finance:leases';
export const LEASE_MS = 30_000;
const WAIT_STEP_MS = 5;
const WAIT_STEPS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FinanceLocks {
  private readonly locks: LeaseLocks;

  constructor(db: Database, private readonly clock: Clock) {
    this.locks = new LeaseLocks(db, LOCKS, LEASES);
  }

  /** Tries once; true if the lock is now held by the caller (a holder that stopped loses it after LEASE_MS). */
  tryLock(name: string): Promise<boolean> {
    return this.locks.tryLock(name, this.clock.now(), LEASE_MS);
  }

  unlock(name: string): Promise<void> {
    return this.locks.unlock(name);
  }

  /** Runs `fn` under the lock, waiting for it; `error.finance.busy` if it stays taken (≈30 s). */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    for (let step = 0; ; step += 1) {
      if (await this.tryLock(name)) break;
      if (step >= WAIT_STEPS) throw new BonusError('error.finance.busy', [], 409);
      await sleep(WAIT_STEP_MS + Math.floor(step / 100));
    }
    try {
      return await fn();
    } finally {
      await this.unlock(name);
    }
  }
}
