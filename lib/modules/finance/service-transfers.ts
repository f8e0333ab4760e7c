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
 * - sending and reversing are durable-steps workflows (lib/kernel/steps.ts, `transfer-send` and
 *   `transfer-reverse`, id = the transfer's id): a crash at any point is finished (once `out` is
 *   written) or undone (day limit and client key given back) by the steps recovery job. Whether `out`
 *   happened is asked of the ledger by repeating the keyed spend, never guessed from a missing entry.
 *
 * Storage: `bonus:transfer:{id}` (hash, written when done), `bonus:transfers` (zset id → created),
 * `bonus:transfers:uid:{uid}` (sent and received), `bonus:transfers:to:{uid}`, `bonus:transfers:keys`
 * (zset `{uid}:{key}` → id), `bonus:transfers:received` (hash uid → total received),
 * `bonus:transfers:day:{day}:{uid}` (zset transfer id → amount).
 */
import { canonicalInt } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { BonusError, counted, countedToken, htmlText, translationToken } from '../../kernel/errors';
import type { SettingsService } from '../settings';
import type { LedgerService } from '../ledger';
import { roleGroups } from '../earning';
import { ClientKeys } from '../../kernel/idempotency';
import { checkTransferAmount, dayId, mayReceiveTransfer, maySendTransfer, withinDayLimit } from './domain';
import type { ProgramSettings } from '../settings';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';

export interface Transfer {
  id: number;
  fromUid: number;
  toUid: number;
  amount: number;
  message: string;
  createdAt: number;
  state: 'sending' | 'done';
  reversedAt: number;
  reversedBy: number;
}

export interface TransferResult {
  transfer: Transfer;
  replayed: boolean;
}

export const MAX_MESSAGE_LENGTH = 500;
/** The hash earlier versions kept transfer claims in, and the sorted set they live in now. */
export const LEGACY_TRANSFER_CLAIMS = ['bonus:transfers:claims', 'bonus:transfers:claimed'] as const;
const K = {
  transfer: (id: number) => `bonus:transfer:${id}`,
  all: 'bonus:transfers',
  ofMember: (uid: number) => `bonus:transfers:uid:${uid}`,
  to: (uid: number) => `bonus:transfers:to:${uid}`,
  keys: 'bonus:transfers:keys',
  /** Sorted set claim key → count (one member per transfer, not one growing hash; issue 13, item 5). */
  claims: 'bonus:transfers:claimed',
  received: 'bonus:transfers:received',
  day: (day: string, uid: number) => `bonus:transfers:day:${day}:${uid}`,
  /** Per club day: `{to}:{from}:n` and `{to}:{from}:sum` of the transfers one sender made to one recipient. */
  notifyDay: (day: string) => `bonus:transfers:notify:${day}`,
};

/** The input of a `transfer-send` workflow (everything its steps need, decided before it starts). */
interface SendData {
  id: number; fromUid: number; toUid: number; amount: number; message: string; createdAt: number;
  claimKey: string; day: string; dayLimit: number; fromName: string; toName: string;
}

interface ReverseData { id: number; fromUid: number; toUid: number; amount: number; byUid: number; at: number }

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function decode(id: number, h: Record<string, string> | null): Transfer | null {
  if (!h?.fromUid) return null;
  return {
    id, fromUid: Number(h.fromUid), toUid: Number(h.toUid), amount: Number(h.amount), message: h.message ?? '',
    createdAt: Number(h.createdAt), state: h.state === 'done' ? 'done' : 'sending',
    reversedAt: Number(h.reversedAt ?? 0), reversedBy: Number(h.reversedBy ?? 0),
  };
}

