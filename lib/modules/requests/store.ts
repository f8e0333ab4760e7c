/**
 * Support requests on the database port, under `bonus:requests:` (private to the module).
 *
 * The types: one hash `bonus:requests:types` (type id → its JSON). The default types are seeded once
 * each: a default's id joins the set `bonus:requests:seeded` after it is written, so seeding again
 * (a restart, two processes at once, a seed cut short) writes only the defaults never written, and a
 * default the admin deleted or edited stays as the admin left it.
 */
import type { Database } from '../../host';
import { parseStored as parseJson } from '../../kernel/json';
import type { Draft, RequestState } from './domain';
import type { RequestType } from './domain';

const K = {
  types: 'bonus:requests:types',
  seeded: 'bonus:requests:seeded',
  ids: 'bonus:requests:ids',
  request: (id: number) => `bonus:requests:request:${id}`,
  messages: (id: number) => `bonus:requests:messages:${id}`,
  byMember: (uid: number) => `bonus:requests:uid:${uid}`,
  open: 'bonus:requests:open',
  all: 'bonus:requests:all',
  file: (fid: string) => `bonus:requests:file:${fid}`,
  /** Files uploaded and not yet part of a request, by upload time (the daily job removes stale ones). */
  loose: 'bonus:requests:loose-files',
  /** Staff's saved replies: one hash, reply id → its JSON (a few dozen at most). */
  savedReplies: 'bonus:requests:saved-replies',
  locks: 'bonus:requests:locks',
  /** Hash per member: a submit's idempotency key → the request id it reserved (written before the request). */
  submitKeys: (uid: number) => `bonus:requests:uid:${uid}:keys`,
  lockLeases: 'bonus:requests:lock-leases',
} as const;

/** A request: who asked, what (the submitted draft), and its state. */
export interface StoredRequest extends RequestState {
  id: number;
  uid: number;
  createdAt: number;
  draft: Draft;
  assignee?: number;
}

/** One message of the conversation; an internal note is never shown to the member. */
export interface Message {
  uid: number;
  at: number;
  text: string;
  internal: boolean;
  staff: boolean;
  /** Files sent with the message (ids of the request's files). */
  attachments?: string[];
}
export const REQUESTS_KEYS = K;

/**
 * An attached file, kept by the plugin (never in the forum's uploads): one hash per file, its chunks
 * as fields while it is uploaded, then its bytes as base64 in `data`. `requestId` is 0 until a
 * submitted request takes it.
 */
/** A reply staff keep to insert into an answer (their words: shown escaped, inserted as text). */
export interface SavedReply {
  id: number;
  title: string;
  text: string;
}

export interface StoredFile {
  fid: string;
  uid: number;
  name: string;
  size: number;
  chunks: number;
  createdAt: number;
  ready: boolean;
  requestId: number;
  /** Attached to an internal note: never served to the member. */
  internal?: boolean;
}

export class RequestsStore {
  constructor(readonly db: Database) {}

  /** Writes each default not seeded before; returns the ids it wrote. */
  async seedTypes(defaults: readonly RequestType[]): Promise<string[]> {
    const wrote: string[] = [];
    for (const ty of defaults) {
      if (await this.db.isSetMember(K.seeded, ty.id)) continue;
      if (!(await this.db.isObjectField(K.types, ty.id))) {
        await this.db.setObjectField(K.types, ty.id, JSON.stringify(ty));
        wrote.push(ty.id);
      }
      await this.db.setAdd(K.seeded, ty.id);
    }
    return wrote;
  }

