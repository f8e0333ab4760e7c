/**
 * NodeBB plugin upgrade (plugin.json `upgrades`): orders paid before the ACP's filters had indexes
 * get their status and product entries (issue 13, item 6), so that filtering the orders list reads
 * indexes instead of every order ever. Idempotent; orders are read in pages.
 */
import { reindexPaidOrders, type UpgradeContext } from './paid-orders';

export const name = 'Bonus: status and product indexes for paid orders';
export const timestamp = Date.UTC(2026, 11, 4, 0);

export async function method(this: UpgradeContext): Promise<void> {
  await reindexPaidOrders(this);
}
