import type { Database } from '../host';

/**
 * A lease on `member` of sorted set `key`, for work that must be done by one caller at a time and
 * must not stay locked when its caller stops: the claim is a sorted-set increment by the claim time,
 * so the first claimer reads back exactly its own time and every later one more. Losers take their
 * increment back (the score stays the winner's time). A lease older than `leaseMs` whose work is not
 * `done` (its holder stopped in between) is taken over.
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
  await db.sortedSetRemove(key, member);
  return (await db.sortedSetIncrBy(key, at, member)) === at;
}
