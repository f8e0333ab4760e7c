/**
 * Transfers between members (PROGRAM §6): a member sends points to another member by username, with
 * an optional message; admins may reverse a transfer (new entries, never edits).
 *
 * Safety:
 * - the points leave the sender through the ledger's checked `spend` (`transfer:{id}:out`), decided on
 *   an atomic counter, so parallel transfers never overdraw; the recipient gets `transfer:{id}:in`;
 * - the client sends an idempotency key with the form: the first request with `{uid}:{key}` wins a
 *   claim, a repeat (double submit) waits for it and gets the same transfer back;
 * - the per-day limit is decided on the member's day set (local day in the forum's time zone): the
 *   transfer adds itself, then the sum is checked (so two at once are never both let over the limit);
 * - sending and reversing are durable-steps workflows (transfer-workflows.ts): a crash at any point is
 *   finished (once `out` is written) or undone (day limit and client key given back) by the steps
 *   recovery job.
 *
 * The records are kept by store-transfers.ts, the ledger keys named in ledger-keys.ts.
 *
 */
import { refusable, type Result } from '../../kernel/result';
import { canonicalInt } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { BonusError, counted } from '../../kernel/errors';
import type { SettingsService } from '../settings';
import type { LedgerService } from '../ledger';
import { roleGroups } from '../earning';
import { ClientKeys } from '../../kernel/idempotency';
import { checkTransferAmount, dayId, mayReceiveTransfer, maySendTransfer } from './domain';
import type { ProgramSettings } from '../settings';
import type { StepsService } from '../../kernel/steps-service';
import { TransfersStore, type Transfer } from './store-transfers';
import { TransferWorkflows } from './transfer-workflows';

export type { Transfer } from './store-transfers';

export interface TransferResult {
  transfer: Transfer;
  replayed: boolean;
}

