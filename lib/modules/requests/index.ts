/**
 * The public face of the requests module (support requests, issue 20). So far it holds the pure
 * rules (lib/modules/requests/domain.ts): types and their defaults, the status machine, the jobs'
 * decisions, the steps, the daily limit and the attachment checks. The store, use cases, pages and
 * the claims' fold are not built yet.
 */
export * as requestsDomain from './domain';
