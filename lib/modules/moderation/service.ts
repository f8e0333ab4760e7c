/**
 * The warning centre and ban penalties (PROGRAM §3). NodeBB has no warnings: moderators warn a
 * member with a reason (from a post's tools or the member's profile); the configured amount is
 * deducted once (ledger key `warning:{id}`); an admin may revoke a warning, which refunds it as a
 * new entry (`warning:{id}:revoke`). A ban (`action:user.banned`) deducts once per ban
 * (`ban:{uid}:{n}`, n moves on at unban), with the ban's reason in the member's history.
 *
 * Storage: `bonus:warning:{id}` (hash), `bonus:warnings` (zset id → created), `bonus:warnings:uid:{uid}`,
 * and the claims against double warnings (see issue()).
 *
 * Who warns whom: admins and global moderators warn anyone (a post or the profile form); a category
 * moderator warns only through posts in the categories they moderate; nobody but an admin warns an
 * admin. Moderators see the warnings they may act on (a category moderator: those on posts they
 * moderate); a member sees their own.
 */
import { parseId } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { BonusError, userTextToken } from '../../kernel/errors';
import { ClientKeys } from '../../kernel/idempotency';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from '../earning';
import type { EarningNotifier } from '../earning';
import type { EarningService } from '../earning';

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
const warningKey = (id: number) => `bonus:warning:${id}`;
const ALL = 'bonus:warnings';
const ofMember = (uid: number) => `bonus:warnings:uid:${uid}`;
const BAN_EPOCH = 'bonus:ban:epoch';
/** Claims against double warnings: claim → count, claim → warning id, claim → when (until stored). */
const CLAIMS = 'bonus:warnings:claims';
const CLAIMED = 'bonus:warnings:claimed';
const CLAIM_TIMES = 'bonus:warnings:claim-times';
/** A request holding a claim longer than this has crashed. */
export const CLAIM_LEASE_MS = 10 * 60_000;
const REPAIR_WINDOW_MS = 7 * 24 * 3_600_000;
/** A category moderator's list scans at most this many of the newest warnings, in batches. */
const SCAN_LIMIT = 1000;
const SCAN_BATCH = 100;

function decode(id: number, h: Record<string, string> | null): Warning | null {
  if (!h?.uid) return null;
  return {
    id, uid: Number(h.uid), byUid: Number(h.byUid), pid: Number(h.pid ?? 0), reason: h.reason ?? '', amount: Number(h.amount),
    createdAt: Number(h.createdAt), revokedAt: Number(h.revokedAt ?? 0), revokedBy: Number(h.revokedBy ?? 0),
  };
}

