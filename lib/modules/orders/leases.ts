/**
 * How long the orders module's leases last (a file with no imports, so that every file of the module
 * may read them while the catalog and orders modules load each other).
 */

/** A payment older than this is not running any more (its request timed out long ago): recovery may act. */
export const PAYMENT_LEASE_MS = 120_000;

/** How long a holder of an order's lease may work before another takes it over (it has stopped). */
export const ORDER_LEASE_MS = PAYMENT_LEASE_MS;
