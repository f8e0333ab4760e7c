/**
 * Locks for the finance services, on the database's atomic increment (ARCHITECTURE.md "Data"): a
 * lock is won by `incrObjectField(locks, name) === 1`, with a lease so that a crashed holder does
 * not block forever. Every decision taken under a lock reads counters and sorted sets, never a
 * (per-process cached) hash.
 */
import type { Clock, Database } from '../host';
import { BonusError } from '../errors';

const LOCKS = 'bonus:finance:locks';
const LEASES = 'bonus:finance:leases';
export const LEASE_MS = 30_000;
const WAIT_STEP_MS = 5;
const WAIT_STEPS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FinanceLocks {
  constructor(private readonly db: Database, private readonly clock: Clock) {}

  /** Tries once; true if the lock is now held by the caller. */
  async tryLock(name: string): Promise<boolean> {
    if ((await this.db.incrObjectField(LOCKS, name)) === 1) {
      await this.db.sortedSetAdd(LEASES, this.clock.now(), name);
      return true;
    }
    // No decrement on failure: the holder's unlock deletes the field, whatever it has grown to.
    // A holder that crashed: its lease ran out; the lock is freed for the next try.
    const since = await this.db.sortedSetScore(LEASES, name);
    if (since !== null && this.clock.now() - since > LEASE_MS) await this.unlock(name);
    return false;
  }

  async unlock(name: string): Promise<void> {
    await this.db.sortedSetRemove(LEASES, name);
    await this.db.deleteObjectField(LOCKS, name);
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
