/**
 * Which post earns points, how many, and when they mature (PROGRAM §2, "Settlement").
 *
 * Pure: the post's facts and the rules come in, a typed decision comes out. The same decision is
 * taken by the hook (fast path), by settlement (re-reading the post and its topic before maturing)
 * and by backfill (posts whose hook was lost), so all three agree by construction.
 */
import type { RawUid } from '../../host/index';

export const HOUR_MS = 3_600_000;

export interface EarningRules {
  /** Categories whose new topics and replies earn. Empty = nothing earns. */
  earningCids: readonly number[];
  topicPoints: number;
  replyPoints: number;
  holdWindowMs: number;
  /** cid → when it joined the earning set: older posts in it do not earn. Missing = always earned. */
  earningSince?: Readonly<Record<number, number>>;
  /** Anti-farming: fewer counted characters (see `countedLength`) do not earn; 0 or missing = off. */
  minPostLength?: number;
}

/** What the plugin knows about a post when deciding (from a hook payload or a re-read). */
export interface PostFacts {
  pid: number;
  /** A number for local members; NodeBB passes a URL string for federated (ActivityPub) authors. */
  uid: RawUid;
  tid: number;
  cid: number;
  /** Creation time (ms). */
  timestamp: number;
  /** True for the topic's first post (a new topic), false for a reply. */
  isMain: boolean;
  /** The topic is scheduled and not yet published. */
  scheduled: boolean;
  /** The post or its topic is deleted (soft). */
  deleted?: boolean;
  /** Federated content marker from NodeBB (`post._activitypub`). */
  federated?: boolean;
  /** The post's counted length (`countedLength`), read only while a minimum length is set. */
  textLength?: number;
}

export type EarningRefusal = 'invalid' | 'guest' | 'federated' | 'scheduled' | 'deleted' | 'not-earning-category' | 'before-earning-category' | 'zero-amount' | 'too-short';

export type EarningDecision =
  | { ok: true; uid: number; amount: number; kind: 'topic' | 'reply'; maturesAt: number }
  | { ok: false; code: EarningRefusal };

/**
 * A local member's uid, or null. Local uids are positive integers (Redis may hand them back as
 * numeric strings); 0 is a guest, negative uids are NodeBB's system users, anything else (a URL)
 * is a federated author.
 */
export function localUid(raw: RawUid | null | undefined): number | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : null;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) {
    const n = Number(raw);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  }
  return null;
}

function refusalForAuthor(raw: RawUid): EarningRefusal {
  if (typeof raw === 'string' && !/^-?\d+$/.test(raw)) return 'federated';
  return 'guest';
}

/** Decides whether the post earns, how much and when it matures. */
export function decideEarning(post: PostFacts, rules: EarningRules): EarningDecision {
  if (!Number.isSafeInteger(post.pid) || post.pid <= 0 || !Number.isFinite(post.timestamp)) return { ok: false, code: 'invalid' };
  if (post.federated) return { ok: false, code: 'federated' };
  const uid = localUid(post.uid);
  if (uid === null) return { ok: false, code: refusalForAuthor(post.uid) };
  if (post.scheduled) return { ok: false, code: 'scheduled' };
  if (post.deleted) return { ok: false, code: 'deleted' };
  if (!rules.earningCids.includes(post.cid)) return { ok: false, code: 'not-earning-category' };
  if (post.timestamp < (rules.earningSince?.[post.cid] ?? 0)) return { ok: false, code: 'before-earning-category' };
  const kind = post.isMain ? 'topic' : 'reply';
  const amount = kind === 'topic' ? rules.topicPoints : rules.replyPoints;
  if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, code: 'zero-amount' };
  if ((rules.minPostLength ?? 0) > 0 && post.textLength !== undefined && post.textLength < rules.minPostLength!) return { ok: false, code: 'too-short' };
  return { ok: true, uid, amount, kind, maturesAt: maturesAt(post.timestamp, rules.holdWindowMs) };
}

/** The instant pending points become spendable: creation + hold window. */
export function maturesAt(createdAt: number, holdWindowMs: number): number {
  return createdAt + holdWindowMs;
}

/** Mature at exactly `maturesAt` (a post made 48 h ago to the millisecond is settled). */
export function isMature(maturesAtMs: number, now: number): boolean {
  return now >= maturesAtMs;
}

export { earnKey, pidOfEarnKey } from './ledger-keys';

/**
 * The characters of a post's text that count toward the minimum length (anti-farming): lines quoting
 * another post (`> …`) and images left out, whitespace collapsed, each character counted once
 * whatever its UTF-16 length.
 */
export function countedLength(markdown: string): number {
  const text = markdown.split('\n').filter((line) => !/^\s*>/.test(line)).join(' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].length;
}
