/**
 * The transfers' records on the database port (private to the finance module).
 *
 * Storage: `bonus:transfer:{id}` (hash, written when done), `bonus:transfers` (zset id → created),
 * `bonus:transfers:uid:{uid}` (sent and received), `bonus:transfers:to:{uid}`, `bonus:transfers:keys`
 * (zset `{uid}:{key}` → id), `bonus:transfers:claimed` (zset claim key → count: one member per transfer,
 * not one growing hash; issue 13, item 5), `bonus:transfers:received` (hash uid → total received),
 * `bonus:transfers:day:{day}:{uid}` (zset transfer id → amount) and `bonus:transfers:notify:{day}`
 * (per club day: `{to}:{from}:n` and `{to}:{from}:sum` of one sender's transfers to one recipient).
 */
import type { Database } from '../../host/index';

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

/** The hash earlier versions kept transfer claims in, and the sorted set they live in now. */
export const LEGACY_TRANSFER_CLAIMS = ['bonus:transfers:claims', 'bonus:transfers:claimed'] as const;

const K = {
  transfer: (id: number) => `bonus:transfer:${id}`,
  all: 'bonus:transfers',
  ofMember: (uid: number) => `bonus:transfers:uid:${uid}`,
  to: (uid: number) => `bonus:transfers:to:${uid}`,
  keys: 'bonus:transfers:keys',
  claims: LEGACY_TRANSFER_CLAIMS[1],
  received: 'bonus:transfers:received',
  day: (day: string, uid: number) => `bonus:transfers:day:${day}:${uid}`,
  notifyDay: (day: string) => `bonus:transfers:notify:${day}`,
};

function decode(id: number, h: Record<string, string> | null): Transfer | null {
  if (!h?.fromUid) return null;
  return {
    id, fromUid: Number(h.fromUid), toUid: Number(h.toUid), amount: Number(h.amount), message: h.message ?? '',
    createdAt: Number(h.createdAt), state: h.state === 'done' ? 'done' : 'sending',
    reversedAt: Number(h.reversedAt ?? 0), reversedBy: Number(h.reversedBy ?? 0),
  };
}

export class TransfersStore {
  constructor(private readonly db: Database) {}

  nextId(): Promise<number> {
    return this.db.incrObjectField('bonus:ids', 'nextTransferId');
  }

  /** The first request with this client key wins (true); a repeat gets false. */
  async claim(claimKey: string): Promise<boolean> {
    return (await this.db.sortedSetIncrBy(K.claims, 1, claimKey)) === 1;
  }

  async isClaimed(claimKey: string): Promise<boolean> {
    return ((await this.db.sortedSetScore(K.claims, claimKey)) ?? 0) !== 0;
  }

  async releaseClaim(claimKey: string): Promise<void> {
    await this.db.sortedSetRemove(K.claims, claimKey);
  }

  /** Adds the transfer to the sender's club day and returns the day's total with it. */
  async addToDay(day: string, uid: number, id: number, amount: number): Promise<number> {
    await this.db.sortedSetAdd(K.day(day, uid), amount, id);
    return this.daySum(day, uid);
  }

  async removeFromDay(day: string, uid: number, id: number): Promise<void> {
    await this.db.sortedSetRemove(K.day(day, uid), id);
  }

  async daySum(day: string, uid: number): Promise<number> {
    const rows = await this.db.getSortedSetRangeWithScores(K.day(day, uid), 0, -1);
    return rows.reduce((sum, r) => sum + r.score, 0);
  }

  /** The finished transfer's record and its indexes (idempotent). */
  async saveDone(t: Omit<Transfer, 'state' | 'reversedAt' | 'reversedBy'>, claimKey: string): Promise<void> {
    await this.db.setObject(K.transfer(t.id), {
      id: t.id, fromUid: t.fromUid, toUid: t.toUid, amount: t.amount, message: t.message, createdAt: t.createdAt, state: 'done',
    });
    await this.db.sortedSetAddBulk([
      [K.all, t.createdAt, t.id], [K.ofMember(t.fromUid), t.createdAt, t.id], [K.ofMember(t.toUid), t.createdAt, t.id], [K.to(t.toUid), t.createdAt, t.id],
    ]);
    await this.db.sortedSetAdd(K.keys, t.id, claimKey);
  }

  async markReversed(id: number, at: number, byUid: number): Promise<void> {
    await this.db.setObject(K.transfer(id), { reversedAt: at, reversedBy: byUid });
  }

  async addReceived(uid: number, delta: number): Promise<void> {
    await this.db.incrObjectFieldBy(K.received, String(uid), delta);
  }

  /** What the member has received in total (read fresh: an increment of 0). */
  receivedTotal(uid: number): Promise<number> {
    return this.db.incrObjectFieldBy(K.received, String(uid), 0);
  }

  async byClaimKey(claimKey: string): Promise<Transfer | null> {
    const id = await this.db.sortedSetScore(K.keys, claimKey);
    return id === null ? null : this.get(id);
  }

  async get(id: number): Promise<Transfer | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    return decode(id, await this.db.getObject(K.transfer(id)));
  }

  /** The member's sent and received transfers, newest first. */
  async ofMember(uid: number, count: number): Promise<Transfer[]> {
    return this.load(await this.db.getSortedSetRevRange(K.ofMember(uid), 0, count - 1));
  }

  /** What the member received, newest first. */
  async receivedBy(uid: number, count: number): Promise<Transfer[]> {
    return this.load(await this.db.getSortedSetRevRange(K.to(uid), 0, count - 1));
  }

  async page(start: number, count: number): Promise<{ transfers: Transfer[]; total: number }> {
    const ids = await this.db.getSortedSetRevRange(K.all, start, start + count - 1);
    return { transfers: await this.load(ids), total: await this.db.sortedSetCard(K.all) };
  }

  /** Counts one more transfer of `from` to `to` in the club day: how many so far, and their sum. */
  async countForNotice(day: string, toUid: number, fromUid: number, amount: number): Promise<{ count: number; sum: number }> {
    const field = `${toUid}:${fromUid}`;
    const count = await this.db.incrObjectField(K.notifyDay(day), `${field}:n`);
    const sum = await this.db.incrObjectFieldBy(K.notifyDay(day), `${field}:sum`, amount);
    return { count, sum };
  }

  private async load(ids: string[]): Promise<Transfer[]> {
    const hashes = await this.db.getObjects(ids.map((id) => K.transfer(Number(id))));
    return ids.map((id, i) => decode(Number(id), hashes[i])).filter((t): t is Transfer => t !== null);
  }
}
