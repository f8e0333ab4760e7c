/**
 * Every ledger key the publishing module writes, in one place (the scheme: earning/ledger-keys.ts).
 */

/** One member's entry of an ACP points operation (the form's operation key makes a resubmission a replay). */
export const operationKey = (operation: string, uid: number): string => `adjust:${operation}:${uid}`;
