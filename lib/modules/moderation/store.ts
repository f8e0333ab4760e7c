/**
 * The moderation module's persistence (private to the module).
 *
 * Warnings: `bonus:warning:{id}` (hash, the record; `wf` names its `warning-issue` workflow),
 * `bonus:warnings` (zset id → created), `bonus:warnings:uid:{uid}` (zset id → created), ids from
 * `bonus:warnings:next`. Which warning a claim (a post, a form's key) went to is the `warning-issue`
 * workflow of that id (lib/kernel/steps.ts): no registry of claims grows here. `bonus:warnings:claims`
 * is the registry of the earlier layout, read only (a post warned before stays warned for).
 *
 * Bans (every decision on an atomic counter or a sorted set, never a per-process cached hash read):
 * `bonus:ban:epoch` (hash uid → counter: bans that were charged and lifted), `bonus:bans:charged`
 * (zset uid → the ban number last charged), `bonus:bans:until` (zset uid → when the charged ban ends,
 * 0 = permanent), `bonus:ban:unbanned` (hash `{uid}:{epoch}` → counter: the unban that moved on).
 */
import type { Database } from '../../host/index';
import type { Warning } from './domain';

const K = {
  warning: (id: number) => `bonus:warning:${id}`,
  all: 'bonus:warnings',
  ofMember: (uid: number) => `bonus:warnings:uid:${uid}`,
  next: 'bonus:warnings:next',
  legacyClaims: 'bonus:warnings:claims',
  epoch: 'bonus:ban:epoch',
  charged: 'bonus:bans:charged',
  until: 'bonus:bans:until',
  unbanned: 'bonus:ban:unbanned',
  legacyCharged: 'bonus:ban:charged',
  legacyUntil: 'bonus:ban:until',
};

function decode(id: number, h: Record<string, string> | null): Warning | null {
  if (!h?.uid) return null;
  return {
    id, uid: Number(h.uid), byUid: Number(h.byUid), pid: Number(h.pid ?? 0), reason: h.reason ?? '', amount: Number(h.amount),
    createdAt: Number(h.createdAt), revokedAt: Number(h.revokedAt ?? 0), revokedBy: Number(h.revokedBy ?? 0),
  };
}

export class WarningStore {
  constructor(private readonly db: Database) {}

  nextId(): Promise<number> {
    return this.db.increment(K.next);
  }

  /** The record and its indexes (repeatable: the same data again changes nothing). */
  async save(w: Warning, workflowId: string): Promise<void> {
    const { id, uid, byUid, pid, reason, amount, createdAt } = w;
    await this.db.setObject(K.warning(id), { id, uid, byUid, pid, reason, amount, createdAt, wf: workflowId });
    await this.db.sortedSetAddBulk([[K.all, createdAt, id], [K.ofMember(uid), createdAt, id]]);
  }

  async markRevoked(id: number, at: number, byUid: number): Promise<void> {
    await this.db.setObject(K.warning(id), { revokedAt: at, revokedBy: byUid });
  }

  /** Was this claim taken in the earlier layout (before warnings ran on durable steps)? */
  legacyClaimed(claim: string): Promise<boolean> {
    return this.db.isObjectField(K.legacyClaims, claim);
  }

  async get(id: number): Promise<Warning | null> {
    return decode(id, await this.db.getObject(K.warning(id)));
  }

  async load(ids: string[]): Promise<Warning[]> {
    const hashes = await this.db.getObjects(ids.map((id) => K.warning(Number(id))));
    return ids.map((id, i) => decode(Number(id), hashes[i])).filter((w): w is Warning => w !== null);
  }

  /** Ids of every warning, newest first (inclusive indices). */
  newest(start: number, stop: number): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.all, start, stop);
  }

  count(): Promise<number> {
    return this.db.sortedSetCard(K.all);
  }

  newestOf(uid: number, count: number): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.ofMember(uid), 0, count - 1);
  }
}

export class BanStore {
  constructor(private readonly db: Database) {}

  /** How many of the member's bans were charged and lifted (an atomic read). */
  epoch(uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(K.epoch, String(uid), 0);
  }

  async chargedEpoch(uid: number): Promise<number> {
    return (await this.db.sortedSetScore(K.charged, uid)) ?? 0;
  }

  async until(uid: number): Promise<number> {
    return (await this.db.sortedSetScore(K.until, uid)) ?? 0;
  }

  /** Ban number `epoch` was charged; it ends at `until` (0 = permanent). Repeatable. */
  async markCharged(uid: number, epoch: number, until: number): Promise<void> {
    await this.db.sortedSetAdd(K.until, until, uid);
    await this.db.sortedSetAdd(K.charged, epoch, uid);
  }

  /** Moves the member on from ban `epoch + 1`, once however often it is asked. */
  async moveOn(uid: number, epoch: number): Promise<void> {
    if ((await this.db.incrObjectField(K.unbanned, `${uid}:${epoch}`)) === 1) await this.db.incrObjectField(K.epoch, String(uid));
  }

  /**
   * The upgrade from the earlier layout (hashes uid → until and uid → charged ban, read through
   * NodeBB's per-process cache) to sorted sets. Idempotent. Returns how many members moved.
   */
  async migrateLegacy(): Promise<number> {
    const [charged, until] = await Promise.all([this.db.getObject(K.legacyCharged), this.db.getObject(K.legacyUntil)]);
    const uids = new Set([...Object.keys(charged ?? {}), ...Object.keys(until ?? {})]);
    const items: [string, number, string][] = [];
    for (const uid of uids) {
      const c = Number(charged?.[uid] ?? 0);
      if (c > 0) items.push([K.charged, Math.max(c, (await this.chargedEpoch(Number(uid)))), uid]);
      items.push([K.until, Number(until?.[uid] ?? 0) || 0, uid]);
    }
    if (items.length) await this.db.sortedSetAddBulk(items);
    await this.db.deleteAll([K.legacyCharged, K.legacyUntil]);
    return uids.size;
  }
}
