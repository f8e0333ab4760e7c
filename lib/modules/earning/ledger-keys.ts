/**
 * Every ledger key the earning module writes, in one place. The scheme of every module:
 * `<kind>:<id>[:<event>]`, lower case, colon-separated, one key per movement of points for ever
 * (mutually exclusive outcomes share one key; a stored key is never renamed, so the few older
 * shapes below stay as they are).
 */
import type { GiftRole } from './domain-groups';

/**
 * The key shared by a post's pending credit, its maturing and its cancelling. A post earns again after
 * a restore or an owner change as a new generation (`earn:post:{pid}:g{gen}`).
 */
export function earnKey(pid: number, gen = 0): string {
  return gen > 0 ? `earn:post:${pid}:g${gen}` : `earn:post:${pid}`;
}

/** The post of a pending credit's key (`earn:post:{pid}`, `earn:post:{pid}:g{gen}`), or null for any other key. */
export function pidOfEarnKey(key: string): number | null {
  const m = /^earn:post:(\d+)(?::g\d+)?$/.exec(key);
  const pid = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** The birthday gift of one gift year. */
export function birthdayKey(uid: number, giftYear: number): string {
  return `birthday:${uid}:${giftYear}`;
}

/**
 * A first-entry gift before gifts were keyed by role (still read: a member paid under it is not paid
 * again); group names may hold any characters, so they are encoded.
 */
export function groupGiftKey(group: string, uid: number): string {
  return `group:${encodeURIComponent(group)}:${uid}`;
}

/** A first-entry gift: once per member and program role, whatever the group is called. */
export function roleGiftKey(role: GiftRole, uid: number): string {
  return `group-role:${role}:${uid}`;
}

/** One award of the top-3: `top:week:2026-W34:1`. */
export function topKey(kind: 'week' | 'month', periodId: string, rank: number): string {
  return `top:${kind}:${periodId}:${rank}`;
}

/** The `n`-th award of a NodeBB reward (nodebb-plugin-rewards' "award points") to a member. */
export function rewardKey(rewardId: string, uid: number, n: number): string {
  return `reward:${rewardId}:${uid}:${n}`;
}
