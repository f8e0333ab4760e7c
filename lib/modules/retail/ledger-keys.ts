/**
 * Every ledger key the retail module writes (in the `sellers` ledger), in one place (the scheme:
 * earning/ledger-keys.ts, under the `retail:` kind).
 */

/** A registered sale's seller points. */
export const saleKey = (saleId: number): string => `retail:sale:${saleId}`;

/** The points of a sale taken back when its review rejects it. */
export const saleReversalKey = (saleId: number): string => `retail:reversal:${saleId}`;

/** The balance taken when a seller's membership is annulled at `at`. */
export const annulmentKey = (uid: number, at: number): string => `retail:annul:${uid}:${at}`;