export const MAX_MESSAGE_LENGTH = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class TransferService {
  private readonly keys: ClientKeys;
  private readonly store: TransfersStore;
  private readonly flows: TransferWorkflows;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    ledger: LedgerService,
    private readonly steps: StepsService,
  ) {
    this.keys = new ClientKeys(host.db);
    this.store = new TransfersStore(host.db);
    this.flows = new TransferWorkflows(host, settings, this.store, ledger, steps);
  }

  /** May the member send (their program roles)? */
  async maySend(uid: number, s?: ProgramSettings): Promise<boolean> {
    if (uid <= 0) return false;
    const settings = s ?? await this.settings.get();
    const [[groups], [user]] = await Promise.all([this.host.groups.getUserGroupNames([uid]), this.host.users.getUsers([uid])]);
    if (!user) return false;
    return maySendTransfer({ groups: groups ?? [], banned: user.banned }, settings.transferExcludeSenders, roleGroups(settings));
  }

  /** Sends points; see the file comment for the guarantees. A refusal changes nothing. */
  send(caller: Caller, input: { to?: unknown; amount?: unknown; message?: unknown; key?: unknown }): Promise<Result<TransferResult>> {
    return refusable(() => this.doSend(caller, input));
  }

  private async doSend(caller: Caller, input: { to?: unknown; amount?: unknown; message?: unknown; key?: unknown }): Promise<TransferResult> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 'forbidden');
    // The key stands for this transfer only: the same key to another member or amount is refused.
    const { key, release } = await this.keys.bind('transfer', caller.uid, input.key, {
      to: String(input.to ?? '').trim(), amount: String(input.amount ?? '').trim(), message: typeof input.message === 'string' ? input.message.trim() : '',
    });
    const claimKey = `${caller.uid}:${key}`;
    const replay = await this.store.byClaimKey(claimKey);
    if (replay) return { transfer: replay, replayed: true };

    const s = await this.settings.get();
    const { toUid, amount, message } = await this.validate(caller.uid, input, s).catch(async (err: unknown) => {
      await release();
      throw err;
    });
    if (!(await this.store.claim(claimKey))) return this.waitForFirst(caller, input, claimKey);

    const id = await this.store.nextId();
    const names = await this.names([caller.uid, toUid]);
    const now = this.host.clock.now();
    const run = await this.steps.run(this.flows.sending, String(id), {
      id, fromUid: caller.uid, toUid, amount, message, createdAt: now, claimKey, day: dayId(now, s.timeZone), dayLimit: s.transferDayLimit,
      fromName: names.get(caller.uid) ?? String(caller.uid), toName: names.get(toUid) ?? String(toUid),
    }).catch(async (err: unknown) => {
      // A refusal undid every step: the client's key is free for another request.
      if (err instanceof BonusError) await release();
      throw err;
    });
    const transfer = run.outcome === 'done' ? await this.get(id) : null;
    // Not known yet (the ledger is finishing an operation a crash stopped): the recovery job ends it.
    if (!transfer) throw new BonusError('error.finance.busy', [], 'conflict');
    return { transfer, replayed: false };
  }

  /** The parsed, allowed request; throws the first reason it is not. */
  private async validate(fromUid: number, input: { to?: unknown; amount?: unknown; message?: unknown }, s: ProgramSettings) {
    const message = typeof input.message === 'string' ? input.message.trim() : '';
    if (message.length > MAX_MESSAGE_LENGTH) throw new BonusError('error.transfer.message-too-long', [MAX_MESSAGE_LENGTH]);
    const parsed = canonicalInt(0).safeParse(input.amount);
    const amount = parsed.success ? parsed.data : NaN;
    const refusal = checkTransferAmount(amount, { min: s.transferMin, max: s.transferMax, perDay: s.transferDayLimit });
    if (refusal === 'transfer-amount') throw new BonusError('error.transfer.amount', [counted(Math.max(1, s.transferMin), 'points.gen'), counted(s.transferMax, 'points.gen')]);
    if (refusal === 'transfer-day-limit') {
      throw new BonusError('error.transfer.day-limit', [counted(s.transferDayLimit), counted(Math.max(0, s.transferDayLimit - (await this.sentToday(fromUid))))]);
    }
    const username = typeof input.to === 'string' ? input.to.trim().replace(/^@/, '') : '';
    if (!username) throw new BonusError('error.transfer.no-recipient');
    const toUid = await this.host.users.getUidByUsername(username);
    if (!toUid || toUid <= 0) throw new BonusError('error.transfer.unknown-recipient', [username], 'not-found');
    if (toUid === fromUid) throw new BonusError('error.transfer.self');
    const uids = [fromUid, toUid];
    const [groups, users] = await Promise.all([this.host.groups.getUserGroupNames(uids), this.host.users.getUsers(uids)]);
    const map = roleGroups(s);
    if (!users[0] || !maySendTransfer({ groups: groups[0] ?? [], banned: users[0].banned }, s.transferExcludeSenders, map)) {
      throw new BonusError('error.transfer.sender-not-allowed', [], 'forbidden');
    }
    if (!users[1]) throw new BonusError('error.transfer.unknown-recipient', [username], 'not-found');
    if (!mayReceiveTransfer({ groups: groups[1] ?? [], banned: users[1].banned }, s.transferExcludeRecipients, map)) {
      throw new BonusError('error.transfer.recipient-not-allowed', [username]);
    }
    return { toUid, amount, message };
  }

  /** A repeat of a request still running: wait for its transfer (or its refusal, then try again). */
  private async waitForFirst(caller: Caller, input: Parameters<TransferService['send']>[1], claimKey: string): Promise<TransferResult> {
    for (let step = 0; step < 500; step += 1) {
      const t = await this.store.byClaimKey(claimKey);
      if (t) return { transfer: t, replayed: true };
      if (!(await this.store.isClaimed(claimKey))) return this.doSend(caller, input);
      await sleep(10);
    }
    throw new BonusError('error.finance.busy', [], 'conflict');
  }

  /** Admins: gives the points back to the sender (new entries); idempotent (a repeat changes nothing). */
  reverse(caller: Caller, id: number): Promise<Result<TransferResult>> {
    return refusable(() => this.doReverse(caller, id));
  }

  private async doReverse(caller: Caller, id: number): Promise<TransferResult> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    const t = await this.get(id);
    if (!t) throw new BonusError('error.transfer.not-found', [], 'not-found');
    if (t.state !== 'done') throw new BonusError('error.finance.busy', [], 'conflict');
    const run = await this.steps.run(this.flows.reversing, String(id), {
      id, fromUid: t.fromUid, toUid: t.toUid, amount: t.amount, byUid: caller.uid, at: this.host.clock.now(),
    });
    const after = (await this.get(id))!;
    if (run.started && run.outcome === 'done') return { transfer: after, replayed: false };
    if (run.outcome !== 'done' && after.reversedAt === 0) throw new BonusError('error.finance.busy', [], 'conflict');
    return { transfer: after, replayed: true };
  }

  get(id: number): Promise<Transfer | null> {
    return this.store.get(id);
  }

  /** The member's sent and received transfers, newest first (the member, or an admin). */
  listOf(caller: Caller, uid: number, count = 50): Promise<Result<Transfer[]>> {
    return refusable(() => this.doListOf(caller, uid, count));
  }

  private async doListOf(caller: Caller, uid: number, count = 50): Promise<Transfer[]> {
    if (caller.uid !== uid && !(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    return this.store.ofMember(uid, count);
  }

  /** Every transfer, newest first (admins). */
  listAll(caller: Caller, start = 0, count = 100): Promise<Result<{ transfers: Transfer[]; total: number }>> {
    return refusable(() => this.doListAll(caller, start, count));
  }

  private async doListAll(caller: Caller, start = 0, count = 100): Promise<{ transfers: Transfer[]; total: number }> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    return this.store.page(start, count);
  }

  /** Public: what a member (the charity account) has received in total (net of reversals), and the latest gifts. */
  async received(uid: number, count = 20): Promise<{ total: number; recent: Transfer[] }> {
    const [total, recent] = await Promise.all([this.store.receivedTotal(uid), this.store.receivedBy(uid, count)]);
    return { total, recent };
  }

  /** What the member has sent today (local day), for the form's hint. */
  async sentToday(uid: number): Promise<number> {
    const s = await this.settings.get();
    return this.store.daySum(dayId(this.host.clock.now(), s.timeZone), uid);
  }

  async names(uids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(uids)];
    const users = await this.host.users.getUsers(unique);
    return new Map(unique.map((uid, i) => [uid, users[i]?.username ?? String(uid)]));
  }
}