export class TransferService {
  private readonly keys: ClientKeys;
  private readonly sending: Workflow<SendData>;
  private readonly reversing: Workflow<ReverseData>;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: LedgerService,
    private readonly steps: StepsService,
  ) {
    this.keys = new ClientKeys(host.db);
    this.sending = steps.register(this.sendWorkflow());
    this.reversing = steps.register(this.reverseWorkflow());
  }

  /** Day limit → sender's `out` (checked) → recipient's `in` → the record and indexes → the notification. */
  private sendWorkflow(): Workflow<SendData> {
    const db = this.host.db;
    return {
      name: 'transfer-send',
      steps: [
        {
          name: 'day-limit',
          run: async (d) => {
            const key = K.day(d.day, d.fromUid);
            await db.sortedSetAdd(key, d.amount, d.id);
            const total = await this.daySum(key);
            if (!withinDayLimit(total, { min: 0, max: 0, perDay: d.dayLimit })) throw new BonusError('error.transfer.day-limit', [counted(d.dayLimit), counted(Math.max(0, d.dayLimit - (total - d.amount)))]);
          },
          undo: async (d) => {
            await db.sortedSetRemove(K.day(d.day, d.fromUid), d.id);
            await db.sortedSetRemove(K.claims, d.claimKey);
          },
        },
        {
          name: 'out',
          run: async (d) => {
            const out = await this.ledger.spend({
              uid: d.fromUid, amount: d.amount, key: `transfer:${d.id}:out`, reason: 'transfer-out', actorUid: d.fromUid,
              comment: translationToken('transfer.history-to', [escapeHtml(d.toName)]), source: { type: 'transfer', id: d.id },
            });
            if (!out.ok && out.code === 'insufficient-points') throw new BonusError('error.transfer.insufficient-points');
            settled(out, `transfer ${d.id} out`);
          },
        },
        {
          name: 'in',
          run: async (d) => settled(await this.ledger.credit({
            uid: d.toUid, amount: d.amount, key: `transfer:${d.id}:in`, reason: 'transfer-in', actorUid: d.fromUid,
            comment: translationToken('transfer.history-from', [escapeHtml(d.fromName)]), source: { type: 'transfer', id: d.id },
          }), `transfer ${d.id} in`),
        },
        {
          name: 'record',
          run: async (d) => {
            await db.setObject(K.transfer(d.id), {
              id: d.id, fromUid: d.fromUid, toUid: d.toUid, amount: d.amount, message: d.message, createdAt: d.createdAt, state: 'done',
            });
            await db.sortedSetAddBulk([
              [K.all, d.createdAt, d.id], [K.ofMember(d.fromUid), d.createdAt, d.id], [K.ofMember(d.toUid), d.createdAt, d.id], [K.to(d.toUid), d.createdAt, d.id],
            ]);
            await db.sortedSetAdd(K.keys, d.id, d.claimKey);
          },
        },
        {
          name: 'notify',
          run: async (d, ctx) => {
            await ctx.once('received', () => db.incrObjectFieldBy(K.received, String(d.toUid), d.amount));
            // Many transfers from one sender in a day make one notification with their count and sum.
            await ctx.once('notify', () => this.notifyReceived(d, d.fromName));
          },
        },
      ],
    };
  }

  /** The recipient's debit → the sender's refund → the record → the notifications (never refused: only rolled forward). */
  private reverseWorkflow(): Workflow<ReverseData> {
    const db = this.host.db;
    const entry = (d: ReverseData) => ({ comment: translationToken('transfer.reversed-entry', [d.id]), source: { type: 'transfer' as const, id: d.id }, actorUid: d.byUid, reason: 'transfer-reversal' });
    return {
      name: 'transfer-reverse',
      steps: [
        { name: 'back', run: async (d) => settled(await this.ledger.debit({ ...entry(d), uid: d.toUid, amount: d.amount, key: `transfer:${d.id}:reverse:in` }), `transfer ${d.id} reverse in`) },
        { name: 'refund', run: async (d) => settled(await this.ledger.credit({ ...entry(d), uid: d.fromUid, amount: d.amount, key: `transfer:${d.id}:reverse:out` }), `transfer ${d.id} reverse out`) },
        {
          name: 'record',
          run: async (d, ctx) => {
            await db.setObject(K.transfer(d.id), { reversedAt: d.at, reversedBy: d.byUid });
            await ctx.once('received', () => db.incrObjectFieldBy(K.received, String(d.toUid), -d.amount));
          },
        },
        {
          name: 'notify',
          run: async (d, ctx) => {
            for (const uid of [d.fromUid, d.toUid]) {
              await ctx.once(`notify:${uid}`, () => this.notify(uid, { type: 'bonus-transfer', nid: `bonus:transfer:${d.id}:reversed:${uid}`, bodyShort: (lang) => countedToken(lang, 'notify.transfer-reversed', [d.id, counted(d.amount)]), path: '/bonus/transfer' }));
            }
          },
        },
      ],
    };
  }

  private async daySum(key: string): Promise<number> {
    const rows = await this.host.db.getSortedSetRangeWithScores(key, 0, -1);
    return rows.reduce((sum, r) => sum + r.score, 0);
  }

  /** May the member send (their program roles)? */
  async maySend(uid: number, s?: ProgramSettings): Promise<boolean> {
    if (uid <= 0) return false;
    const settings = s ?? await this.settings.get();
    const [[groups], [user]] = await Promise.all([this.host.groups.getUserGroupNames([uid]), this.host.users.getUsers([uid])]);
    if (!user) return false;
    return maySendTransfer({ groups: groups ?? [], banned: user.banned }, settings.transferExcludeSenders, roleGroups(settings));
  }

  /** Sends points; see the file comment for the guarantees. Refusals throw BonusError and change nothing. */
  async send(caller: Caller, input: { to?: unknown; amount?: unknown; message?: unknown; key?: unknown }): Promise<TransferResult> {
    if (!caller.uid || caller.uid <= 0) throw new BonusError('error.not-logged-in', [], 403);
    // The key stands for this transfer only: the same key to another member or amount is refused.
    const { key, release } = await this.keys.bind('transfer', caller.uid, input.key, {
      to: String(input.to ?? '').trim(), amount: String(input.amount ?? '').trim(), message: typeof input.message === 'string' ? input.message.trim() : '',
    });
    const claimKey = `${caller.uid}:${key}`;
    const replay = await this.byClaimKey(claimKey);
    if (replay) return { transfer: replay, replayed: true };

    const s = await this.settings.get();
    const { toUid, amount, message } = await this.validate(caller.uid, input, s).catch(async (err: unknown) => {
      await release();
      throw err;
    });
    if ((await this.host.db.sortedSetIncrBy(K.claims, 1, claimKey)) !== 1) return this.waitForFirst(caller, input, claimKey);

    const id = await this.host.db.incrObjectField('bonus:ids', 'nextTransferId');
    const names = await this.names([caller.uid, toUid]);
    const now = this.host.clock.now();
    const run = await this.steps.run(this.sending, String(id), {
      id, fromUid: caller.uid, toUid, amount, message, createdAt: now, claimKey, day: dayId(now, s.timeZone), dayLimit: s.transferDayLimit,
      fromName: names.get(caller.uid) ?? String(caller.uid), toName: names.get(toUid) ?? String(toUid),
    }).catch(async (err: unknown) => {
      // A refusal undid every step: the client's key is free for another request.
      if (err instanceof BonusError) await release();
      throw err;
    });
    const transfer = run.outcome === 'done' ? await this.get(id) : null;
    // Not known yet (the ledger is finishing an operation a crash stopped): the recovery job ends it.
    if (!transfer) throw new BonusError('error.finance.busy', [], 409);
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
    if (!toUid || toUid <= 0) throw new BonusError('error.transfer.unknown-recipient', [username], 404);
    if (toUid === fromUid) throw new BonusError('error.transfer.self');
    const uids = [fromUid, toUid];
    const [groups, users] = await Promise.all([this.host.groups.getUserGroupNames(uids), this.host.users.getUsers(uids)]);
    const map = roleGroups(s);
    if (!users[0] || !maySendTransfer({ groups: groups[0] ?? [], banned: users[0].banned }, s.transferExcludeSenders, map)) {
      throw new BonusError('error.transfer.sender-not-allowed', [], 403);
    }
    if (!users[1]) throw new BonusError('error.transfer.unknown-recipient', [username], 404);
    if (!mayReceiveTransfer({ groups: groups[1] ?? [], banned: users[1].banned }, s.transferExcludeRecipients, map)) {
      throw new BonusError('error.transfer.recipient-not-allowed', [username]);
    }
    return { toUid, amount, message };
  }

  /** A repeat of a request still running: wait for its transfer (or its refusal, then try again). */
  private async waitForFirst(caller: Caller, input: Parameters<TransferService['send']>[1], claimKey: string): Promise<TransferResult> {
    for (let step = 0; step < 500; step += 1) {
      const t = await this.byClaimKey(claimKey);
      if (t) return { transfer: t, replayed: true };
      if (((await this.host.db.sortedSetScore(K.claims, claimKey)) ?? 0) === 0) return this.send(caller, input);
      await sleep(10);
    }
    throw new BonusError('error.finance.busy', [], 409);
  }

  private async byClaimKey(claimKey: string): Promise<Transfer | null> {
    const id = await this.host.db.sortedSetScore(K.keys, claimKey);
    return id === null ? null : this.get(id);
  }

  /** Admins: gives the points back to the sender (new entries); idempotent (a repeat changes nothing). */
  async reverse(caller: Caller, id: number): Promise<TransferResult> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const t = await this.get(id);
    if (!t) throw new BonusError('error.transfer.not-found', [], 404);
    if (t.state !== 'done') throw new BonusError('error.finance.busy', [], 409);
    const run = await this.steps.run(this.reversing, String(id), {
      id, fromUid: t.fromUid, toUid: t.toUid, amount: t.amount, byUid: caller.uid, at: this.host.clock.now(),
    });
    const after = (await this.get(id))!;
    if (run.started && run.outcome === 'done') return { transfer: after, replayed: false };
    if (run.outcome !== 'done' && after.reversedAt === 0) throw new BonusError('error.finance.busy', [], 409);
    return { transfer: after, replayed: true };
  }

  async get(id: number): Promise<Transfer | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    return decode(id, await this.host.db.getObject(K.transfer(id)));
  }

  /** The member's sent and received transfers, newest first (the member, or an admin). */
  async listOf(caller: Caller, uid: number, count = 50): Promise<Transfer[]> {
    if (caller.uid !== uid && !(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    return this.load(await this.host.db.getSortedSetRevRange(K.ofMember(uid), 0, count - 1));
  }

  /** Every transfer, newest first (admins). */
  async listAll(caller: Caller, start = 0, count = 100): Promise<{ transfers: Transfer[]; total: number }> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const ids = await this.host.db.getSortedSetRevRange(K.all, start, start + count - 1);
    return { transfers: await this.load(ids), total: await this.host.db.sortedSetCard(K.all) };
  }

  /** Public: what a member (the charity account) has received in total (net of reversals), and the latest gifts. */
  async received(uid: number, count = 20): Promise<{ total: number; recent: Transfer[] }> {
    const total = await this.host.db.incrObjectFieldBy(K.received, String(uid), 0);
    const recent = await this.load(await this.host.db.getSortedSetRevRange(K.to(uid), 0, count - 1));
    return { total, recent };
  }

  /** What the member has sent today (local day), for the form's hint. */
  async sentToday(uid: number): Promise<number> {
    const s = await this.settings.get();
    return this.daySum(K.day(dayId(this.host.clock.now(), s.timeZone), uid));
  }

  async names(uids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(uids)];
    const users = await this.host.users.getUsers(unique);
    return new Map(unique.map((uid, i) => [uid, users[i]?.username ?? String(uid)]));
  }

  private async load(ids: string[]): Promise<Transfer[]> {
    const hashes = await this.host.db.getObjects(ids.map((id) => K.transfer(Number(id))));
    return ids.map((id, i) => decode(Number(id), hashes[i])).filter((t): t is Transfer => t !== null);
  }

  /**
   * The recipient's notification, coalesced: one per sender and club day (one nid, which NodeBB
   * updates in place), saying how many transfers and points so far, with the latest message.
   */
  private async notifyReceived(t: Pick<Transfer, 'toUid' | 'fromUid' | 'amount' | 'message'>, senderName: string): Promise<void> {
    const s = await this.settings.get();
    const day = dayId(this.host.clock.now(), s.timeZone);
    const field = `${t.toUid}:${t.fromUid}`;
    const count = await this.host.db.incrObjectField(K.notifyDay(day), `${field}:n`);
    const sum = await this.host.db.incrObjectFieldBy(K.notifyDay(day), `${field}:sum`, t.amount);
    await this.notify(t.toUid, {
      type: 'bonus-transfer', nid: `bonus:transfers:${t.toUid}:from:${t.fromUid}:${day}`,
      bodyShort: (lang) => count > 1 ? translationToken('notify.transfer-many', [senderName, sum, count]) : countedToken(lang, 'notify.transfer', [senderName, counted(t.amount)]),
      bodyLong: t.message ? htmlText(t.message) : undefined, path: '/bonus/transfer', from: t.fromUid,
    });
  }

  /** A lost notification never undoes a transfer: failures are logged only. */
  private async notify(uid: number, n: { type: string; nid: string; bodyShort: (lang: string) => string; bodyLong?: string; path: string; from?: number }): Promise<void> {
    try {
      // written in the member's language, so that its counts take that language's forms
      const bodyShort = n.bodyShort(await this.host.users.getLanguage(uid).catch(() => 'en-GB'));
      await this.host.messaging.notify({ ...n, bodyShort }, [uid]);
    } catch (err) {
      this.host.log.error(`[bonus] notification ${n.nid} failed`, err);
    }
  }
}
