/**
 * The public face of the retail module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { DEFAULT_LIMITS, DEFAULT_RETAIL_PRODUCTS, SALE_REFUSALS, normaliseBoxCode, type RetailProduct, type SaleRefusal } from './domain';
export { RetailService, type RegisterResult, type RetailOptions } from './service';
export type { Sale, SaleStatus } from './store';
export { IMPORT_CHUNK, SellersService, SHOP_LIMITS, type Application, type ImportReport } from './service-sellers';
export type { SellerRecord, SellerStatus, RetailProductRow } from './store';
export { retailFeature } from './feature';
