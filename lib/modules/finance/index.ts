/**
 * The public face of the finance module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { financeFeature } from './feature';
export { loanBlock } from './http-loans';
export { withLoanAutoRepay } from './loan-autorepay';
export { LoanService } from './service-loans';
export { TransferService } from './service-transfers';
