/**
 * NodeBB plugin upgrade (plugin.json `upgrades`): orders paid before the members' licence-order
 * index (issue 13, item 5: the purchases page read every order of the member) are added to it.
 * Idempotent; orders are read in pages.
 */
import { reindexPaidOrders, type UpgradeContext } from './paid-orders';

export const name = 'Bonus: each member\'s licence orders indexed for the purchases page';
export const timestamp = Date.UTC(2026, 11, 4, 16);

export async function method(this: UpgradeContext): Promise<void> {
  await reindexPaidOrders(this);
}
