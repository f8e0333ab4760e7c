/**
 * Claims on delivered orders (issue 6, item 8), pure: what a member may report (wrong or damaged
 * items, a description, photo links, a video link), when a claim may be opened, and how an admin
 * closes it (replacement, refund of at most what the order still holds, or rejected). Every rule
 * returns a typed result with a language key; nothing here throws or reads a clock.
 */
import type { OrderStatus } from './domain';
import { counted, type ErrorArg } from '../../kernel/errors';

export const CLAIM_PROBLEMS = ['wrong-items', 'damaged'] as const;
export type ClaimProblem = (typeof CLAIM_PROBLEMS)[number];

export const CLAIM_RESOLUTIONS = ['replacement', 'refund', 'rejected'] as const;
export type ClaimResolution = (typeof CLAIM_RESOLUTIONS)[number];

export const CLAIM_LIMITS = {
  descriptionMin: 10,
  descriptionMax: 4000,
  photosMax: 5,
  urlMax: 500,
  messageMax: 4000,
  noteMax: 2000,
} as const;

export interface ClaimDraft {
  problem: ClaimProblem;
  description: string;
  photos: string[];
  videoUrl: string | null;
}

export interface Claim extends ClaimDraft {
  id: number;
  orderId: number;
  uid: number;
  createdAt: number;
}

export interface ClaimClosing {
  resolution: ClaimResolution;
  note: string;
  /** Points credited back (refund only; 0 otherwise). */
  amount: number;
  actorUid: number;
  at: number;
}

export interface ClaimMessage {
  seq: number;
  uid: number;
  fromAdmin: boolean;
  text: string;
  at: number;
}

export type Rule = { ok: true } | { ok: false; code: string; args: ErrorArg[] };
const OK: Rule = { ok: true };
const refuse = (code: string, ...args: ErrorArg[]): Rule => ({ ok: false, code, args });

/** An absolute http(s) link without spaces. */
export function isHttpUrl(value: string): boolean {
  if (value.length > CLAIM_LIMITS.urlMax || /\s/.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A file the forum stores itself: `/assets/uploads/…` (NodeBB's upload answer), behind the forum's
 * relative path when it has one. No `..`, no query tricks: letters, digits and `._-/` only.
 */
export function isForumUpload(value: string, relativePath = ''): boolean {
  const prefix = `${relativePath}/assets/uploads/`;
  if (!value.startsWith(prefix) || value.length > CLAIM_LIMITS.urlMax) return false;
  const rest = value.slice(prefix.length);
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(rest) && !rest.split('/').some((p) => p === '.' || p === '..');
}

/** The member's report: description length, at most five photos (http(s) or forum uploads), an http(s) video. */
export function checkDraft(d: ClaimDraft, relativePath = ''): Rule {
  const length = [...d.description.trim()].length;
  if (length < CLAIM_LIMITS.descriptionMin || length > CLAIM_LIMITS.descriptionMax) {
    return refuse('error.claims.description-length', CLAIM_LIMITS.descriptionMin, CLAIM_LIMITS.descriptionMax);
  }
  if (d.photos.length > CLAIM_LIMITS.photosMax) return refuse('error.claims.too-many-photos', CLAIM_LIMITS.photosMax);
  const badPhoto = d.photos.findIndex((p) => !isHttpUrl(p) && !isForumUpload(p, relativePath));
  if (badPhoto >= 0) return refuse('error.claims.bad-photo', badPhoto + 1);
  if (d.videoUrl !== null && !isHttpUrl(d.videoUrl)) return refuse('error.claims.bad-video');
  return OK;
}

/** A claim is the buyer's, on a delivered order, and one order has at most one open claim. */
export function canOpen(order: { uid: number; status: OrderStatus }, callerUid: number, hasOpenClaim: boolean): Rule {
  if (order.uid !== callerUid) return refuse('error.claims.not-buyer');
  if (order.status !== 'delivered') return refuse('error.claims.not-delivered');
  if (hasOpenClaim) return refuse('error.claims.already-open');
  return OK;
}

/** Members write only in their own open claims; admins in any open claim. */
export function canPost(claim: { uid: number }, open: boolean, callerUid: number, isAdmin: boolean): Rule {
  if (!isAdmin && claim.uid !== callerUid) return refuse('error.claims.not-yours');
  if (!open) return refuse('error.claims.closed');
  return OK;
}

/**
 * Points a refund may still give back: what the order paid, less its refunded lines and earlier
 * claim refunds. Never negative.
 */
export function refundable(orderTotal: number, linesRefunded: number, claimsRefunded: number): number {
  return Math.max(0, orderTotal - linesRefunded - claimsRefunded);
}

/**
 * The admin's closing: a note always; points only with a refund, 1 … refundable (a refund without
 * points is one settled outside the program, e.g. the goods taken back).
 */
export function checkClosing(c: { resolution: ClaimResolution; note: string; amount: number | null }, maxRefund: number): Rule {
  if (c.note.trim() === '') return refuse('error.claims.note-required');
  if (c.resolution !== 'refund') return c.amount === null || c.amount === 0 ? OK : refuse('error.claims.amount-not-allowed');
  if (c.amount === null || c.amount === 0) return OK;
  if (!Number.isSafeInteger(c.amount) || c.amount < 0) return refuse('error.claims.bad-amount');
  if (c.amount > maxRefund) return refuse('error.claims.amount-too-large', counted(maxRefund, 'points.gen'));
  return OK;
}
