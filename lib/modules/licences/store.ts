/**
 * Member licences on the database port, under `bonus:licences:` (private to the module).
 *
 * - `registry:{code}` hash {product, seats, expiresAt, termMonths} (0: unknown): what the admin imported; `registry` sorted
 *   set code → import time (the count, and the codes to page through);
 * - `blacklist` sorted set code → time;
 * - `code:{code}:holders` (store-seats.ts): the one truth of who holds a code by hand;
 * - `member:{uid}` sorted set code → time added: the member's own list, written after the seat. A
 *   code on the list whose seat is gone (a remove stopped between its writes) is not shown and is
 *   dropped on the next read; a seat without the list entry (an add stopped after the seat) is
 *   completed by the member's next add of the code;
 * - `released:{uid}` sorted set code → time: codes the member bought in the store and removed;
 * - `expiring` sorted set `{uid}:{code}` → expiry: what the reminder job reads;
 * - `reminders` sorted set `{uid}:{code}:{days}` → n: a reminder is sent when its increment returns 1;
 * - `cycles:{uid}:{code}` sorted set → time: the member's adds and removes of one code; `cycling`
 *   sorted set `{uid}:{code}` → time of the last add refused for cycling (shown to admins);
 * - `audit:{id}` hash, `audit` / `audit:code:{code}` / `audit:uid:{uid}` sorted sets id → time.
 */
import type { Database } from '../../host/index';
import type { RegistryEntry } from './domain';

const K = {
  ids: 'bonus:licences:ids',
  registry: 'bonus:licences:registry',
  entry: (code: string) => `bonus:licences:registry:${code}`,
  blacklist: 'bonus:licences:blacklist',
  member: (uid: number) => `bonus:licences:member:${uid}`,
  released: (uid: number) => `bonus:licences:released:${uid}`,
  expiring: 'bonus:licences:expiring',
  reminders: 'bonus:licences:reminders',
  cycles: (uid: number, code: string) => `bonus:licences:cycles:${uid}:${code}`,
  cycling: 'bonus:licences:cycling',
  audit: 'bonus:licences:audit',
  auditEntry: (id: number) => `bonus:licences:audit:${id}`,
  auditByCode: (code: string) => `bonus:licences:audit:code:${code}`,
  auditByUid: (uid: number) => `bonus:licences:audit:uid:${uid}`,
  holders: (code: string) => `bonus:licences:code:${code}:holders`,
} as const;

export type AuditAction = 'add' | 'remove' | 'refused-cycling';

export interface AuditEntry {
  id: number;
  at: number;
  uid: number;
  code: string;
  action: AuditAction;
  /** Who did it: the member, or an admin acting for them. */
  actorUid: number;
  /** Where the code came from: `hand`, or `order:{id}` for a store-bought code. */
  source: string;
}

const num = (v: unknown): number => (typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN);

export class LicencesStore {
  constructor(readonly db: Database) {}

  // --- registry and blacklist ---

  async entry(code: string): Promise<RegistryEntry | null> {
    const h = await this.db.getObject(K.entry(code));
    if (!h || !h.product) return null;
    const seats = num(h.seats);
    const expiresAt = num(h.expiresAt);
    const termMonths = num(h.termMonths);
    return {
      product: h.product, seats: Number.isSafeInteger(seats) && seats > 0 ? seats : 1,
      ...(Number.isSafeInteger(expiresAt) && expiresAt > 0 ? { expiresAt } : {}), ...(Number.isSafeInteger(termMonths) && termMonths > 0 ? { termMonths } : {}),
    };
  }

  async inRegistry(codes: string[]): Promise<boolean[]> {
    if (codes.length === 0) return [];
    return (await this.db.sortedSetScores(K.registry, codes)).map((s) => s !== null);
  }

  async writeEntry(code: string, entry: RegistryEntry, now: number): Promise<void> {
    await this.db.setObject(K.entry(code), { product: entry.product, seats: entry.seats, expiresAt: entry.expiresAt ?? 0, termMonths: entry.termMonths ?? 0 });
    await this.db.sortedSetAdd(K.registry, now, code);
  }

  registrySize(): Promise<number> {
    return this.db.sortedSetCard(K.registry);
  }

  async isBlacklisted(code: string): Promise<boolean> {
    return (await this.db.sortedSetScore(K.blacklist, code)) !== null;
  }

  async blacklisted(codes: string[]): Promise<boolean[]> {
    if (codes.length === 0) return [];
    return (await this.db.sortedSetScores(K.blacklist, codes)).map((s) => s !== null);
  }

  async addToBlacklist(codes: string[], now: number): Promise<void> {
    if (codes.length) await this.db.sortedSetAddBulk(codes.map((c) => [K.blacklist, now, c]));
  }

  blacklistSize(): Promise<number> {
    return this.db.sortedSetCard(K.blacklist);
  }

  // --- the member's list ---

  async memberCodes(uid: number): Promise<{ code: string; at: number }[]> {
    const rows = await this.db.getSortedSetRevRangeWithScores(K.member(uid), 0, -1);
    return rows.map((r) => ({ code: r.value, at: r.score }));
  }

  async onMemberList(uid: number, code: string): Promise<boolean> {
    return this.db.isSortedSetMember(K.member(uid), code);
  }

  async addToMember(uid: number, code: string, at: number): Promise<void> {
    await this.db.sortedSetAdd(K.member(uid), at, code);
  }

  async removeFromMember(uid: number, code: string): Promise<void> {
    await this.db.sortedSetRemove(K.member(uid), code);
  }

