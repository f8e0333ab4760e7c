/**
 * The public face of the requests module (support requests, issue 20). So far it holds the pure
 * rules (domain.ts: types and their defaults, the status machine, the jobs' decisions, the steps,
 * the daily limit, the attachment checks) and the types' store with the defaults seeded once. The
 * requests' store, use cases, pages and the claims' fold are not built yet.
 */
export * as requestsDomain from './domain';
export { RequestsService, type MemberSubjects, type Staff, type SubjectChoice, type RequestsOptions } from './service';
export { requestsFeature } from './feature';
