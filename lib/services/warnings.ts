/**
 * The warning centre and ban penalties (PROGRAM §3). NodeBB has no warnings: moderators warn a
 * member with a reason (from a post's tools or the member's profile); the configured amount is
 * deducted once (ledger key `warning:{id}`); an admin may revoke a warning, which refunds it as a
 * new entry (`warning:{id}:revoke`). A ban (`action:user.banned`) deducts once per ban
 * (`ban:{uid}:{n}`, n moves on at unban), with the ban's reason in the member's history.
 *
 * Storage: `bonus:warning:{id}` (hash), `bonus:warnings` (zset id → created), `bonus:warnings:uid:{uid}`.
 */
import type { Caller, Host } from '../host';
import { BonusError } from '../errors';
import type { SettingsService } from './settings';
import { isNew, type EarningLedger } from './earning-ledger';
import type { EarningNotifier } from './earning-notify';

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
  ) {}

  /** May the caller warn from this post (or, without a post, anyone)? */
  async canWarn(caller: Caller, pid = 0): Promise<boolean> {
    if (!caller.uid) return false;
    return pid ? this.host.privileges.canModeratePost(caller.uid, pid) : this.host.privileges.isModeratorAnywhere(caller.uid);
  }

  async issue(caller: Caller, input: { uid?: unknown; pid?: unknown; reason?: unknown }): Promise<Warning> {
    const pid = input.pid === undefined || input.pid === '' ? 0 : Number(input.pid);
    if (!Number.isSafeInteger(pid) || pid < 0) throw new BonusError('error.warning-invalid-post');
    if (!(await this.canWarn(caller, pid))) throw new BonusError('error.no-privileges', [], 403);
    let uid = Number(input.uid);
    if (pid) {
      const [post] = await this.host.content.getPosts([pid]);
      if (!post) throw new BonusError('error.warning-invalid-post', [], 404);
      uid = post.uid;
    }
    if (!Number.isSafeInteger(uid) || uid <= 0 || !(await this.host.users.exists(uid))) throw new BonusError('error.warning-invalid-member', [], 404);
    if (uid === caller.uid) throw new BonusError('error.warning-self');
    const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
    if (!reason) throw new BonusError('error.warning-reason-required');
    if (reason.length > MAX_REASON_LENGTH) throw new BonusError('error.warning-reason-too-long', [MAX_REASON_LENGTH]);
    const s = await this.settings.get();
    const id = await this.host.db.increment('bonus:warnings:next');
    const now = this.host.clock.now();
    const w: Warning = { id, uid, byUid: caller.uid, pid, reason, amount: s.penaltyWarning, createdAt: now, revokedAt: 0, revokedBy: 0 };
    await this.host.db.setObject(warningKey(id), { id, uid, byUid: caller.uid, pid, reason, amount: w.amount, createdAt: now });
    await this.host.db.sortedSetAdd(ALL, now, id);
    await this.host.db.sortedSetAdd(ofMember(uid), now, id);
    if (w.amount > 0) {
      const key = `warning:${id}`;
      const r = await this.ledger.debit({ uid, amount: w.amount, key, reason: 'warning', comment: reason, actorUid: caller.uid, source: { type: 'warning', id } });
      if (isNew(r)) await this.notifier.deduction(uid, w.amount, reason, key);
    }
    return w;
  }

  /** Admins only; refunds the deduction once as a new entry. */
  async revoke(caller: Caller, id: number): Promise<Warning> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const w = await this.get(id);
    if (!w) throw new BonusError('error.warning-not-found', [], 404);
    if ((await this.host.db.incrObjectField(warningKey(id), 'revokeClaims')) !== 1) throw new BonusError('error.warning-already-revoked', [], 409);
    const now = this.host.clock.now();
    await this.host.db.setObject(warningKey(id), { revokedAt: now, revokedBy: caller.uid });
    if (w.amount > 0) {
      await this.ledger.credit({ uid: w.uid, amount: w.amount, key: `warning:${id}:revoke`, reason: 'warning', comment: `[[bonus:warnings.revoked-entry, ${id}]]`, actorUid: caller.uid, source: { type: 'warning', id } });
    }
    return { ...w, revokedAt: now, revokedBy: caller.uid };
  }

  async get(id: number): Promise<Warning | null> {
    return decode(id, await this.host.db.getObject(warningKey(id)));
  }

  /** The member's own warnings (or a moderator looking at a member). */
  async listOf(caller: Caller, uid: number): Promise<Warning[]> {
    if (caller.uid !== uid && !(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    return this.load(await this.host.db.getSortedSetRevRange(ofMember(uid), 0, 199));
  }

  /** Every warning, newest first; moderators and admins. */
  async listAll(caller: Caller, start = 0, count = 50): Promise<{ warnings: Warning[]; total: number }> {
    if (!(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const ids = await this.host.db.getSortedSetRevRange(ALL, start, start + count - 1);
    return { warnings: await this.load(ids), total: await this.host.db.sortedSetCard(ALL) };
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
    const r = await this.ledger.debit({ uid, amount: s.penaltyBan, key, reason: 'ban', comment: reason, actorUid: Number(payload.callerUid) || 0, source: { type: 'ban', id: `${uid}:${epoch}` } });
    if (!isNew(r)) return false;
    await this.host.db.setObjectField('bonus:ban:until', String(uid), Number(payload.until) > 0 ? Number(payload.until) : 0);
    await this.host.db.setObjectField('bonus:ban:charged', String(uid), epoch);
    await this.notifier.deduction(uid, s.penaltyBan, reason || '[[bonus:warnings.ban-no-reason]]', key);
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
