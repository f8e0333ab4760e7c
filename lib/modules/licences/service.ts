/**
 * "My licences" (issue 19; seeds 002, 003 §11): the activation codes a member holds, as members and
 * admins meet them.
 *
 * - A member's list is the codes they added by hand plus the codes they bought in the store (read from
 *   their licence orders, so a purchase is listed by itself), less bought codes they removed.
 * - Adding a code: the refusals of `decideAdd`, then a seat taken under the code's lease (SeatStore),
 *   so parallel adds by more accounts than seats leave exactly the seats taken. The buyer of a
 *   store-sold code holds one of its seats until they remove it. A refusal never says who holds it.
 * - Removing needs `agree: true` (the member ticked "I agree" and confirmed); the seat is free at once.
 * - Only the owner sees their codes (masked, revealed on request) and admins (the registry search):
 *   a list item is addressed by an opaque id, so a code never travels in a URL.
 */
import { createHash } from 'node:crypto';
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host';
import { BonusError, counted, countedToken } from '../../kernel/errors';
import { assertAdmin, type LocalizedText } from '../catalog';
import { normaliseBoxCode } from '../retail';
import type { SettingsService } from '../settings';
import { decideAdd, dueReminder, parseRegistryLines, reminderDays, reminderKey, type RegistryEntry } from './domain';
import { LicencesStore, type AuditEntry } from './store';
import { SeatStore } from './store-seats';

const DAY = 24 * 60 * 60 * 1000;
/** Most lines one import call takes (the ACP sends a long file in chunks of this size). */
export const LICENCE_IMPORT_CHUNK = 5000;
/** How long an add waits for another add or remove of the same code (tries × pause). */
const BUSY_TRIES = 40;
const BUSY_PAUSE_MS = 25;
/** An add's list entry waits this long for its seat before a read drops it (longer than an add's lease and tries). */
const ORPHAN_MS = 60_000;

/** A code the member bought in the store, as the orders module knows it. */
export interface BoughtCode {
  code: string;
  orderId: number;
  at: number;
  title: LocalizedText;
}

/** What the licences module needs from the store (built in lib/services.ts from orders and codes). */
export interface StorePurchases {
  /** The member's bought codes, newest first. */
  boughtCodes(uid: number): Promise<BoughtCode[]>;
  /** The buyer and product of a store-sold code, or null for a code the store never sold. */
  soldCode(code: string): Promise<{ uid: number; orderId: number; title: LocalizedText } | null>;
}

export interface Holding {
  /** Opaque: addresses the item in the API without putting the code in a URL. */
  id: string;
  code: string;
  source: 'hand' | 'order';
  orderId: number | null;
  addedAt: number;
  /** The registry's product, else the store's title, else null (an unverified code). */
  product: string | LocalizedText | null;
  verified: boolean;
  expiresAt: number | null;
  /** The licence term in months, when the registry gives it. */
  termMonths: number | null;
  seats: number | null;
  /** Accounts holding the code now (this member included). */
  holders: number;
}

export type ImportReport = { added: number; updated: number; errors: { line: number; error: string }[] };

