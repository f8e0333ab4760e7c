/**
 * NodeBB plugin upgrade (plugin.json `upgrades`): orders paid before the ACP's filters had indexes
 * get their status and product entries (issue 13, item 6), so that filtering the orders list reads
 * indexes instead of every order ever. Idempotent; orders are read in pages.
 */
import { plugin } from '../runtime';

const PAGE = 200;

export const name = 'Bonus: status and product indexes for paid orders';
export const timestamp = Date.UTC(2026, 11, 4, 0);

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const { orders } = plugin().services;
  const total = await orders.store.countPaid('-inf', '+inf');
  if (this?.progress) this.progress.total = total;
  for (let start = 0; start < total; start += PAGE) {
    const ids = await orders.store.idsPaid('-inf', '+inf', start, PAGE);
    for (const id of ids) await orders.reindexFilters(id);
    this?.progress?.incr(ids.length);
  }
}
