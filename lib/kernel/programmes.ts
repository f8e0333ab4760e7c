/**
 * A points programme: `club` (the club's points, PROGRAM §1-8) or `sellers` (the retail sellers'
 * programme, PROGRAM §9). Each has its own ledger; a store product belongs to one, and an order is
 * paid in one programme's points.
 */
export const PROGRAMMES = ['club', 'sellers'] as const;
export type Programme = (typeof PROGRAMMES)[number];