  async types(): Promise<RequestType[]> {
    const all = (await this.db.getObject(K.types)) ?? {};
    return Object.values(all).map((v) => parseJson<RequestType>(v)).filter((x): x is RequestType => x !== null).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  async type(id: string): Promise<RequestType | null> {
    return parseJson<RequestType>(await this.db.getObjectField(K.types, id));
  }

  async writeType(ty: RequestType): Promise<void> {
    await this.db.setObjectField(K.types, ty.id, JSON.stringify(ty));
  }

  async deleteType(id: string): Promise<void> {
    await this.db.deleteObjectField(K.types, id);
  }

  async submitKey(uid: number, key: string): Promise<number | null> {
    const v = Number(await this.db.getObjectField(K.submitKeys(uid), key));
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  }

  async setSubmitKey(uid: number, key: string, id: number): Promise<void> {
    await this.db.setObjectField(K.submitKeys(uid), key, id);
  }

  nextId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'request');
  }

  async writeRequest(r: StoredRequest): Promise<void> {
    await this.db.setObject(K.request(r.id), { id: r.id, json: JSON.stringify(r) });
    await this.db.sortedSetAdd(K.byMember(r.uid), r.createdAt, r.id);
    await this.db.sortedSetAdd(K.all, r.createdAt, r.id);
    if (r.status === 'closed') await this.db.sortedSetRemove(K.open, r.id);
    else await this.db.sortedSetAdd(K.open, r.statusAt, r.id);
  }

  /** Several requests in one batch (missing ones left out). */
  async requests(ids: number[]): Promise<StoredRequest[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.getObjectsFields(ids.map(K.request), ['json']);
    return rows.map((r) => parseJson<StoredRequest>(r.json)).filter((r): r is StoredRequest => r !== null);
  }

  /** Up to `limit` ids of requests not closed, oldest status change first, and how many there are. */
  async openPage(limit: number): Promise<{ ids: number[]; count: number }> {
    const [ids, count] = await Promise.all([this.db.getSortedSetRange(K.open, 0, limit - 1), this.db.sortedSetCard(K.open)]);
    return { ids: ids.map(Number), count };
  }

  /** Up to `limit` ids of requests created in [from, until). */
  async createdBetween(from: number, until: number, limit: number): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScore(K.all, 0, limit, from, until - 1)).map(Number);
  }

  async request(id: number): Promise<StoredRequest | null> {
    return parseJson<StoredRequest>(await this.db.getObjectField(K.request(id), 'json'));
  }

  /** The member's requests, newest first, with their creation times. */
  async memberRequests(uid: number): Promise<StoredRequest[]> {
    const ids = await this.db.getSortedSetRevRange(K.byMember(uid), 0, -1);
    return (await Promise.all(ids.map((id) => this.request(Number(id))))).filter((r): r is StoredRequest => r !== null);
  }

  async memberCreatedAts(uid: number, since: number): Promise<number[]> {
    return (await this.db.getSortedSetRangeByScoreWithScores(K.byMember(uid), 0, -1, since, '+inf')).map((x) => x.score);
  }

  /** Every request not closed, oldest status first (the jobs' and the queue's list). */
  async openIds(): Promise<number[]> {
    return (await this.db.getSortedSetRange(K.open, 0, -1)).map(Number);
  }

  async allIds(): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.all, 0, -1)).map(Number);
  }

  /** The newest `count` requests, whatever their status. */
  async recentIds(count: number): Promise<number[]> {
    return (await this.db.getSortedSetRevRange(K.all, 0, count - 1)).map(Number);
  }

  async addMessage(id: number, m: Message): Promise<void> {
    const n = await this.db.incrObjectField(K.request(id), 'messages');
    await this.db.sortedSetAdd(K.messages(id), n, JSON.stringify({ n, ...m }));
  }

  async messages(id: number): Promise<Message[]> {
    return (await this.db.getSortedSetRange(K.messages(id), 0, -1)).map((v) => parseJson<Message>(v)).filter((m): m is Message => m !== null);
  }

  async createFile(f: StoredFile): Promise<void> {
    await this.db.setObject(K.file(f.fid), { fid: f.fid, uid: f.uid, name: f.name, size: f.size, chunks: f.chunks, createdAt: f.createdAt, ready: 0, requestId: 0 });
    await this.db.sortedSetAdd(K.loose, f.createdAt, f.fid);
  }

  async file(fid: string): Promise<StoredFile | null> {
    if (!/^[a-f0-9]{24}$/.test(fid)) return null;
    const h = await this.db.getObjectFields(K.file(fid), ['fid', 'uid', 'name', 'size', 'chunks', 'createdAt', 'ready', 'requestId', 'internal']);
    if (!h.fid) return null;
    return { fid, uid: Number(h.uid), name: String(h.name ?? ''), size: Number(h.size), chunks: Number(h.chunks), createdAt: Number(h.createdAt), ready: h.ready === '1', requestId: Number(h.requestId) || 0, internal: h.internal === '1' };
  }

  async putChunk(fid: string, index: number, base64: string): Promise<void> {
    await this.db.setObjectField(K.file(fid), `chunk:${index}`, base64);
  }

  /** The uploaded chunks in order, or null when one is missing. */
  async chunks(fid: string, count: number): Promise<Buffer[] | null> {
    const fields = Array.from({ length: count }, (_, i) => `chunk:${i}`);
    const got = await this.db.getObjectFields(K.file(fid), fields);
    const out: Buffer[] = [];
    for (const f of fields) {
      if (typeof got[f] !== 'string') return null;
      out.push(Buffer.from(got[f]!, 'base64'));
    }
    return out;
  }

  async finishFile(fid: string, bytes: Buffer, count: number): Promise<void> {
    await this.db.setObject(K.file(fid), { data: bytes.toString('base64'), ready: 1, size: bytes.length });
    await this.db.deleteObjectFields(K.file(fid), Array.from({ length: count }, (_, i) => `chunk:${i}`));
  }

  /** The file joins a request (with an internal note: staff only). */
  async attachFile(fid: string, requestId: number, internal = false): Promise<void> {
    await this.db.setObject(K.file(fid), { requestId, internal: internal ? 1 : 0 });
    await this.db.sortedSetRemove(K.loose, fid);
  }

  async fileBytes(fid: string): Promise<Buffer | null> {
    const data = await this.db.getObjectField(K.file(fid), 'data');
    return typeof data === 'string' ? Buffer.from(data, 'base64') : null;
  }

  async deleteFile(fid: string): Promise<void> {
    await this.db.delete(K.file(fid));
    await this.db.sortedSetRemove(K.loose, fid);
  }

  /** Files never taken by a request, uploaded before `before`. */
  async looseFilesBefore(before: number): Promise<string[]> {
    return this.db.getSortedSetRangeByScore(K.loose, 0, -1, '-inf', before);
  }

  async savedReplies(): Promise<SavedReply[]> {
    const all = (await this.db.getObject(K.savedReplies)) ?? {};
    return Object.values(all).map((v) => parseJson<SavedReply>(v)).filter((x): x is SavedReply => x !== null).sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
  }

  async writeSavedReply(r: SavedReply): Promise<void> {
    await this.db.setObjectField(K.savedReplies, String(r.id), JSON.stringify(r));
  }

  async deleteSavedReply(id: number): Promise<boolean> {
    if (!(await this.db.isObjectField(K.savedReplies, String(id)))) return false;
    await this.db.deleteObjectField(K.savedReplies, String(id));
    return true;
  }

  nextSavedReplyId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'saved-reply');
  }
}
