/**
 * The warning centre (PROGRAM §3). NodeBB has no warnings: moderators warn a member with a reason
 * (from a post's tools or the member's profile); the configured amount is deducted once (ledger key
 * `warning:{id}`); an admin may revoke a warning, which refunds it as a new entry
 * (`warning:{id}:revoke`). Issuing and revoking are durable-steps workflows (service-workflows.ts).
 * Ban penalties: service-bans.ts. Storage: store.ts.
 *
 * Who warns whom: admins and global moderators warn anyone (a post or the profile form); a category
 * moderator warns only through posts in the categories they moderate; nobody but an admin warns an
 * admin. Moderators see the warnings they may act on (a category moderator: those on posts they
 * moderate); a member sees their own.
 */
import { refusable, type Result } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { ClientKeys } from '../../kernel/idempotency';
import type { StepsService, Workflow } from '../../kernel/steps-service';
import type { SettingsService } from '../settings';
import type { EarningLedger, EarningNotifier, EarningService } from '../earning';
import { MAX_REASON_LENGTH, checkReason, warningClaim, type Warning } from './domain';
import { WarningStore } from './store';
import { BanPenalties } from './service-bans';
import { issueWorkflow, revokeWorkflow, type IssueData, type RevokeData } from './service-workflows';

export { MAX_REASON_LENGTH, type Warning };

/** A category moderator's list scans at most this many of the newest warnings, in batches. */
const SCAN_LIMIT = 1000;
const SCAN_BATCH = 100;

