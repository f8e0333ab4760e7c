import type { FeatureFactory } from '../feature';
import { ordersRecoverJob } from '../jobs/orders';

/** Cart, checkout and orders (issue 6): member pages, write API, the recovery and codes job. */
export const ordersFeature: FeatureFactory = (_host, services) => ({
  name: 'orders',
  jobs: [ordersRecoverJob(services.checkout, services.orders)],
  filters: {
    'filter:user.notificationTypes': async (types) => {
      if (!types.types.includes('bonus-order')) types.types.push('bonus-order');
      return types;
    },
  },
});
