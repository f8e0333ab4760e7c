/**
 * The public face of the earning module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { PROGRAM_ROLES, inExcludedRole, roleList } from './domain-groups';
export type { ProgramRole } from './domain-groups';
export { earningFeature } from './feature';
export { isNew } from './ledger-port';
export type { EarningLedger } from './ledger-port';
export type { EarningNotifier } from './notify';
export { roleGroups } from './roles';
export { zoneOf } from './service';
export type { EarningService } from './service';
export { createEarningServices } from './services';
export type { EarningServices } from './services';
