/**
 * Transfers between members (PROGRAM §6): a member sends points to another member by username, with
 * an optional message; admins may reverse a transfer (new entries, never edits).
 *
 * Safety:
 * - the points leave the sender through the ledger's checked `spend` (`transfer:{id}:out`), decided on
 *   an atomic counter, so parallel transfers never overdraw; the recipient gets `transfer:{id}:in`;
 * - the client sends an idempotency key with the form: the first request with `{uid}:{key}` wins a
 *   claim, a repeat (double submit) waits for it and gets the same transfer back;
 * - the per-day limit is decided on an atomic per-day counter (local day in the forum's time zone);
 * - a crash between `out` and `in` leaves the transfer in `bonus:transfers:sending`; `recover()`
 *   (a job) completes it, or releases it if its `out` entry was never written.
 *
 * Storage: `bonus:transfer:{id}` (hash), `bonus:transfers` (zset id → created),
 * `bonus:transfers:uid:{uid}` (sent and received), `bonus:transfers:to:{uid}`, `bonus:transfers:keys`
 * (zset `{uid}:{key}` → id), `bonus:transfers:received` (hash uid → total received).
 */
import type { Caller, Host } from '../host';
import { BonusError, counted, countedToken, translationToken } from '../errors';
import type { SettingsService } from './settings';
import type { LedgerService, LedgerResult } from './ledger';
import { roleGroups } from './earning-roles';
import { checkTransferAmount, dayId, isClientKey, mayReceiveTransfer, maySendTransfer, withinDayLimit } from '../domain/finance';
import type { ProgramSettings } from '../domain/settings';

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
const K = {
  transfer: (id: number) => `bonus:transfer:${id}`,
  all: 'bonus:transfers',
  ofMember: (uid: number) => `bonus:transfers:uid:${uid}`,
  to: (uid: number) => `bonus:transfers:to:${uid}`,
  keys: 'bonus:transfers:keys',
  claims: 'bonus:transfers:claims',
  sending: 'bonus:transfers:sending',
  received: 'bonus:transfers:received',
  day: (day: string) => `bonus:transfers:day:${day}`,
};
const RECOVER_AFTER_MS = 60_000;

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

function ledgerError(r: LedgerResult): BonusError {
  if (r.ok) return new BonusError('error.finance.busy', [], 409);
  return new BonusError(`error.ledger.${r.code}`, [], r.code === 'busy' ? 409 : 400);
}