export class WarningService {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
    private readonly earning: EarningService,
  ) {
    this.keys = new ClientKeys(host.db);
  }

  private readonly keys: ClientKeys;

  /**
   * May the caller warn through this post (or, without a post, through the profile form)? A post:
   * its moderators, unless its author is an admin and the caller is not. The profile form: admins
   * and global moderators only.
   */
  async canWarn(caller: Caller, pid = 0): Promise<boolean> {
    if (!caller.uid) return false;
    if (!pid) return this.isGlobalStaff(caller.uid);
    if (!(await this.host.privileges.canModeratePost(caller.uid, pid))) return false;
    const [post] = await this.host.content.getPosts([pid]);
    return !post || this.mayWarnMember(caller.uid, post.uid);
  }

  /** Nobody but an admin warns an admin. */
  async mayWarnMember(callerUid: number, uid: number): Promise<boolean> {
    if (!(await this.host.privileges.isAdmin(uid))) return true;
    return this.host.privileges.isAdmin(callerUid);
  }

  private async isGlobalStaff(uid: number): Promise<boolean> {
    const [admin, globalMod] = await Promise.all([this.host.privileges.isAdmin(uid), this.host.privileges.isGlobalModerator(uid)]);
    return admin || globalMod;
  }

  /** May the caller see (and act on) this warning: global staff all, a category moderator those on posts they moderate. */
  private async maySee(caller: Caller, w: Warning, globalStaff: boolean): Promise<boolean> {
    if (globalStaff || w.uid === caller.uid) return true;
    return w.pid > 0 && this.host.privileges.canModeratePost(caller.uid, w.pid);
  }

  /**
   * Issues a warning. One warning per post (`post:{pid}`), and a profile warning carries the
   * form's idempotency key (`key:{moderator}:{key}`), so a double-clicked "Warn" deducts once: the
   * second request gets the first warning back (a profile form) or a translated refusal (a post).
   */
  async issue(caller: Caller, input: { uid?: unknown; username?: unknown; pid?: unknown; reason?: unknown; key?: unknown }): Promise<Warning> {
    const pid = input.pid === undefined || input.pid === '' ? 0 : parseId(input.pid) ?? -1;
    if (pid < 0) throw new BonusError('error.warning-invalid-post');
    if (!(await this.canWarn(caller, pid))) throw new BonusError('error.no-privileges', [], 403);
    let uid = parseId(input.uid) ?? 0;
    if (!pid && typeof input.username === 'string' && input.username.trim()) {
      uid = (await this.host.users.getUidByUsername(input.username.trim())) ?? 0;
    }
    if (pid) {
      const [post] = await this.host.content.getPosts([pid]);
      if (!post) throw new BonusError('error.warning-invalid-post', [], 404);
      uid = post.uid;
    }
    if (!Number.isSafeInteger(uid) || uid <= 0 || !(await this.host.users.exists(uid))) throw new BonusError('error.warning-invalid-member', [], 404);
    if (uid === caller.uid) throw new BonusError('error.warning-self');
    if (!(await this.mayWarnMember(caller.uid, uid))) throw new BonusError('error.warning-admin', [], 403);
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) throw new BonusError('error.warning-reason-required');
    if (reason.length > MAX_REASON_LENGTH) throw new BonusError('error.warning-reason-too-long', [MAX_REASON_LENGTH]);
    // A key sent is a key checked: a malformed one is refused, never a warning without protection;
    // the same key with another member or reason is refused (issue 11, item 3).
    const formKey = input.key === undefined || input.key === '' ? '' : (await this.keys.bind('warning', caller.uid, input.key, { uid, pid, reason })).key;
    const claim = pid ? `post:${pid}` : formKey ? `key:${caller.uid}:${formKey}` : '';
    const now = this.host.clock.now();
    if (claim) {
      // The claim's time first, so that repair() can free a claim a crash left without its warning.
      await this.host.db.sortedSetAdd(CLAIM_TIMES, now, claim);
      if ((await this.host.db.incrObjectField(CLAIMS, claim)) !== 1) {
        const earlier = Number(await this.host.db.getObjectField(CLAIMED, claim));
        const w = earlier ? await this.get(earlier) : null;
        if (pid) throw new BonusError('error.warning-post-already', [], 409);
        if (w) return w;
        throw new BonusError('error.warning-in-progress', [], 409);
      }
    }
    const s = await this.settings.get();
    const id = await this.host.db.increment('bonus:warnings:next');
    const w: Warning = { id, uid, byUid: caller.uid, pid, reason, amount: s.penaltyWarning, createdAt: now, revokedAt: 0, revokedBy: 0 };
    await this.host.db.setObject(warningKey(id), { id, uid, byUid: caller.uid, pid, reason, amount: w.amount, createdAt: now, claim });
    await this.host.db.sortedSetAdd(ALL, now, id);
    await this.host.db.sortedSetAdd(ofMember(uid), now, id);
    if (claim) {
      await this.host.db.setObjectField(CLAIMED, claim, id);
      await this.host.db.sortedSetRemove(CLAIM_TIMES, claim);
    }
    await this.deduct(w);
    return w;
  }

  /**
   * The warning's deduction (keyed, so repeatable), its notification, the warned post's points and
   * top-3 count withdrawn (as of the warning's time), then the mark repair() reads.
   */
  private async deduct(w: Warning): Promise<void> {
    if (w.pid > 0) await this.earning.postWarned(w.pid, w.createdAt);
    if (w.amount > 0) {
      const key = `warning:${w.id}`;
      const r = await this.ledger.debit({ uid: w.uid, amount: w.amount, key, reason: 'warning', comment: userTextToken(w.reason), actorUid: w.byUid, source: { type: 'warning', id: w.id } });
      if (isNew(r)) await this.notifier.deduction(w.uid, w.amount, w.reason, key);
    }
    await this.host.db.setObjectField(warningKey(w.id), 'deducted', 1);
  }

  /**
   * Finishes what a crash interrupted (job): a recent warning stored without its deduction is
   * deducted (same ledger key, so never twice); a claim older than `CLAIM_LEASE_MS` whose warning
   * was never stored is released, so the post can be warned for. Safe to run anywhere, any time.
   */
  async repair(): Promise<{ deducted: number; released: number }> {
    const now = this.host.clock.now();
    let deducted = 0;
    const recent = await this.host.db.getSortedSetRangeByScore(ALL, 0, 1000, now - REPAIR_WINDOW_MS, now - CLAIM_LEASE_MS);
    for (const id of recent) {
      const h = await this.host.db.getObject(warningKey(Number(id)));
      const w = decode(Number(id), h);
      if (!w || !h) continue;
      if (!h.deducted) {
        await this.deduct(w);
        deducted += 1;
      }
      if (w.revokedAt > 0 && !h.refunded) await this.refund(w);
      // A revocation claimed but never written: let the admin revoke again.
      if (w.revokedAt === 0 && Number(h.revokeClaims ?? 0) > 0 && Number(h.revokeAskedAt ?? 0) < now - CLAIM_LEASE_MS) {
        await this.host.db.deleteObjectField(warningKey(w.id), 'revokeClaims');
      }
    }
    let released = 0;
    const stale = await this.host.db.getSortedSetRangeByScore(CLAIM_TIMES, 0, 500, '-inf', now - CLAIM_LEASE_MS);
    for (const claim of stale) {
      if (!(await this.host.db.getObjectField(CLAIMED, claim))) {
        await this.host.db.deleteObjectField(CLAIMS, claim);
        released += 1;
      }
      await this.host.db.sortedSetRemove(CLAIM_TIMES, claim);
    }
    return { deducted, released };
  }

  /** Admins only; refunds the deduction once as a new entry. */
  async revoke(caller: Caller, id: number): Promise<Warning> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const w = await this.get(id);
    if (!w) throw new BonusError('error.warning-not-found', [], 404);
    const now = this.host.clock.now();
    await this.host.db.setObject(warningKey(id), { revokeAskedAt: now, revokeAskedBy: caller.uid });
    if ((await this.host.db.incrObjectField(warningKey(id), 'revokeClaims')) !== 1) throw new BonusError('error.warning-already-revoked', [], 409);
    await this.host.db.setObject(warningKey(id), { revokedAt: now, revokedBy: caller.uid });
    const revoked = { ...w, revokedAt: now, revokedBy: caller.uid };
    await this.refund(revoked);
    return revoked;
  }

  /** The refund of a revoked warning, after making sure the deduction it undoes exists (both keyed). */
  private async refund(w: Warning): Promise<void> {
    const h = await this.host.db.getObject(warningKey(w.id));
    if (!h?.deducted) await this.deduct(w);
    if (w.amount > 0) {
      await this.ledger.credit({ uid: w.uid, amount: w.amount, key: `warning:${w.id}:revoke`, reason: 'warning', comment: `[[bonus:warnings.revoked-entry, ${w.id}]]`, actorUid: w.revokedBy, source: { type: 'warning', id: w.id } });
    }
    await this.host.db.setObjectField(warningKey(w.id), 'refunded', 1);
  }

  async get(id: number): Promise<Warning | null> {
    return decode(id, await this.host.db.getObject(warningKey(id)));
  }

  /** The member's own warnings (or a moderator looking at a member: those they may act on). */
  async listOf(caller: Caller, uid: number): Promise<Warning[]> {
    if (caller.uid !== uid && !(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const all = await this.load(await this.host.db.getSortedSetRevRange(ofMember(uid), 0, 199));
    if (caller.uid === uid) return all;
    const globalStaff = await this.isGlobalStaff(caller.uid);
    return this.visible(caller, all, globalStaff);
  }

  /**
   * Every warning the caller may act on, newest first: all of them for admins and global
   * moderators; for a category moderator, those on posts they moderate (found by scanning at most
   * SCAN_LIMIT of the newest warnings, so the total is a lower bound for them).
   */
  async listAll(caller: Caller, start = 0, count = 50): Promise<{ warnings: Warning[]; total: number }> {
    if (!(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    if (await this.isGlobalStaff(caller.uid)) {
      const ids = await this.host.db.getSortedSetRevRange(ALL, start, start + count - 1);
      return { warnings: await this.load(ids), total: await this.host.db.sortedSetCard(ALL) };
    }
    const mine: Warning[] = [];
    for (let at = 0; at < SCAN_LIMIT; at += SCAN_BATCH) {
      const ids = await this.host.db.getSortedSetRevRange(ALL, at, at + SCAN_BATCH - 1);
      mine.push(...(await this.visible(caller, await this.load(ids), false)));
      if (ids.length < SCAN_BATCH) break;
    }
    return { warnings: mine.slice(start, start + count), total: mine.length };
  }

  private async visible(caller: Caller, warnings: Warning[], globalStaff: boolean): Promise<Warning[]> {
    const ok = await Promise.all(warnings.map((w) => this.maySee(caller, w, globalStaff)));
    return warnings.filter((_, i) => ok[i]);
  }

  private async load(ids: string[]): Promise<Warning[]> {
    const hashes = await this.host.db.getObjects(ids.map((id) => warningKey(Number(id))));
    return ids.map((id, i) => decode(Number(id), hashes[i])).filter((w): w is Warning => w !== null);
  }

  /**
   * `action:user.banned`: deducts once per ban. Repeated hooks for the same ban share the key
   * `ban:{uid}:{epoch}`; the epoch moves on at unban, so the next ban is a new deduction.
   */
  async banned(payload: { uid: number; callerUid?: number; reason?: string; until?: number }): Promise<boolean> {
    const uid = Number(payload.uid);
    if (!Number.isSafeInteger(uid) || uid <= 0) return false;
    const s = await this.settings.get();
    if (s.penaltyBan <= 0) return false;
    // Temporary bans expire lazily in NodeBB with no hook: a ban charged earlier whose end has
    // passed counts as lifted.
    const until = Number((await this.host.db.getObjectField('bonus:ban:until', String(uid))) ?? 0);
    if (until > 0 && until <= this.host.clock.now()) await this.unbanned(uid);
    const epoch = Number((await this.host.db.getObjectField(BAN_EPOCH, String(uid))) ?? 0) + 1;
    const key = `ban:${uid}:${epoch}`;
    const reason = typeof payload.reason === 'string' && payload.reason.trim() ? payload.reason.trim().slice(0, MAX_REASON_LENGTH) : '';
    const r = await this.ledger.debit({ uid, amount: s.penaltyBan, key, reason: 'ban', comment: reason ? userTextToken(reason) : '', actorUid: Number(payload.callerUid) || 0, source: { type: 'ban', id: `${uid}:${epoch}` } });
    if (!isNew(r)) return false;
    await this.host.db.setObjectField('bonus:ban:until', String(uid), Number(payload.until) > 0 ? Number(payload.until) : 0);
    await this.host.db.setObjectField('bonus:ban:charged', String(uid), epoch);
    await this.notifier.deduction(uid, s.penaltyBan, reason, key);
    return true;
  }

  /** `action:user.unbanned`: the next ban is a new one. Idempotent per paid ban. */
  async unbanned(uid: number): Promise<void> {
    const epoch = Number((await this.host.db.getObjectField(BAN_EPOCH, String(uid))) ?? 0);
    // Move on only if the current ban (`ban:{uid}:{epoch + 1}`) was charged, and only once, so
    // repeated unban hooks (or an unban without a charged ban) move nothing.
    const charged = Number((await this.host.db.getObjectField('bonus:ban:charged', String(uid))) ?? 0);
    if (charged !== epoch + 1) return;
    if ((await this.host.db.incrObjectField('bonus:ban:unbanned', `${uid}:${epoch}`)) === 1) {
      await this.host.db.incrObjectField(BAN_EPOCH, String(uid));
    }
  }
}
