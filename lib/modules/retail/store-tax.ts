/**
 * The prizes' tax records and the sellers' tax details on the database port (private to the retail
 * module). One record is one key, written once (its JSON in `data`; a cached read of it is never
 * stale) and indexed by when it was received, overall and per member, so writing it again changes
 * nothing. `bonus:retail:tax:details:{uid}` holds the details a seller gave.
 */
import type { Database } from '../../host';

const K = {
  /** record key → when it was received */
  all: 'bonus:retail:tax:prizes',
  record: (key: string) => `bonus:retail:tax:prize:${key}`,
  member: (uid: number) => `bonus:retail:tax:member:${uid}`,
  details: (uid: number) => `bonus:retail:tax:details:${uid}`,
} as const;

export interface PrizeRecord {
  key: string;
  uid: number;
  /** What it is (`order`: a line of a prize order; `contest`: a contest prize in points; `draw`: a draw prize). */
  source: 'order' | 'contest' | 'draw';
  orderId: number;
  line: number;
  title: { 'en-GB': string; ru: string };
  /** Roubles (= the seller points paid). */
  value: number;
  at: number;
}

export interface TaxDetails {
  fullName: string;
  birthDate: string;
  address: string;
  taxNumber: string;
  givenAt: number;
}

export class TaxStore {
  constructor(private readonly db: Database) {}

  /** Idempotent: the same record written again changes nothing. */
  async put(rec: PrizeRecord): Promise<void> {
    await this.db.setObjectField(K.record(rec.key), 'data', JSON.stringify(rec));
    await this.db.sortedSetAddBulk([[K.all, rec.at, rec.key], [K.member(rec.uid), rec.at, rec.key]]);
  }

  async remove(uid: number, key: string): Promise<void> {
    await this.db.sortedSetsRemove([K.all, K.member(uid)], key);
    await this.db.delete(K.record(key));
  }

  async ofMember(uid: number): Promise<PrizeRecord[]> {
    return this.records(await this.db.getSortedSetRange(K.member(uid), 0, -1));
  }

  /** Records received between two instants (inclusive). */
  async between(start: number, end: number): Promise<PrizeRecord[]> {
    return this.records(await this.db.getSortedSetRangeByScore(K.all, 0, -1, start, end));
  }

  async details(uid: number): Promise<TaxDetails | null> {
    const row = await this.db.getObject(K.details(uid));
    if (!row || !row.fullName) return null;
    return { fullName: String(row.fullName), birthDate: String(row.birthDate), address: String(row.address), taxNumber: String(row.taxNumber), givenAt: Number(row.givenAt) || 0 };
  }

  async saveDetails(uid: number, details: TaxDetails): Promise<void> {
    await this.db.setObject(K.details(uid), { ...details });
  }

  /** Everything kept of the member: their records and details. */
  async deleteMember(uid: number): Promise<void> {
    const keys = await this.db.getSortedSetRange(K.member(uid), 0, -1);
    for (const k of keys) {
      await this.db.sortedSetRemove(K.all, k);
      await this.db.delete(K.record(k));
    }
    await this.db.deleteAll([K.member(uid), K.details(uid)]);
  }

  private async records(keys: string[]): Promise<PrizeRecord[]> {
    if (keys.length === 0) return [];
    const raw = await this.db.getObjectsFields(keys.map(K.record), ['data']);
    return raw.flatMap((r) => {
      try {
        return r?.data ? [JSON.parse(String(r.data)) as PrizeRecord] : [];
      } catch {
        return [];
      }
    });
  }
}