  async released(uid: number): Promise<Set<string>> {
    return new Set(await this.db.getSortedSetRange(K.released(uid), 0, -1));
  }

  async isReleased(uid: number, code: string): Promise<boolean> {
    return this.db.isSortedSetMember(K.released(uid), code);
  }

  async release(uid: number, code: string, at: number): Promise<void> {
    await this.db.sortedSetAdd(K.released(uid), at, code);
  }

  async unrelease(uid: number, code: string): Promise<void> {
    await this.db.sortedSetRemove(K.released(uid), code);
  }

  /** The uids holding a code by hand, with the time each added it. */
  async holders(code: string): Promise<{ uid: number; at: number }[]> {
    const rows = await this.db.getSortedSetRangeWithScores(K.holders(code), 0, -1);
    return rows.map((r) => ({ uid: Number(r.value), at: r.score }));
  }

  // --- expiry reminders ---

  async setExpiring(uid: number, code: string, expiresAt: number | undefined): Promise<void> {
    if (expiresAt === undefined) await this.db.sortedSetRemove(K.expiring, `${uid}:${code}`);
    else await this.db.sortedSetAdd(K.expiring, expiresAt, `${uid}:${code}`);
  }

  /** Licences expiring in (from, to], oldest expiry first, `count` from `start`. */
  async expiringBetween(from: number, to: number, start: number, count: number): Promise<{ uid: number; code: string; expiresAt: number }[]> {
    const rows = await this.db.getSortedSetRangeByScoreWithScores(K.expiring, start, count, from + 1, to);
    return rows.map((r) => {
      const at = r.value.indexOf(':');
      return { uid: Number(r.value.slice(0, at)), code: r.value.slice(at + 1), expiresAt: r.score };
    });
  }

  /** True the first time one reminder is claimed. */
  async claimReminder(key: string): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(K.reminders, 1, key)) === 1;
  }

  async reminderClaimed(key: string): Promise<boolean> {
    return (await this.db.sortedSetScore(K.reminders, key)) !== null;
  }

  // --- cycling ---

  async recordCycle(uid: number, code: string, kind: 'add' | 'remove', at: number): Promise<void> {
    await this.db.sortedSetAdd(K.cycles(uid, code), at, `${at}:${kind}:${Math.random().toString(36).slice(2, 8)}`);
  }

  cyclesSince(uid: number, code: string, since: number): Promise<number> {
    return this.db.sortedSetCount(K.cycles(uid, code), since, '+inf');
  }

  async flagCycling(uid: number, code: string, at: number): Promise<void> {
    await this.db.sortedSetAdd(K.cycling, at, `${uid}:${code}`);
  }

  async cyclingFlags(count: number): Promise<{ uid: number; code: string; at: number }[]> {
    const rows = await this.db.getSortedSetRevRangeWithScores(K.cycling, 0, count - 1);
    return rows.map((r) => {
      const at = r.value.indexOf(':');
      return { uid: Number(r.value.slice(0, at)), code: r.value.slice(at + 1), at: r.score };
    });
  }

  // --- audit ---

  async audit(e: Omit<AuditEntry, 'id'>): Promise<number> {
    const id = await this.db.incrObjectField(K.ids, 'audit');
    await this.db.setObject(K.auditEntry(id), { ...e, id });
    await this.db.sortedSetAddBulk([[K.audit, e.at, id], [K.auditByCode(e.code), e.at, id], [K.auditByUid(e.uid), e.at, id]]);
    return id;
  }

  private async auditEntries(ids: string[]): Promise<AuditEntry[]> {
    const rows = await this.db.getObjects(ids.map((id) => K.auditEntry(Number(id))));
    return rows.flatMap((h) => (h ? [{
      id: num(h.id), at: num(h.at), uid: num(h.uid), code: h.code ?? '', action: (h.action ?? 'add') as AuditAction, actorUid: num(h.actorUid), source: h.source ?? 'hand',
    }] : []));
  }

  async latestAudit(count: number): Promise<AuditEntry[]> {
    return this.auditEntries(await this.db.getSortedSetRevRange(K.audit, 0, count - 1));
  }

  async auditOfCode(code: string, count: number): Promise<AuditEntry[]> {
    return this.auditEntries(await this.db.getSortedSetRevRange(K.auditByCode(code), 0, count - 1));
  }

  async auditOfMember(uid: number): Promise<AuditEntry[]> {
    return this.auditEntries(await this.db.getSortedSetRevRange(K.auditByUid(uid), 0, -1));
  }

  /** Everything kept of one member (their account is deleted): list, seats, reminders, cycles, audit. */
  async deleteMember(uid: number): Promise<void> {
    const codes = [...(await this.memberCodes(uid)).map((c) => c.code), ...(await this.released(uid))];
    for (const code of codes) {
      await this.db.sortedSetRemove(K.holders(code), uid);
      await this.db.sortedSetRemove(K.expiring, `${uid}:${code}`);
      await this.db.delete(K.cycles(uid, code));
      await this.db.sortedSetRemove(K.cycling, `${uid}:${code}`);
    }
    const audit = await this.db.getSortedSetRange(K.auditByUid(uid), 0, -1);
    for (const id of audit) {
      const h = await this.db.getObject(K.auditEntry(Number(id)));
      if (h?.code) await this.db.sortedSetRemove(K.auditByCode(h.code), id);
      await this.db.sortedSetRemove(K.audit, id);
      await this.db.delete(K.auditEntry(Number(id)));
    }
    await this.db.deleteAll([K.member(uid), K.released(uid), K.auditByUid(uid)]);
  }
}
