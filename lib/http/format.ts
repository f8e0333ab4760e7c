/**
 * Dates on pages: `date` (ISO) goes into the `title` of a `<span class="timeago">`, which NodeBB's
 * client turns into "3 hours ago" in the reader's language; `dateText` is what shows before that
 * (and without JavaScript): the UTC minute, `2026-09-01 09:00`.
 */
export const isoMinute = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
