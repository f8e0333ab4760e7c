/**
 * Every ledger key the orders module writes, in one place (the scheme: earning/ledger-keys.ts; the
 * first two are older shapes, kept as stored).
 */

/** The points held when an order is paid; captured when it ships, released when it is cancelled. */
export const holdKey = (orderId: number): string => `hold:order:${orderId}`;

/** The points of one line given back (the line refunded, or the order cancelled after capture). */
export const refundKey = (orderId: number, line: number): string => `refund:order:${orderId}:line:${line}`;

/** The points given back when a line is replaced by something cheaper. */
export const replaceRefundKey = (orderId: number, line: number): string => `order:${orderId}:replace:${line}:refund`;

/** The points given back when a claim is closed with a refund. */
export const claimRefundKey = (claimId: number): string => `claim:${claimId}:refund`;