export const itemId = (uid: number, code: string): string => createHash('sha256').update(`bonus-licence:${uid}:${code}`).digest('hex').slice(0, 20);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class LicencesService {
  readonly store: LicencesStore;
  readonly seats: SeatStore;
  private purchases: StorePurchases = { boughtCodes: async () => [], soldCode: async () => null };

  constructor(private readonly host: Host, private readonly settings: SettingsService) {
    this.store = new LicencesStore(host.db);
    this.seats = new SeatStore(host.db);
  }

  /** The store's side (orders and sold codes), given once the orders service exists. */
  usePurchases(p: StorePurchases): void {
    this.purchases = p;
  }

  /** The registry's entry, or for a code the store sold and the registry does not know: its product, one seat. */
  private async entryOf(code: string): Promise<{ entry: RegistryEntry | null; registry: RegistryEntry | null; buyer: number | null; title: LocalizedText | null; orderId: number | null }> {
    const [registry, sold] = await Promise.all([this.store.entry(code), this.purchases.soldCode(code)]);
    return { entry: registry ?? (sold ? { product: '', seats: 1 } : null), registry, buyer: sold?.uid ?? null, title: sold?.title ?? null, orderId: sold?.orderId ?? null };
  }

  /** The buyer holds a seat of their bought code until they remove it. */
  private async buyerSeat(code: string, buyer: number | null): Promise<number> {
    if (buyer === null) return 0;
    if (await this.store.isReleased(buyer, code)) return 0;
    return (await this.seats.holds(code, buyer)) ? 0 : 1;
  }

  // --- the member ---

  /** The member's codes: added by hand and bought in the store, newest first. */
  async list(uid: number): Promise<Holding[]> {
    if (!(uid > 0)) return [];
    const [own, bought, released] = await Promise.all([this.store.memberCodes(uid), this.purchases.boughtCodes(uid), this.store.released(uid)]);
    const out: Holding[] = [];
    const seen = new Set<string>();
    for (const { code, at } of own) {
      if (!(await this.seats.holds(code, uid))) {
        // a remove stopped after freeing the seat, or an add before taking it: finish (drop) it once
        // no add can still be under way
        if (at < this.host.clock.now() - ORPHAN_MS) await this.store.removeFromMember(uid, code);
        continue;
      }
      seen.add(code);
      const { entry, registry, buyer, title, orderId } = await this.entryOf(code);
      const holders = (await this.seats.holders(code)) + (await this.buyerSeat(code, buyer));
      out.push({
        id: itemId(uid, code), code, source: 'hand', orderId: buyer === uid ? orderId : null, addedAt: at,
        product: registry?.product ?? title ?? null, verified: entry !== null, expiresAt: entry?.expiresAt ?? null, termMonths: entry?.termMonths ?? null, seats: entry?.seats ?? null, holders,
      });
    }
    for (const b of bought) {
      if (seen.has(b.code) || released.has(b.code)) continue;
      seen.add(b.code);
      const registry = await this.store.entry(b.code);
      const seats = registry?.seats ?? 1;
      const holders = (await this.seats.holders(b.code)) + 1;
      out.push({
        id: itemId(uid, b.code), code: b.code, source: 'order', orderId: b.orderId, addedAt: b.at,
        product: registry?.product ?? b.title, verified: true, expiresAt: registry?.expiresAt ?? null, termMonths: registry?.termMonths ?? null, seats, holders,
      });
    }
    return out.sort((a, b) => b.addedAt - a.addedAt);
  }

  /** One of the member's codes by its item id (refused as not found for anyone else's). */
  private async item(uid: number, id: unknown): Promise<Holding> {
    if (typeof id !== 'string' || !/^[0-9a-f]{20}$/.test(id)) throw new BonusError('error.licences.no-licence', [], 'not-found');
    const found = (await this.list(uid)).find((h) => h.id === id);
    if (!found) throw new BonusError('error.licences.no-licence', [], 'not-found');
    return found;
  }

  /** The whole code, to its owner only. */
  reveal(caller: Caller, id: unknown): Promise<Result<{ code: string }>> {
    return refusable(async () => {
      if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
      return { code: (await this.item(caller.uid, id)).code };
    });
  }

  /** Adds a code to the member's account (refusals in `decideAdd`'s order). */
  add(caller: Caller, raw: unknown): Promise<Result<Holding>> {
    return refusable(() => this.doAdd(caller, raw));
  }

  private async doAdd(caller: Caller, raw: unknown): Promise<Holding> {
    const uid = caller.uid;
    if (!(uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
    if (typeof raw !== 'string' || raw.length > 200) throw new BonusError('error.licences.malformed');
    const now = this.host.clock.now();
    const s = await this.settings.get();
    const code = normaliseBoxCode(raw);
    if (code === null) throw new BonusError('error.licences.malformed');
    const [blacklisted, found, onList, held, recentCycles] = await Promise.all([
      this.store.isBlacklisted(code), this.entryOf(code), this.store.onMemberList(uid, code), this.seats.holds(code, uid),
      this.store.cyclesSince(uid, code, now - s.licencesCyclingDays * DAY),
    ]);
    const { entry, buyer } = found;
    const ownPurchase = buyer === uid && !(await this.store.isReleased(uid, code));
    const otherSeats = buyer !== uid ? await this.buyerSeat(code, buyer) : 0;
    const decision = decideAdd({
      code, blacklisted, entry, holders: (await this.seats.holders(code)) + otherSeats - (held ? 1 : 0),
      // a seat taken by an add that stopped before the list entry is completed below, not refused
      heldByMember: ownPurchase || (held && onList),
      acceptUnknown: s.licencesUnknownCodes === 'unverified', recentCycles, cyclingLimit: s.licencesCyclingLimit, now,
    });
    if (!decision.ok) {
      if (decision.refusal === 'cycling-limit') {
        await this.store.flagCycling(uid, code, now);
        await this.store.audit({ at: now, uid, code, action: 'refused-cycling', actorUid: uid, source: 'hand' });
      }
      if (decision.refusal === 'seats-used') throw new BonusError('error.licences.seats-used', [decision.seats ?? 0, counted(decision.seats ?? 0, 'accounts.gen')], 'conflict');
      throw new BonusError(`error.licences.${decision.refusal}`, decision.refusal === 'cycling-limit' ? [counted(s.licencesCyclingLimit, 'times.count'), counted(s.licencesCyclingDays, 'days.count')] : [], decision.refusal === 'already-held' ? 'conflict' : 'invalid');
    }
    // the list entry first, then the seat: an entry without a seat is dropped by the next read once
    // it is older than an add can take (ORPHAN_MS), so a stop between the two writes never leaves a
    // seat that no list shows
    await this.store.addToMember(uid, code, now);
    if (!held) {
      const seats = entry?.seats ?? Number.MAX_SAFE_INTEGER;
      let claim = await this.seats.claim(code, uid, seats, now, otherSeats);
      for (let i = 0; claim === 'busy' && i < BUSY_TRIES; i += 1) {
        await sleep(BUSY_PAUSE_MS * (1 + Math.random()));
        claim = await this.seats.claim(code, uid, seats, this.host.clock.now(), otherSeats);
      }
      if (claim === 'busy' || claim === 'seats-used') {
        if (!onList && !(await this.seats.holds(code, uid))) await this.store.removeFromMember(uid, code);
        if (claim === 'busy') throw new BonusError('error.licences.busy', [], 'conflict');
        throw new BonusError('error.licences.seats-used', [seats, counted(seats, 'accounts.gen')], 'conflict');
      }
      // 'already-held': a parallel add of this member took it; the list entry is the same
    }
    // a bought code the member removed and now adds back is theirs again
    if (buyer === uid) await this.store.unrelease(uid, code);
    await this.store.setExpiring(uid, code, entry?.expiresAt);
    await this.store.recordCycle(uid, code, 'add', now);
    await this.store.audit({ at: now, uid, code, action: 'add', actorUid: uid, source: 'hand' });
    const item = (await this.list(uid)).find((h) => h.code === code);
    if (!item) throw new BonusError('error.licences.busy', [], 'conflict');
    return item;
  }

  /** Removes one of the member's codes; `agree` must be true (seed 003 §11). The seat is free at once. */
  remove(caller: Caller, id: unknown, agree: unknown): Promise<Result<{ removed: true }>> {
    return refusable(async () => {
      const uid = caller.uid;
      if (!(uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
      if (agree !== true) throw new BonusError('error.licences.agree');
      const item = await this.item(uid, id);
      const now = this.host.clock.now();
      // the seat first: a stop after it leaves a list entry the next read drops (store.ts)
      await this.seats.free(item.code, uid);
      if (item.orderId !== null && (await this.purchases.soldCode(item.code))?.uid === uid) await this.store.release(uid, item.code, now);
      await this.store.removeFromMember(uid, item.code);
      await this.store.setExpiring(uid, item.code, undefined);
      await this.store.recordCycle(uid, item.code, 'remove', now);
      await this.store.audit({ at: now, uid, code: item.code, action: 'remove', actorUid: uid, source: item.source === 'order' ? `order:${item.orderId}` : 'hand' });
      return { removed: true as const };
    });
  }

  /** Everything the plugin keeps of the member's licences, for the member (or an admin) to download. */
  exportFor(caller: Caller, uid: number): Promise<Result<{ uid: number; licences: Holding[]; audit: AuditEntry[] }>> {
    return refusable(async () => {
      if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
      if (caller.uid !== uid) await assertAdmin(this.host, caller);
      return { uid, licences: await this.list(uid), audit: await this.store.auditOfMember(uid) };
    });
  }

  /** The member's account is deleted: their codes, seats, reminders and audit lines go with it. */
  async deleteMember(uid: number): Promise<void> {
    if (!(uid > 0)) return;
    await this.store.deleteMember(uid);
  }

  // --- reminders ---

  /** The daily job: a notification and an e-mail 30 and 7 days (the setting) before a licence expires, once each. */
  async remind(now: number): Promise<number> {
    const s = await this.settings.get();
    const days = reminderDays(s.licencesReminderDays);
    if (days.length === 0) return 0;
    let sent = 0;
    for (let start = 0; ; start += 500) {
      const rows = await this.store.expiringBetween(now, now + days[0] * DAY, start, 500);
      for (const r of rows) {
        const claimed = new Set<number>();
        for (const d of days) if (await this.store.reminderClaimed(reminderKey(r.uid, r.code, d))) claimed.add(d);
        const due = dueReminder(r.expiresAt, now, days, claimed);
        if (due === null || !(await this.store.claimReminder(reminderKey(r.uid, r.code, due)))) continue;
        const entry = await this.store.entry(r.code);
        const masked = maskedForNotice(r.code);
        // "in 7 days" / «через 7 дней»: the count's form is chosen in the member's own language
        const lang = await this.host.users.getLanguage(r.uid);
        const inDays = counted(due, 'days.count');
        await this.host.messaging.notify({
          type: 'bonus-licence', nid: `bonus:licence:${itemId(r.uid, r.code)}:${due}`, path: '/bonus/licences',
          bodyShort: countedToken(lang, 'licences.notify.expiring', [masked, inDays]),
        }, [r.uid]);
        const title = countedToken(lang, 'licences.email.title', [inDays]);
        await this.host.messaging.sendEmail('bonus-licence-expiring', r.uid, { subject: title, title, masked, product: entry?.product ?? '', expiresAt: r.expiresAt });
        sent += 1;
      }
      if (rows.length < 500) break;
    }
    return sent;
  }

  // --- admins ---

  /** One chunk of a registry or blacklist import, each line reported on its own. */
  importLines(caller: Caller, list: unknown, text: unknown, firstLine: unknown): Promise<Result<ImportReport>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      if (list !== 'registry' && list !== 'blacklist') throw new BonusError('error.licences.import-list');
      if (typeof text !== 'string' || text.trim() === '') throw new BonusError('error.licences.import-empty');
      const lines = text.split(/\r?\n/);
      if (lines.length > LICENCE_IMPORT_CHUNK) throw new BonusError('error.licences.import-too-long', [LICENCE_IMPORT_CHUNK]);
      const offset = Number.isSafeInteger(firstLine) && (firstLine as number) > 0 ? (firstLine as number) - 1 : 0;
      const now = this.host.clock.now();
      const report: ImportReport = { added: 0, updated: 0, errors: [] };
      if (list === 'blacklist') {
        const codes: string[] = [];
        lines.forEach((raw, i) => {
          if (raw.trim() === '') return;
          const code = normaliseBoxCode(raw.trim());
          if (code) codes.push(code);
          else report.errors.push({ line: offset + i + 1, error: 'code' });
        });
        const unique = [...new Set(codes)];
        const present = await this.store.blacklisted(unique);
        await this.store.addToBlacklist(unique.filter((_, i) => !present[i]), now);
        report.added = present.filter((p) => !p).length;
        report.updated = codes.length - report.added;
        return report;
      }
      const parsed = parseRegistryLines(text, normaliseBoxCode);
      const good = parsed.filter((l): l is Extract<typeof l, { ok: true }> => l.ok);
      for (const l of parsed) if (!l.ok) report.errors.push({ line: offset + l.line, error: l.error });
      const present = await this.store.inRegistry(good.map((l) => l.code));
      for (let i = 0; i < good.length; i += 100) {
        await Promise.all(good.slice(i, i + 100).map(async (l, j) => {
          await this.store.writeEntry(l.code, l.entry, now);
          if (present[i + j]) {
            // a changed expiry moves the holders' reminders with it
            for (const h of await this.store.holders(l.code)) await this.store.setExpiring(h.uid, l.code, l.entry.expiresAt);
          }
          // the buyer of a store-sold code is reminded too, unless they gave it away
          const sold = await this.purchases.soldCode(l.code);
          if (sold && !(await this.store.isReleased(sold.uid, l.code))) await this.store.setExpiring(sold.uid, l.code, l.entry.expiresAt);
        }));
      }
      report.updated = present.filter(Boolean).length;
      report.added = good.length - report.updated;
      return report;
    });
  }

  /** Admins: a code's registry entry, blacklist mark, who holds it and its audit trail. */
  search(caller: Caller, raw: unknown): Promise<Result<{ code: string; entry: RegistryEntry | null; blacklisted: boolean; buyer: { uid: number; orderId: number } | null; holders: { uid: number; at: number }[]; audit: AuditEntry[] }>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const code = typeof raw === 'string' ? normaliseBoxCode(raw) : null;
      if (!code) throw new BonusError('error.licences.malformed');
      const [entry, blacklisted, sold, holders, audit] = await Promise.all([
        this.store.entry(code), this.store.isBlacklisted(code), this.purchases.soldCode(code), this.store.holders(code), this.store.auditOfCode(code, 100),
      ]);
      const buyer = sold && !(await this.store.isReleased(sold.uid, code)) ? { uid: sold.uid, orderId: sold.orderId } : null;
      return { code, entry, blacklisted, buyer, holders, audit };
    });
  }

  /** Admins: the newest audit lines and the members refused for cycling. */
  overview(caller: Caller): Promise<Result<{ registry: number; blacklist: number; audit: AuditEntry[]; cycling: { uid: number; code: string; at: number }[] }>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const [registry, blacklist, audit, cycling] = await Promise.all([this.store.registrySize(), this.store.blacklistSize(), this.store.latestAudit(50), this.store.cyclingFlags(50)]);
      return { registry, blacklist, audit, cycling };
    });
  }
}

/** A code in a notification: only its last block (notifications are stored by the forum). */
export function maskedForNotice(code: string): string {
  return `…-${code.split('-').pop() ?? ''}`;
}
