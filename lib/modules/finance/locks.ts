/**
 * Locks for the finance services: leases (lib/kernel/lease.ts `takeLease`) on a sorted set, so that a
 * crashed holder does not block for ever. Every decision taken under a lock reads counters and sorted sets, never a
 * (per-process cached) hash.
 */
import type { Clock, Database } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { Leases } from '../../kernel/lease';

/** name → when its holder took it (a lease; earlier versions kept `bonus:finance:locks` and `:leases`). */
const LOCKS = 'bonus:finance:lock-leases';
export const LEASE_MS = 30_000;
const WAIT_STEP_MS = 5;
const WAIT_STEPS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FinanceLocks {
  private readonly leases: Leases;

  constructor(db: Database, private readonly clock: Pick<Clock, 'now'>) {
    this.leases = new Leases(db, LOCKS);
  }

  /**
   * Tries once; true if the lock is now held by the caller. Taken in one write, scored by when it was
   * taken, so a holder that stopped at any point loses it LEASE_MS later.
   */
  tryLock(name: string): Promise<boolean> {
    return this.leases.take(name, this.clock.now(), LEASE_MS);
  }

  unlock(name: string): Promise<void> {
    return this.leases.release(name);
  }

  /** Runs `fn` under the lock, waiting for it; `error.finance.busy` if it stays taken (≈30 s). */
  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    for (let step = 0; ; step += 1) {
      if (await this.tryLock(name)) break;
      if (step >= WAIT_STEPS) throw new BonusError('error.finance.busy', [], 'conflict');
      await sleep(WAIT_STEP_MS + Math.floor(step / 100));
    }
    try {
      return await fn();
    } finally {
      await this.unlock(name);
    }
  }
}
