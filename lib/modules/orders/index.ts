/**
 * The public face of the orders module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { deliveryNotices } from './domain-delivery';
export type { DeliveryRules, RuleNotice } from './domain-delivery';
export { claimsFeature } from './feature-claims';
export { ordersFeature } from './feature';
export { OrdersAdminService } from './service-admin';
export { CartService, MAX_LINE_QUANTITY } from './service-cart';
export { CheckoutService } from './service-checkout';
export { ClaimsService } from './service-claims';
export { OrdersService, type PrizeGate } from './service';
