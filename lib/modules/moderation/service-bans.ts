/**
 * Ban penalties (PROGRAM §3): a ban (`action:user.banned`) deducts once per ban (`ban:{uid}:{n}`, n
 * moves on at unban), with the ban's reason in the member's history. NodeBB runs hooks in whichever
 * process served the request, so every decision here reads an atomic counter or a sorted set
 * (BanStore), never a hash read NodeBB may serve from another process's stale cache.
 */
import { banKey } from './ledger-keys';
import type { Host } from '../../host/index';
import { userTextToken } from '../../kernel/errors';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger, type EarningNotifier } from '../earning';
import { banExpired, banReason, unbanMovesOn } from './domain';
import { BanStore } from './store';

export class BanPenalties {
  private readonly store: BanStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {
    this.store = new BanStore(host.db);
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
    if (banExpired(await this.store.until(uid), this.host.clock.now())) await this.unbanned(uid);
    const epoch = (await this.store.epoch(uid)) + 1;
    const key = banKey(uid, epoch);
    const reason = banReason(payload.reason);
    const r = await this.ledger.debit({ uid, amount: s.penaltyBan, key, reason: 'ban', comment: reason ? userTextToken(reason) : '', actorUid: Number(payload.callerUid) || 0, source: { type: 'ban', id: `${uid}:${epoch}` } });
    if (!r.ok) return false;
    // Also on a repeated hook: a crash after the deduction must not leave the ban uncharged here.
    await this.store.markCharged(uid, epoch, Number(payload.until) > 0 ? Number(payload.until) : 0);
    if (!isNew(r)) return false;
    await this.notifier.deduction(uid, s.penaltyBan, reason, key);
    return true;
  }

  /** `action:user.unbanned`: the next ban is a new one. Idempotent per paid ban. */
  async unbanned(uid: number): Promise<void> {
    const epoch = await this.store.epoch(uid);
    if (unbanMovesOn(epoch, await this.store.chargedEpoch(uid))) await this.store.moveOn(uid, epoch);
  }

  /** The upgrade from the hash layout (lib/upgrades/ban-flags.ts). */
  migrateLegacy(): Promise<number> {
    return this.store.migrateLegacy();
  }
}