export class TransferService {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: LedgerService,
  ) {}

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
    if (!isClientKey(input.key)) throw new BonusError('error.transfer.invalid-key');
    const claimKey = `${caller.uid}:${input.key}`;
    const replay = await this.byClaimKey(claimKey);
    if (replay) return { transfer: replay, replayed: true };

    const s = await this.settings.get();
    const { toUid, amount, message } = await this.validate(caller.uid, input, s);
    if ((await this.host.db.incrObjectField(K.claims, claimKey)) !== 1) return this.waitForFirst(caller, input, claimKey);

    const now = this.host.clock.now();
    const dayKey = K.day(dayId(now, s.timeZone));
    const limits = { min: s.transferMin, max: s.transferMax, perDay: s.transferDayLimit };
    const dayTotal = await this.host.db.incrObjectFieldBy(dayKey, String(caller.uid), amount);
    if (!withinDayLimit(dayTotal, limits)) {
      await this.host.db.incrObjectFieldBy(dayKey, String(caller.uid), -amount);
      await this.host.db.deleteObjectField(K.claims, claimKey);
      throw new BonusError('error.transfer.day-limit', [counted(s.transferDayLimit), counted(Math.max(0, s.transferDayLimit - (dayTotal - amount)))]);
    }

    const id = await this.host.db.incrObjectField('bonus:ids', 'nextTransferId');
    const names = await this.names([caller.uid, toUid]);
    await this.host.db.setObject(K.transfer(id), {
      id, fromUid: caller.uid, toUid, amount, message, createdAt: now, state: 'sending', claimKey, dayKey,
    });
    await this.host.db.sortedSetAdd(K.sending, now, id);
    const out = await this.ledger.spend({
      uid: caller.uid, amount, key: `transfer:${id}:out`, reason: 'transfer-out', actorUid: caller.uid,
      comment: translationToken('transfer.history-to', [escapeHtml(names.get(toUid) ?? String(toUid))]), source: { type: 'transfer', id },
    });
    if (!out.ok) {
      await this.abandon(id, caller.uid, amount, dayKey, claimKey);
      if (out.code === 'insufficient-points') throw new BonusError('error.transfer.insufficient-points');
      throw ledgerError(out);
    }
    await this.host.db.sortedSetAdd(K.keys, id, claimKey);
    const transfer = await this.complete(id);
    return { transfer: transfer!, replayed: false };
  }

  /** The parsed, allowed request; throws the first reason it is not. */
  private async validate(fromUid: number, input: { to?: unknown; amount?: unknown; message?: unknown }, s: ProgramSettings) {
    const message = typeof input.message === 'string' ? input.message.trim() : '';
    if (message.length > MAX_MESSAGE_LENGTH) throw new BonusError('error.transfer.message-too-long', [MAX_MESSAGE_LENGTH]);
    const amount = typeof input.amount === 'number' ? input.amount : typeof input.amount === 'string' && /^\s*\d+\s*$/.test(input.amount) ? Number(input.amount) : NaN;
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

  /** Credits the recipient (idempotent), marks the transfer done, indexes it, notifies once. */
  private async complete(id: number): Promise<Transfer | null> {
    const t = await this.get(id);
    if (!t) return null;
    const names = await this.names([t.fromUid, t.toUid]);
    const credit = await this.ledger.credit({
      uid: t.toUid, amount: t.amount, key: `transfer:${id}:in`, reason: 'transfer-in', actorUid: t.fromUid,
      comment: translationToken('transfer.history-from', [escapeHtml(names.get(t.fromUid) ?? String(t.fromUid))]), source: { type: 'transfer', id },
    });
    if (!credit.ok) throw ledgerError(credit);
    await this.host.db.setObjectField(K.transfer(id), 'state', 'done');
    await this.host.db.sortedSetAddBulk([
      [K.all, t.createdAt, id], [K.ofMember(t.fromUid), t.createdAt, id], [K.ofMember(t.toUid), t.createdAt, id], [K.to(t.toUid), t.createdAt, id],
    ]);
    if (!credit.replayed) {
      await this.host.db.incrObjectFieldBy(K.received, String(t.toUid), t.amount);
      await this.notify(t.toUid, {
        type: 'bonus-transfer', nid: `bonus:transfer:${id}`,
        bodyShort: (lang) => countedToken(lang, 'notify.transfer', [names.get(t.fromUid) ?? String(t.fromUid), counted(t.amount)]),
        bodyLong: t.message ? escapeHtml(t.message) : undefined, path: '/bonus/transfer', from: t.fromUid,
      });
    }
    await this.host.db.sortedSetRemove(K.sending, id);
    return { ...t, state: 'done' };
  }

  /** A refused `out`: nothing moved; the day's counter and the client's key are given back. */
  private async abandon(id: number, uid: number, amount: number, dayKey: string, claimKey: string): Promise<void> {
    if (dayKey) await this.host.db.incrObjectFieldBy(dayKey, String(uid), -amount);
    await this.host.db.sortedSetRemove(K.sending, id);
    await this.host.db.delete(K.transfer(id));
    if (claimKey) await this.host.db.deleteObjectField(K.claims, claimKey);
  }

  /** A repeat of a request still running: wait for its transfer (or its refusal, then try again). */
  private async waitForFirst(caller: Caller, input: Parameters<TransferService['send']>[1], claimKey: string): Promise<TransferResult> {
    for (let step = 0; step < 500; step += 1) {
      const t = await this.byClaimKey(claimKey);
      if (t) return { transfer: t, replayed: true };
      if ((await this.host.db.incrObjectFieldBy(K.claims, claimKey, 0)) === 0) return this.send(caller, input);
      await sleep(10);
    }
    throw new BonusError('error.finance.busy', [], 409);
  }

  private async byClaimKey(claimKey: string): Promise<Transfer | null> {
    const id = await this.host.db.sortedSetScore(K.keys, claimKey);
    return id === null ? null : this.get(id);
  }

  /** Job: finishes transfers a crash stopped between `out` and `in`; releases those whose `out` never happened. */
  async recover(): Promise<number> {
    const ids = await this.host.db.getSortedSetRangeByScore(K.sending, 0, 200, '-inf', this.host.clock.now() - RECOVER_AFTER_MS);
    let done = 0;
    for (const raw of ids) {
      const id = Number(raw);
      const h = await this.host.db.getObject(K.transfer(id));
      const t = decode(id, h);
      if (!t) {
        await this.host.db.sortedSetRemove(K.sending, id);
        continue;
      }
      if (await this.ledger.entryByKey(`transfer:${id}:out`)) {
        if (h?.claimKey) await this.host.db.sortedSetAdd(K.keys, id, h.claimKey);
        await this.complete(id);
      } else {
        await this.abandon(id, t.fromUid, t.amount, h?.dayKey ?? '', h?.claimKey ?? '');
      }
      done += 1;
    }
    return done;
  }

  /** Admins: gives the points back to the sender (new entries); idempotent (a repeat changes nothing). */
  async reverse(caller: Caller, id: number): Promise<TransferResult> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const t = await this.get(id);
    if (!t) throw new BonusError('error.transfer.not-found', [], 404);
    if (t.state !== 'done') throw new BonusError('error.finance.busy', [], 409);
    const source = { type: 'transfer' as const, id };
    const comment = translationToken('transfer.reversed-entry', [id]);
    const back = await this.ledger.debit({ uid: t.toUid, amount: t.amount, key: `transfer:${id}:reverse:in`, reason: 'transfer-reversal', comment, source, actorUid: caller.uid });
    if (!back.ok) throw ledgerError(back);
    const refund = await this.ledger.credit({ uid: t.fromUid, amount: t.amount, key: `transfer:${id}:reverse:out`, reason: 'transfer-reversal', comment, source, actorUid: caller.uid });
    if (!refund.ok) throw ledgerError(refund);
    if (!back.replayed) {
      await this.host.db.incrObjectFieldBy(K.received, String(t.toUid), -t.amount);
      for (const uid of [t.fromUid, t.toUid]) {
        await this.notify(uid, { type: 'bonus-transfer', nid: `bonus:transfer:${id}:reversed:${uid}`, bodyShort: (lang) => countedToken(lang, 'notify.transfer-reversed', [id, counted(t.amount)]), path: '/bonus/transfer' });
      }
    }
    if ((await this.host.db.incrObjectField(K.transfer(id), 'reverseClaims')) === 1) {
      const now = this.host.clock.now();
      await this.host.db.setObject(K.transfer(id), { reversedAt: now, reversedBy: caller.uid });
      return { transfer: { ...t, reversedAt: now, reversedBy: caller.uid }, replayed: false };
    }
    return { transfer: (await this.get(id))!, replayed: true };
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
    return this.host.db.incrObjectFieldBy(K.day(dayId(this.host.clock.now(), s.timeZone)), String(uid), 0);
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
