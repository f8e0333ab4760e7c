/** Shared by the orders' upgrades: every paid order's derived indexes written again (reindexFilters), a page at a time. */
import { plugin } from '../runtime';

const PAGE = 200;

export type UpgradeContext = { progress?: { total: number; incr(n?: number): void } } | undefined;

export async function reindexPaidOrders(context: UpgradeContext): Promise<void> {
  const { orders } = plugin().services;
  const total = await orders.store.countPaid('-inf', '+inf');
  if (context?.progress) context.progress.total = total;
  for (let start = 0; start < total; start += PAGE) {
    const ids = await orders.store.idsPaid('-inf', '+inf', start, PAGE);
    for (const id of ids) await orders.reindexFilters(id);
    context?.progress?.incr(ids.length);
  }
}
