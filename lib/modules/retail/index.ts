/** The retail sellers' programme (issue 16): its public face. */
export { RetailService, type RegisterResult, type RetailOptions } from './service';
export {
  DEFAULT_RETAIL_PRODUCTS, DEFAULT_LIMITS, SALE_REFUSALS, normaliseBoxCode, type RetailProduct, type SaleRefusal,
} from './domain';
export type { Sale, SaleStatus } from './store';
