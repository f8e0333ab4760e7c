/**
 * The publishing module's records on the database port (private to the module).
 *
 * Announcements: `bonus:operations:published` (claims: key, `queued:{key}`, `digest:{day}`),
 * `bonus:operations:digest:{day}` (zset of keys), `bonus:operations:notes` (key → {text, authorUid}).
 * ACP operations: `bonus:operation:{key}` (`json`: the record), `bonus:operations` (zset key → created).
 */
import type { Database } from '../../host/index';

const K = {
  published: 'bonus:operations:published',
  digest: (day: string) => `bonus:operations:digest:${day}`,
  notes: 'bonus:operations:notes',
  operation: (key: string) => `bonus:operation:${key}`,
  list: 'bonus:operations',
};

export interface Note { text: string; authorUid: number }

export class PublishingStore {
  constructor(private readonly db: Database) {}

  /** True the first time only (a claim); `unclaim` gives it back after a failed post. */
  async claim(claim: string): Promise<boolean> {
    return (await this.db.incrObjectField(K.published, claim)) === 1;
  }

  async unclaim(claim: string): Promise<void> {
    await this.db.deleteObjectField(K.published, claim);
  }

  /** Keeps the note of `key` (the latest text wins) and queues it for its day's digest once. */
  async queue(key: string, note: Note, day: string, at: number): Promise<void> {
    await this.db.setObjectField(K.notes, key, JSON.stringify(note));
    if (await this.claim(`queued:${key}`)) await this.db.sortedSetAdd(K.digest(day), at, key);
  }

  queuedKeys(day: string): Promise<string[]> {
    return this.db.getSortedSetRange(K.digest(day), 0, -1);
  }

  async notes(keys: string[]): Promise<Note[]> {
    const raw = await this.db.getObjectFields(K.notes, keys);
    return keys.map((k) => raw[k]).filter((v): v is string => !!v).map((v) => JSON.parse(v) as Note);
  }

  /** The day's digest is posted: its notes and queue go (the claims keep them from being queued again). */
  async clearDay(day: string, keys: string[]): Promise<void> {
    await this.db.deleteObjectFields(K.notes, keys);
    await this.db.delete(K.digest(day));
  }

  async saveOperation(key: string, createdAt: number, json: string): Promise<void> {
    await this.db.setObject(K.operation(key), { json });
    await this.db.sortedSetAdd(K.list, createdAt, key);
  }

  operationJson(key: string): Promise<string | null | undefined> {
    return this.db.getObjectField(K.operation(key), 'json');
  }

  recentOperationKeys(count: number): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.list, 0, count - 1);
  }
}