export class WarningService {
  private readonly keys: ClientKeys;
  private readonly store: WarningStore;
  private readonly bans: BanPenalties;
  private readonly issuing: Workflow<IssueData>;
  private readonly revoking: Workflow<RevokeData>;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    ledger: EarningLedger,
    notifier: EarningNotifier,
    earning: EarningService,
    private readonly steps: StepsService,
  ) {
    this.keys = new ClientKeys(host.db);
    this.store = new WarningStore(host.db);
    this.bans = new BanPenalties(host, settings, ledger, notifier);
    const deps = { store: this.store, ledger, notifier, earning };
    this.issuing = steps.register(issueWorkflow(deps));
    this.revoking = steps.register(revokeWorkflow(deps));
  }

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

  /** Whom the warning is for (a post's author, a uid, or a username), or a translated refusal. */
  private async target(caller: Caller, pid: number, input: { uid?: unknown; username?: unknown }): Promise<number> {
    let uid = parseId(input.uid) ?? 0;
    if (!pid && typeof input.username === 'string' && input.username.trim()) {
      uid = (await this.host.users.getUidByUsername(input.username.trim())) ?? 0;
    }
    if (pid) {
      const [post] = await this.host.content.getPosts([pid]);
      if (!post) throw new BonusError('error.warning-invalid-post', [], 'not-found');
      uid = post.uid;
    }
    if (!Number.isSafeInteger(uid) || uid <= 0 || !(await this.host.users.exists(uid))) throw new BonusError('error.warning-invalid-member', [], 'not-found');
    if (uid === caller.uid) throw new BonusError('error.warning-self');
    if (!(await this.mayWarnMember(caller.uid, uid))) throw new BonusError('error.warning-admin', [], 'forbidden');
    return uid;
  }

  /**
   * Issues a warning. One warning per post (`post:{pid}`), and a profile warning carries the
   * form's idempotency key (`key:{moderator}:{key}`), so a double-clicked "Warn" deducts once: the
   * second request gets the first warning back (a profile form) or a translated refusal (a post).
   * The claim is the `warning-issue` workflow's id: its first run is the warning.
   */
  issue(caller: Caller, input: { uid?: unknown; username?: unknown; pid?: unknown; reason?: unknown; key?: unknown }): Promise<Result<Warning>> {
    return refusable(() => this.doIssue(caller, input));
  }

  private async doIssue(caller: Caller, input: { uid?: unknown; username?: unknown; pid?: unknown; reason?: unknown; key?: unknown }): Promise<Warning> {
    const pid = input.pid === undefined || input.pid === '' ? 0 : parseId(input.pid) ?? -1;
    if (pid < 0) throw new BonusError('error.warning-invalid-post');
    if (!(await this.canWarn(caller, pid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    const uid = await this.target(caller, pid, input);
    const checked = checkReason(input.reason);
    if (!checked.ok) throw new BonusError(`error.${checked.refusal}`, checked.refusal === 'warning-reason-too-long' ? [MAX_REASON_LENGTH] : []);
    const { reason } = checked;
    // A key sent is a key checked: a malformed one is refused, never a warning without protection;
    // the same key with another member or reason is refused (issue 11, item 3).
    const formKey = input.key === undefined || input.key === '' ? '' : (await this.keys.bind('warning', caller.uid, input.key, { uid, pid, reason })).key;
    const id = await this.store.nextId();
    const claim = warningClaim(pid, caller.uid, formKey, id);
    const w: Warning = { id, uid, byUid: caller.uid, pid, reason, amount: (await this.settings.get()).penaltyWarning, createdAt: this.host.clock.now(), revokedAt: 0, revokedBy: 0 };
    const run = (await this.store.legacyClaimed(claim)) ? null : await this.steps.run(this.issuing, claim, { ...w, claim });
    if (run?.started) return (await this.store.get(id)) ?? w;
    // Claimed before: a post is warned for once; a form's key gets its first warning back.
    if (pid) throw new BonusError('error.warning-post-already', [], 'conflict');
    const first = await this.steps.input<IssueData>(this.issuing.name, claim);
    const earlier = first ? await this.store.get(first.id) : null;
    if (earlier) return earlier;
    throw new BonusError('error.warning-in-progress', [], 'conflict');
  }

  /** Admins only; refunds the deduction once as a new entry. */
  revoke(caller: Caller, id: number): Promise<Result<Warning>> {
    return refusable(() => this.doRevoke(caller, id));
  }

  private async doRevoke(caller: Caller, id: number): Promise<Warning> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    const w = await this.store.get(id);
    if (!w) throw new BonusError('error.warning-not-found', [], 'not-found');
    const run = await this.steps.run(this.revoking, String(id), {
      id, uid: w.uid, amount: w.amount, reason: w.reason, byUid: w.byUid, revokedBy: caller.uid, at: this.host.clock.now(),
    });
    // A warning revoked before durable steps was still run through (its refund is keyed): healed, not revoked again.
    if (!run.started || w.revokedAt > 0) throw new BonusError('error.warning-already-revoked', [], 'conflict');
    return (await this.store.get(id)) ?? w;
  }

  async get(id: number): Promise<Warning | null> {
    return this.store.get(id);
  }

  /** The member's own warnings (or a moderator looking at a member: those they may act on). */
  listOf(caller: Caller, uid: number): Promise<Result<Warning[]>> {
    return refusable(() => this.doListOf(caller, uid));
  }

  private async doListOf(caller: Caller, uid: number): Promise<Warning[]> {
    if (caller.uid !== uid && !(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    const all = await this.store.load(await this.store.newestOf(uid, 200));
    if (caller.uid === uid) return all;
    const globalStaff = await this.isGlobalStaff(caller.uid);
    return this.visible(caller, all, globalStaff);
  }

  /**
   * Every warning the caller may act on, newest first: all of them for admins and global
   * moderators; for a category moderator, those on posts they moderate (found by scanning at most
   * SCAN_LIMIT of the newest warnings, so the total is a lower bound for them).
   */
  listAll(caller: Caller, start = 0, count = 50): Promise<Result<{ warnings: Warning[]; total: number }>> {
    return refusable(() => this.doListAll(caller, start, count));
  }

  private async doListAll(caller: Caller, start = 0, count = 50): Promise<{ warnings: Warning[]; total: number }> {
    if (!(await this.host.privileges.isModeratorAnywhere(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    if (await this.isGlobalStaff(caller.uid)) {
      const ids = await this.store.newest(start, start + count - 1);
      return { warnings: await this.store.load(ids), total: await this.store.count() };
    }
    const mine: Warning[] = [];
    for (let at = 0; at < SCAN_LIMIT; at += SCAN_BATCH) {
      const ids = await this.store.newest(at, at + SCAN_BATCH - 1);
      mine.push(...(await this.visible(caller, await this.store.load(ids), false)));
      if (ids.length < SCAN_BATCH) break;
    }
    return { warnings: mine.slice(start, start + count), total: mine.length };
  }

  private async visible(caller: Caller, warnings: Warning[], globalStaff: boolean): Promise<Warning[]> {
    const ok = await Promise.all(warnings.map((w) => this.maySee(caller, w, globalStaff)));
    return warnings.filter((_, i) => ok[i]);
  }

  /** `action:user.banned` (service-bans.ts). */
  banned(payload: { uid: number; callerUid?: number; reason?: string; until?: number }): Promise<boolean> {
    return this.bans.banned(payload);
  }

  /** `action:user.unbanned` (service-bans.ts). */
  unbanned(uid: number): Promise<void> {
    return this.bans.unbanned(uid);
  }

  /** The upgrade of the ban flags to sorted sets (lib/upgrades/ban-flags.ts). */
  migrateBanFlags(): Promise<number> {
    return this.bans.migrateLegacy();
  }
}
