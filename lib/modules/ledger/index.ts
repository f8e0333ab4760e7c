/**
 * The public face of the ledger module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export type { LedgerEntry, SourceLink } from './domain';
export { pointsFeature } from './feature';
export { LedgerService, OPERATION_REASONS } from './service';
export type { EntryBatch, EntryObserver, LedgerResult, PairBlock, Programme } from './service';
