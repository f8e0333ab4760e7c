/**
 * Weekly and monthly top-3 most active members (PROGRAM §2).
 *
 * Activity = new topics + replies in earning categories during the period that were not cancelled.
 *
 * Tie rule (documented in the README): members are ordered by activity count, highest first; equal
 * counts are ordered by who reached that count first (the earlier timestamp of the post that brought
 * the member to the count), then by the lower uid. Exactly `places` members are paid (3 by
 * default), so a tie never pays more than the configured number of awards. Members in excluded
 * groups are skipped and the next member moves up. Members with no activity are never ranked.
 */

export interface ActivityEntry {
  uid: number;
  /** Posts counted in the period. */
  count: number;
  /** When the member reached `count` (creation time of their latest counted post). */
  reachedAt: number;
}

export interface RankedMember extends ActivityEntry {
  /** 1-based place. */
  rank: number;
}

export function compareActivity(a: ActivityEntry, b: ActivityEntry): number {
  return b.count - a.count || a.reachedAt - b.reachedAt || a.uid - b.uid;
}

/** The ranked members for a period (all of them, for the leaderboard), excluded members removed. */
export function rankActivity(entries: readonly ActivityEntry[], excluded: ReadonlySet<number> = new Set()): RankedMember[] {
  return entries
    .filter((e) => e.count > 0 && !excluded.has(e.uid))
    .slice()
    .sort(compareActivity)
    .map((e, i) => ({ ...e, rank: i + 1 }));
}

/** The paid places for a period. */
export function topWinners(entries: readonly ActivityEntry[], excluded: ReadonlySet<number>, places = 3): RankedMember[] {
  return rankActivity(entries, excluded).slice(0, places);
}

export { topKey } from './ledger-keys';
