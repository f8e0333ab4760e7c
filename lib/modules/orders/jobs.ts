import type { Job } from '../../host/index';
import type { CheckoutService } from './service-checkout';
import type { OrdersService } from './service';

/**
 * Every few minutes: finish or undo payments a crash stopped (older than the lease), finish refunds
 * and replacements a crash stopped (their workflows, under the order's lease), then hand out
 * license codes to orders that wait for them (the pool ran dry, or a delivery was interrupted).
 * Safe on several hosts: every step is idempotent or claimed.
 */
export function ordersRecoverJob(checkout: CheckoutService, orders: OrdersService): Job {
  return {
    name: 'bonus:orders:recover',
    cronTime: '*/5 * * * *',
    async onTick() {
      await checkout.recover();
      await orders.recoverPending();
      await orders.deliverAwaitingCodes();
    },
  };
}
