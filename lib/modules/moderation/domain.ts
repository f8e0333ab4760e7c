/**
 * Warnings and ban penalties (PROGRAM §3), pure: what a warning is, the reason's rules, which claim
 * keeps a warning from being issued twice, and when an unban moves a member to their next ban.
 */

export interface Warning {
  id: number;
  uid: number;
  byUid: number;
  pid: number;
  reason: string;
  amount: number;
  createdAt: number;
  revokedAt: number;
  revokedBy: number;
}

export const MAX_REASON_LENGTH = 1000;

export type ReasonRefusal = 'warning-reason-required' | 'warning-reason-too-long';

/** The moderator's reason, trimmed, or why it is refused. */
export function checkReason(raw: unknown): { ok: true; reason: string } | { ok: false; refusal: ReasonRefusal } {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (!reason) return { ok: false, refusal: 'warning-reason-required' };
  if (reason.length > MAX_REASON_LENGTH) return { ok: false, refusal: 'warning-reason-too-long' };
  return { ok: true, reason };
}

/** A ban's reason as kept in the member's history (trimmed, cut to the maximum length). */
export function banReason(raw: unknown): string {
  return typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, MAX_REASON_LENGTH) : '';
}

/**
 * The claim that keeps one warning from being issued twice: a post is warned for once
 * (`post:{pid}`); a profile form carries the moderator's idempotency key (`key:{moderator}:{key}`);
 * without either, the warning's own id (every request is a new warning).
 */
export function warningClaim(pid: number, moderatorUid: number, formKey: string, id: number): string {
  if (pid > 0) return `post:${pid}`;
  if (formKey) return `key:${moderatorUid}:${formKey}`;
  return `id:${id}`;
}

/**
 * Bans are counted per member: ban number `epoch + 1` is charged under `ban:{uid}:{epoch + 1}`. An
 * unban moves the member on to the next number only when the current ban was charged (so repeated
 * unban hooks, or an unban of a ban never charged, move nothing).
 */
export function unbanMovesOn(epoch: number, chargedEpoch: number): boolean {
  return chargedEpoch === epoch + 1;
}

/** A temporary ban whose end has passed counts as lifted (NodeBB lifts it lazily, with no hook). */
export function banExpired(until: number, now: number): boolean {
  return until > 0 && until <= now;
}
