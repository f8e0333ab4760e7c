/**
 * Helpers for the plugin's NodeBB upgrade scripts (lib/upgrades/, run by `./nodebb upgrade` or at
 * start while the schema is out of date, before the plugin serves a request).
 */
import type { Database } from '../host/index';

/**
 * Moves a hash of counters (field → n) into a sorted set (member → n), in batches, then deletes the
 * hash. Idempotent: a second run finds no hash. Returns how many counters it moved.
 */
export async function moveHashToSortedSet(db: Database, hash: string, set: string, batch = 1000): Promise<number> {
  const h = await db.getObject(hash);
  if (!h) return 0;
  const items = Object.entries(h).flatMap(([field, v]): [string, number, string][] => {
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? [[set, n, field]] : [];
  });
  for (let i = 0; i < items.length; i += batch) await db.sortedSetAddBulk(items.slice(i, i + batch));
  await db.delete(hash);
  return items.length;
}
