/**
 * NodeBB plugin upgrade (plugin.json `upgrades`, run once by `./nodebb upgrade`): the ban penalty's
 * flags move from hashes read through NodeBB's per-process cache (`bonus:ban:charged`,
 * `bonus:ban:until`, uid → value) to sorted sets (`bonus:bans:charged`, `bonus:bans:until`), so that
 * an unban handled in another process never decides on a stale copy. Idempotent.
 */
import { plugin } from '../runtime';

export const name = 'Bonus: ban penalty flags as sorted sets (not cached per process)';
export const timestamp = Date.UTC(2026, 11, 3, 12);

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const moved = await plugin().services.warnings.migrateBanFlags();
  if (this?.progress) this.progress.total = moved;
  this?.progress?.incr(moved);
}
