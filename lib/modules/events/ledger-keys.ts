/**
 * Every ledger key the events module writes (in the `sellers` ledger), one function each (the
 * scheme: earning/ledger-keys.ts, under the `events:` kind). A key is written once: paying again
 * with the same key is a replay, so a repeated publication or job pays nothing twice.
 */

/** An accepted contest entry's points. */
export const entryKey = (entryId: number): string => `events:entry:${entryId}`;

/** A contest place (1–5) of a month. */
export const placeKey = (month: string, place: number): string => `events:contest:${month}:place:${place}`;

/** The audience's choice of a month. */
export const audienceKey = (month: string): string => `events:contest:${month}:audience`;

/** A draw category's prize paid in points. */
export const drawKey = (month: string, category: number): string => `events:draw:${month}:${category}`;
