import type { Database } from '../host/index';

/**
 * A lease on `member` of sorted set `key`, for work that must be done by one caller at a time and
 * must not stay locked when its caller stops: the claim is a sorted-set increment by the claim time,
 * so the first claimer reads back exactly its own time and every later one more. Losers take their
 * increment back (the score stays the winner's time). A lease older than `leaseMs` whose work is not
 * `done` (its holder stopped in between) is taken over, by one caller however many find it stale.
 */
export async function takeLease(
  db: Database, key: string, member: string, now: number, leaseMs: number, done: () => Promise<boolean>,
): Promise<boolean> {
  const at = Math.max(1, now);
  const score = await db.sortedSetIncrBy(key, at, member);
  if (score === at) return true;
  await db.sortedSetIncrBy(key, -at, member);
  const first = score - at;
  if (first >= now - leaseMs || (await done())) return false;
  // The takeover is one increment that moves the stale time to ours: exactly one of the callers who
  // found it stale reads back its own time; the others take theirs back (never removing the lease a
  // faster one has just taken, as a remove-then-claim would).
  if ((await db.sortedSetIncrBy(key, at - first, member)) === at) return true;
  await db.sortedSetIncrBy(key, first - at, member);
  return false;
}

/** Named leases in one sorted set (`takeLease`): a lock taken in one write, released by its holder. */
export class Leases {
  constructor(private readonly db: Database, private readonly key: string) {}

  /** True if the caller now holds `name` (taken over from a holder whose lease of `leaseMs` ended). */
  take(name: string, now: number, leaseMs: number): Promise<boolean> {
    return takeLease(this.db, this.key, name, now, leaseMs, async () => false);
  }

  async release(name: string): Promise<void> {
    await this.db.sortedSetRemove(this.key, name);
  }
}

/**
 * Named locks on the database's atomic increment, each with a lease so that a holder that stopped
 * does not block for ever: `incrObjectField(locks, name) === 1` wins and writes when its lease ends
 * (`leases`, score = expiry). A later try breaks a lock whose lease has ended, or writes the lease a
 * holder stopped before writing, so that it ends too.
 */
export class LeaseLocks {
  constructor(private readonly db: Database, private readonly locksKey: string, private readonly leasesKey: string) {}

  /** Tries once; true if the lock is now held by the caller. */
  async tryLock(name: string, now: number, leaseMs: number): Promise<boolean> {
    if ((await this.db.incrObjectField(this.locksKey, name)) === 1) {
      await this.db.sortedSetAdd(this.leasesKey, now + leaseMs, name);
      return true;
    }
    // No decrement on failure: the holder's unlock deletes the field, whatever it has grown to.
    const lease = await this.db.sortedSetScore(this.leasesKey, name);
    if (lease === null) await this.db.sortedSetAdd(this.leasesKey, now + leaseMs, name);
    else if (lease < now) await this.unlock(name);
    return false;
  }

  async unlock(name: string): Promise<void> {
    await this.db.sortedSetRemove(this.leasesKey, name);
    await this.db.deleteObjectField(this.locksKey, name);
  }
}
