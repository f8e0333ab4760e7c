/**
 * NodeBB plugin upgrade (plugin.json `upgrades`, run once by `./nodebb upgrade`): members' carts move
 * from one hash each (`bonus:cart:{uid}`, read through NodeBB's per-process hash cache) to one
 * sorted set each (`bonus:cart:{uid}:lines`). Idempotent; members are read in pages.
 */
import { plugin } from '../runtime';
import { CartStore } from '../modules/orders/store-cart';

const PAGE = 500;

export const name = 'Bonus: carts as sorted sets (not cached per process)';
export const timestamp = Date.UTC(2026, 11, 3);

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const { host } = plugin();
  const store = new CartStore(host.db);
  const total = await host.users.count();
  if (this?.progress) this.progress.total = total;
  for (let start = 0; start < total; start += PAGE) {
    const uids = await host.users.getUidsByJoinDate(start, start + PAGE - 1);
    for (const uid of uids) await store.migrateLegacy(uid);
    this?.progress?.incr(uids.length);
  }
}
