/**
 * The sellers' shop-window photo contest (seed 004 §6.2.3, issue 17 items 1–4): pure rules. Time
 * is a parameter.
 *
 * One contest per calendar month (the programme's zone), named by the month (`2026-11`). During the
 * month sellers enter and members vote; once it has ended the jury ranks, the admin sets places 1–5
 * and publishes: then counts and places are shown and the prizes paid.
 */
import { createHash } from 'node:crypto';

export type ContestPhase = 'open' | 'judging' | 'results';

export interface EntryView {
  id: number;
  uid: number;
  createdAt: number;
  status: 'pending' | 'accepted' | 'rejected';
}

/** The phase of the contest of a month that runs [start, end): open during it, judged after, results once published. */
export function contestPhase(now: number, end: number, published: boolean): ContestPhase {
  if (published) return 'results';
  return now < end ? 'open' : 'judging';
}

export interface VoterRule {
  minAccountDays: number;
  minPosts: number;
}

/** May a member vote: an account old enough and active enough (no IP address is ever looked at). */
export function voterEligible(rule: VoterRule, member: { joinedAt: number; postCount: number }, now: number): { ok: boolean; reason: 'account-age' | 'posts' | null } {
  if (now - member.joinedAt < rule.minAccountDays * 86_400_000) return { ok: false, reason: 'account-age' };
  if (member.postCount < rule.minPosts) return { ok: false, reason: 'posts' };
  return { ok: true, reason: null };
}

/**
 * The entries in the order one voter sees them: a shuffle of their own, stable across page loads
 * (sorted by SHA-256 of contest, voter and entry), so no entry gains from being first for everyone.
 */
export function voterOrder<T extends { id: number }>(contest: string, voterUid: number, entries: readonly T[]): T[] {
  const key = (e: T) => createHash('sha256').update(`${contest}|${voterUid}|${e.id}`).digest('hex');
  return entries.map((e) => ({ e, k: key(e) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((x) => x.e);
}

/** Votes per entry from the voters' choices (voter → entry id). */
export function tally(votes: ReadonlyMap<number, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const entry of votes.values()) counts.set(entry, (counts.get(entry) ?? 0) + 1);
  return counts;
}

/** The audience's choice: most votes; a tie goes to the earlier entry. null without any vote. */
export function audienceChoice(entries: readonly EntryView[], counts: ReadonlyMap<number, number>): EntryView | null {
  let best: EntryView | null = null;
  for (const e of entries) {
    if (e.status !== 'accepted') continue;
    const c = counts.get(e.id) ?? 0;
    if (c === 0) continue;
    const b = best ? counts.get(best.id) ?? 0 : -1;
    if (!best || c > b || (c === b && (e.createdAt < best.createdAt || (e.createdAt === best.createdAt && e.id < best.id)))) best = e;
  }
  return best;
}

/** Places 1–5 as the admin sets them: accepted entries, each at most once; a gap is allowed (no entry for a place). */
export function validPlaces(places: readonly (number | null)[], accepted: ReadonlySet<number>): boolean {
  if (places.length !== 5) return false;
  const seen = new Set<number>();
  for (const p of places) {
    if (p === null) continue;
    if (!accepted.has(p) || seen.has(p)) return false;
    seen.add(p);
  }
  return true;
}

/** The average jury rank of each entry (lower is better), from each juror's ordered list of entry ids. */
export function juryAverages(rankings: readonly (readonly number[])[]): Map<number, number> {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of rankings) r.forEach((id, i) => {
    const s = sums.get(id) ?? { sum: 0, n: 0 };
    sums.set(id, { sum: s.sum + i + 1, n: s.n + 1 });
  });
  return new Map([...sums].map(([id, s]) => [id, s.sum / s.n]));
}

/** A contest month id (`2026-11`). */
export const isMonthId = (id: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(id);
