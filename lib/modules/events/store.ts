/**
 * The sellers' monthly events on the database port, under `bonus:events:` (private to the module).
 * Contest: an entry is one hash; a month's entries a sorted set by entry time; a photo's content
 * hash is a member of a sorted set scored by its entry (the same image twice is refused). A member's
 * vote is ONE field of the month's votes hash (voter → entry), so parallel or repeated votes leave
 * exactly one vote, the last.
 * A juror's ranking is one field of the month's jury hash. The contest's state (places, published)
 * is one hash per month.
 *
 * Draw: one hash per month: the announced prizes, each category's frozen list (written once, under
 * the freeze's lease), the rate, the mode and the results (JSON).
 */
import type { Database } from '../../host';

const K = {
  ids: 'bonus:events:ids',
  contests: 'bonus:events:contests',
  contest: (month: string) => `bonus:events:contest:${month}`,
  entries: (month: string) => `bonus:events:entries:${month}`,
  entry: (id: number) => `bonus:events:entry:${id}`,
  /** Photo content hash → the entry it was entered with (zset; score = entry id). */
  images: 'bonus:events:image-owners',
  votes: (month: string) => `bonus:events:votes:${month}`,
  jury: (month: string) => `bonus:events:jury:${month}`,
  draws: 'bonus:events:draws',
  draw: (month: string) => `bonus:events:draw:${month}`,
  /** leases (kernel/lease.ts): one publication or freeze at a time */
  leases: 'bonus:events:leases',
  locks: 'bonus:events:locks',
  lockLeases: 'bonus:events:lock-leases',
} as const;
export const EVENTS_KEYS = K;

export type EntryStatus = 'pending' | 'accepted' | 'rejected';

export interface Entry {
  id: number;
  uid: number;
  month: string;
  /** The photo's address (NodeBB's uploader). */
  image: string;
  /** The seller's own words: shown escaped, never a translation key. */
  caption: string;
  /** SHA-256 of the photo's content. */
  contentHash: string;
  status: EntryStatus;
  reason: string;
  createdAt: number;
}

export interface ContestState {
  /** Entry ids for places 1–5 (null: no entry at that place). */
  places: (number | null)[];
  published: boolean;
  publishedAt: number;
  /** The audience's choice (entry id) once published. */
  audience: number | null;
  /** Final vote counts, stored at publication (entry id → votes). */
  counts: Record<string, number>;
}

const int = (v: unknown): number => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : 0;
};

function parseJson<T>(raw: string | null | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export class EventsStore {
  constructor(readonly db: Database) {}

  // --- contest ---

  nextEntryId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'entry');
  }

  async writeEntry(e: Entry, monthStart: number): Promise<void> {
    await this.db.setObject(K.entry(e.id), { ...e });
    await this.db.sortedSetAdd(K.entries(e.month), e.createdAt, e.id);
    await this.db.sortedSetAdd(K.contests, monthStart, e.month);
  }

  async entry(id: number): Promise<Entry | null> {
    const row = await this.db.getObject(K.entry(id));
    if (!row || !row.id) return null;
    return {
      id: int(row.id), uid: int(row.uid), month: String(row.month), image: String(row.image ?? ''), caption: String(row.caption ?? ''),
      contentHash: String(row.contentHash ?? ''), status: String(row.status) as EntryStatus, reason: String(row.reason ?? ''), createdAt: int(row.createdAt),
    };
  }

  async entries(month: string): Promise<Entry[]> {
    const ids = await this.db.getSortedSetRange(K.entries(month), 0, -1);
    const all = await Promise.all(ids.map((id) => this.entry(Number(id))));
    return all.filter((e): e is Entry => e !== null).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  }

  async setEntryStatus(id: number, status: EntryStatus, reason: string): Promise<void> {
    await this.db.setObject(K.entry(id), { status, reason });
  }

  /** The entry that used this image already, if any. */
  /** The entry a photo (its content hash) was entered with; a sorted set, so it costs the same however many photos there were. */
  async imageOwner(hash: string): Promise<number | null> {
    return this.db.sortedSetScore(K.images, hash);
  }

  async claimImage(hash: string, entryId: number): Promise<void> {
    await this.db.sortedSetAdd(K.images, entryId, hash);
  }

  async releaseImage(hash: string): Promise<void> {
    await this.db.sortedSetRemove(K.images, hash);
  }

  /** The months that have a contest, newest first. */
  async contestMonths(): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.contests, 0, -1);
  }

  async addContestMonth(month: string, start: number): Promise<void> {
    await this.db.sortedSetAdd(K.contests, start, month);
  }

  /** One field per voter: a second vote replaces the first. */
  async setVote(month: string, voter: number, entryId: number): Promise<void> {
    await this.db.setObjectField(K.votes(month), String(voter), entryId);
  }

  async voteOf(month: string, voter: number): Promise<number | null> {
    const v = await this.db.getObjectField(K.votes(month), String(voter));
    return v ? int(v) : null;
  }

  async votes(month: string): Promise<Map<number, number>> {
    const all = (await this.db.getObject(K.votes(month))) ?? {};
    return new Map(Object.entries(all).map(([voter, entry]) => [Number(voter), int(entry)]));
  }

  async setRanking(month: string, juror: number, ranking: number[]): Promise<void> {
    await this.db.setObjectField(K.jury(month), String(juror), JSON.stringify(ranking));
  }

  async rankings(month: string): Promise<Map<number, number[]>> {
    const all = (await this.db.getObject(K.jury(month))) ?? {};
    return new Map(Object.entries(all).map(([juror, r]) => [Number(juror), parseJson<number[]>(String(r), [])]));
  }

  async contest(month: string): Promise<ContestState> {
    const row = (await this.db.getObject(K.contest(month))) ?? {};
    return {
      places: parseJson<(number | null)[]>(row.places as string, [null, null, null, null, null]),
      published: int(row.published) === 1,
      publishedAt: int(row.publishedAt),
      audience: row.audience ? int(row.audience) || null : null,
      counts: parseJson<Record<string, number>>(row.counts as string, {}),
    };
  }

  async setPlaces(month: string, places: (number | null)[]): Promise<void> {
    await this.db.setObjectField(K.contest(month), 'places', JSON.stringify(places));
  }

  async markPublished(month: string, at: number, audience: number | null, counts: Record<string, number>): Promise<void> {
    await this.db.setObject(K.contest(month), { published: 1, publishedAt: at, audience: audience ?? 0, counts: JSON.stringify(counts) });
  }

  /** Was the reminder for this month sent (set once; true the first time it is claimed). */
  async claimReminder(month: string): Promise<boolean> {
    return (await this.db.incrObjectField(K.contest(month), 'reminded')) === 1;
  }

  // --- draw ---

  async drawField(month: string, field: string): Promise<string | null> {
    return this.db.getObjectField(K.draw(month), field);
  }

  async draw(month: string): Promise<Record<string, string>> {
    const row = (await this.db.getObject(K.draw(month))) ?? {};
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
  }

  async setDraw(month: string, fields: Record<string, string | number>, start: number): Promise<void> {
    await this.db.setObject(K.draw(month), fields);
    await this.db.sortedSetAdd(K.draws, start, month);
  }

  async drawMonths(): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.draws, 0, -1);
  }
}
