/**
 * The public face of the catalog module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { assertAdmin, assertMember } from '../../kernel/access';
export { parseActivationCode } from './domain-codes';
export type { ActivationCode } from './domain-codes';
export { checkTopUpAmount, deliversCodes, effectiveStockMode, isPhysical, localized } from './domain';
export type { DeliveryClass, LocalizedText, Product, ProductKind, PurchaseLimit } from './domain';
export { storeFeature } from './feature';
export { readBalance, storePage, unitKeyOf } from './http';
export { cartAddSchema, parseOrThrow } from './input';
export { isSafeImageUrl } from './store-schema';
export { CatalogAdminService } from './service-admin';
export { CodesService } from './service-codes';
export { CatalogService, type ProgrammeMembership } from './service';
export { stockField } from './store-stock';
