/**
 * Every ledger key the moderation module writes, in one place (the scheme: earning/ledger-keys.ts).
 */

/** A warning's deduction. */
export const warningKey = (warningId: number): string => `warning:${warningId}`;

/** The points given back when a warning is revoked. */
export const warningRevokeKey = (warningId: number): string => `warning:${warningId}:revoke`;

/** The deduction of the member's `epoch`-th ban. */
export const banKey = (uid: number, epoch: number): string => `ban:${uid}:${epoch}`;
