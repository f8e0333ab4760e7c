/**
 * Support requests' use cases (issue 20): file a request, the conversation, statuses, the job.
 *
 * Every change of one request happens under that request's lock (kernel LeaseLocks), so two staff
 * replying, a member's message and the automatic close racing each other apply one after another
 * to the state each of them reads. Members see only their own requests and never internal notes.
 */
import type { Host } from '../../host';
import { BonusError, countedToken, keyArg, translationToken } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';
import { refusable, type Result } from '../../kernel/result';
import { randomBytes } from 'node:crypto';
import type { Download } from '../../host';
import { apply, cleanFileName, CONTENT_TYPES, DAY, DEFAULT_EXTENSIONS, DEFAULT_MAX_BYTES, fileProblem, DEFAULT_TIMING, DEFAULT_TYPES, draftProblems, due, inQueue, LIMITS, type QueueFilter, underDailyLimit, type Draft, type Event, type RequestType, type Timing } from './domain';
import { REQUESTS_KEYS, RequestsStore, type Message, type SavedReply, type StoredFile, type StoredRequest } from './store';

const LOCK_MS = 30_000;
/** Bytes of one uploaded chunk: as base64 (4/3) in a JSON body it stays well under NodeBB's 1 MB limit. */
export const FILE_CHUNK = 600 * 1024;
/** The queue shows every open request and, besides, at most this many of the newest (closed ones included). */
const QUEUE_RECENT = 200;
/** An upload never taken by a request is removed after this long. */
const LOOSE_FILE_MS = DAY;

/** A licence or an order step 2 offers: its id and what the member recognises it by (a masked code, a title). */
export interface SubjectChoice<Id> {
  id: Id;
  /** A masked code or `#id`: shown as written. */
  label: string;
  /** The product or the order's first line: in the member's language where the store keeps both. */
  title: string | { 'en-GB': string; ru: string } | null;
  at: number;
}

/** The member's licences and orders as step 2 sees them (a port: "My licences" and the orders provide it). */
export interface MemberSubjects {
  ownsLicence(uid: number, id: string): Promise<boolean>;
  ownsOrder(uid: number, id: number): Promise<boolean>;
  licences?(uid: number): Promise<SubjectChoice<string>[]>;
  orders?(uid: number): Promise<SubjectChoice<number>[]>;
}

/**
 * Who handles requests: the general request handlers (admins and the group the admin grants,
 * `handledBy: 'staff'`), or for a type the admin gave to a group, that group (and admins).
 */
export interface Staff {
  /** A general request handler. */
  isStaff(uid: number): Promise<boolean>;
  /** Handles requests of types handled by `handledBy` ('staff' or a group's name); admins handle all. */
  handles?(uid: number, handledBy: string): Promise<boolean>;
  /** Everyone who handles requests of `handledBy` now (default 'staff'; for assignment and notices). */
  members?(handledBy?: string): Promise<number[]>;
}

export interface RequestsOptions {
  timing: Timing;
  dailyLimit: number;
  /** The largest attachment (bytes). */
  maxFileBytes?: number;
}

/** Groups that cannot handle requests (everyone, guests, crawlers). */
const NOT_HANDLERS = new Set(['registered-users', 'verified-users', 'unverified-users', 'guests', 'spiders', 'banned-users']);

/** The most requests the ACP dashboard reads for one of its figures. */
const DASHBOARD_LIMIT = 2000;

export class RequestsService {
  readonly store: RequestsStore;
  private readonly locks: LeaseLocks;

  constructor(
    private readonly host: Host,
    private readonly subjects: MemberSubjects,
    private readonly staff: Staff,
    /** Fixed, or read when needed (the settings an admin may change at any time). */
    private readonly options: RequestsOptions | (() => Promise<RequestsOptions>) = { timing: DEFAULT_TIMING, dailyLimit: 5 },
  ) {
    this.store = new RequestsStore(host.db);
    this.locks = new LeaseLocks(host.db, REQUESTS_KEYS.locks, REQUESTS_KEYS.lockLeases);
  }

  /**
   * The ACP dashboard's requests (issue 21): the requests not closed by status and the oldest one
   * waiting for staff; the time to first staff reply of the requests created in each period (the
   * median, over those answered). The open requests are the staff's queue and a period's requests
   * are few (a daily limit per member), so both are read in one batch each, bounded by
   * DASHBOARD_LIMIT (beyond it the figures are of the oldest DASHBOARD_LIMIT, and say so).
   */
  async dashboardSummary(periods: { from: number; until: number }[]): Promise<{
    open: number; byStatus: Record<'new' | 'staff' | 'member', number>; oldestWaitingAt: number | null; capped: boolean;
    firstReply: { created: number; answered: number; medianMs: number | null }[];
  }> {
    const page = await this.store.openPage(DASHBOARD_LIMIT);
    const createdIds = await Promise.all(periods.map((p) => this.store.createdBetween(p.from, p.until, DASHBOARD_LIMIT)));
    const all = await this.store.requests([...new Set([...page.ids, ...createdIds.flat()])]);
    const byId = new Map(all.map((r) => [r.id, r]));
    const byStatus = { new: 0, staff: 0, member: 0 };
    let oldestWaitingAt: number | null = null;
    for (const id of page.ids) {
      const r = byId.get(id);
      if (!r || r.status === 'closed') continue;
      byStatus[r.status] += 1;
      if (r.status !== 'member' && (oldestWaitingAt === null || r.statusAt < oldestWaitingAt)) oldestWaitingAt = r.statusAt;
    }
    const firstReply = createdIds.map((ids) => {
      const times = ids.flatMap((id) => {
        const r = byId.get(id);
        return r?.firstReplyAt !== undefined ? [r.firstReplyAt - r.createdAt] : [];
      }).sort((a, b) => a - b);
      const mid = Math.floor(times.length / 2);
      const medianMs = times.length === 0 ? null : times.length % 2 === 1 ? times[mid] : Math.round((times[mid - 1] + times[mid]) / 2);
      return { created: ids.length, answered: times.length, medianMs };
    });
    return { open: page.count, byStatus, oldestWaitingAt, capped: page.count > page.ids.length, firstReply };
  }

  opts(): Promise<RequestsOptions> {
    return typeof this.options === 'function' ? this.options() : Promise.resolve(this.options);
  }

  /** Handles requests of some type: a general handler, or a member of a group some type is given to. */
  async isStaff(uid: number): Promise<boolean> {
    if (!(uid > 0)) return false;
    if (await this.staff.isStaff(uid)) return true;
    return (await this.handledKinds(uid)).size > 0;
  }

  /** Whether `uid` handles requests of `handledBy` ('staff': the general handlers). */
  async handles(uid: number, handledBy: string): Promise<boolean> {
    if (!(uid > 0)) return false;
    if (handledBy === 'staff' || !this.staff.handles) return this.staff.isStaff(uid);
    return this.staff.handles(uid, handledBy);
  }

  /** The `handledBy` values of today's types that `uid` handles. */
  private async handledKinds(uid: number): Promise<Set<string>> {
    const kinds = [...new Set(['staff', ...(await this.types()).map((t) => t.handledBy || 'staff')])];
    const yes = await Promise.all(kinds.map((k) => this.handles(uid, k)));
    return new Set(kinds.filter((_, i) => yes[i]));
  }

  /** Who handles the request's type ('staff' when its type was removed). */
  private async handlerOf(r: Pick<StoredRequest, 'draft'>): Promise<string> {
    return (await this.types()).find((t) => t.id === r.draft.typeId)?.handledBy || 'staff';
  }

  /** Everyone who handles the request's type (the assignment list). */
  async handlersOf(r: Pick<StoredRequest, 'draft'>): Promise<number[]> {
    return this.staffMembers(await this.handlerOf(r));
  }

  /** The groups an admin may give a type to (names, sorted). */
  async handlerGroups(): Promise<string[]> {
    return (await this.host.groups.list()).map((g) => g.name).filter((n) => !NOT_HANDLERS.has(n) && !n.startsWith('cid:')).sort((a, b) => a.localeCompare(b));
  }

  /** Everyone who handles requests of `handledBy` (default: the general handlers), for assignment. */
  async staffMembers(handledBy = 'staff'): Promise<number[]> {
    return [...new Set((await this.staff.members?.(handledBy)) ?? [])].sort((a, b) => a - b);
  }

  /**
   * An admin adds or changes a type: its name and help in both languages (a default type left without
   * them keeps the language files' texts), what step 2 asks, whether a file is needed, step 4, on/off, order.
   */
  saveType(caller: { uid: number }, id: string, input: unknown): Promise<Result<RequestType>> {
    return refusable(async () => {
      if (!(caller.uid > 0 && (await this.host.privileges.isAdmin(caller.uid)))) throw new BonusError('error.no-privileges', [], 'forbidden');
      if (!/^[a-z0-9-]{1,30}$/.test(String(id))) throw new BonusError('error.requests.type.id');
      const x = input && typeof input === 'object' && !Array.isArray(input) ? input as Record<string, unknown> : {};
      const str = (v: unknown, max: number) => {
        const t = typeof v === 'string' ? v.trim() : '';
        if (t.length > max) throw new BonusError('error.requests.type.too-long', [max]);
        return t;
      };
      const name = { 'en-GB': str(x.nameEn, 200), ru: str(x.nameRu, 200) };
      const help = { 'en-GB': str(x.helpEn, 1000), ru: str(x.helpRu, 1000) };
      const known = (await this.types()).find((t) => t.id === id);
      const isDefault = DEFAULT_TYPES.some((t) => t.id === id);
      if (!isDefault && !name['en-GB'] && !name.ru) throw new BonusError('error.requests.type.name');
      const subject = (['none', 'licence', 'order', 'licence-or-order'] as const).find((v) => v === x.subject) ?? known?.subject ?? 'licence';
      const order = Number(x.order);
      const ty: RequestType = {
        id, subject, subjectOptional: x.subjectOptional === true, fileRequired: x.fileRequired === true, asksSystem: x.asksSystem === true,
        handledBy: await this.handlerInput(x.handledBy, known?.handledBy), enabled: x.enabled === true, order: Number.isSafeInteger(order) && order >= 0 && order <= 1000 ? order : known?.order ?? 100,
      };
      if (name['en-GB'] || name.ru) ty.name = name;
      if (help['en-GB'] || help.ru) ty.help = help;
      await this.store.writeType(ty);
      return ty;
    });
  }

  /** The form's "who handles it": '' or 'staff' (the general handlers), or an existing group's name. */
  private async handlerInput(raw: unknown, known: string | undefined): Promise<string> {
    if (raw === undefined) return known ?? 'staff';
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (name === '' || name === 'staff') return 'staff';
    const groups = await this.host.groups.list();
    if (!groups.some((g) => g.name === name) || NOT_HANDLERS.has(name)) throw new BonusError('error.requests.type.group', [name]);
    return name;
  }

  /** An admin removes a type; requests already filed keep its id (shown as "type removed"). */
  deleteType(caller: { uid: number }, id: string): Promise<Result<{ id: string }>> {
    return refusable(async () => {
      if (!(caller.uid > 0 && (await this.host.privileges.isAdmin(caller.uid)))) throw new BonusError('error.no-privileges', [], 'forbidden');
      if (!(await this.types()).some((t) => t.id === id)) throw new BonusError('error.requests.type.not-found', [], 'not-found');
      await this.store.deleteType(id);
      return { id };
    });
  }

  // --- saved replies (staff) ------------------------------------------------------------------

  private async mustBeStaff(uid: number): Promise<void> {
    if (!(await this.isStaff(uid))) throw new BonusError('error.requests.not-found', [], 'not-found');
  }

  savedReplies(caller: { uid: number }): Promise<Result<SavedReply[]>> {
    return refusable(async () => {
      await this.mustBeStaff(caller.uid);
      return this.store.savedReplies();
    });
  }

  addSavedReply(caller: { uid: number }, title: unknown, text: unknown): Promise<Result<SavedReply>> {
    return refusable(async () => {
      await this.mustBeStaff(caller.uid);
      const t = typeof title === 'string' ? title.trim() : '';
      const body = typeof text === 'string' ? text.trim() : '';
      if (!t || t.length > 100 || !body || body.length > LIMITS.message) throw new BonusError('error.requests.saved-reply');
      if ((await this.store.savedReplies()).length >= 200) throw new BonusError('error.requests.saved-reply-limit', [200], 'conflict');
      const r: SavedReply = { id: await this.store.nextSavedReplyId(), title: t, text: body };
      await this.store.writeSavedReply(r);
      return r;
    });
  }

  deleteSavedReply(caller: { uid: number }, id: number): Promise<Result<{ id: number }>> {
    return refusable(async () => {
      await this.mustBeStaff(caller.uid);
      if (!(Number.isSafeInteger(id) && id > 0 && (await this.store.deleteSavedReply(id)))) throw new BonusError('error.requests.not-found', [], 'not-found');
      return { id };
    });
  }

  /** What step 2 offers the member: their licences and orders (empty when the port has no list). */
  async choices(caller: { uid: number }): Promise<{ licences: SubjectChoice<string>[]; orders: SubjectChoice<number>[] }> {
    if (!(caller.uid > 0)) return { licences: [], orders: [] };
    const [licences, orders] = await Promise.all([this.subjects.licences?.(caller.uid) ?? [], this.subjects.orders?.(caller.uid) ?? []]);
    return { licences, orders };
  }

  seedTypes(): Promise<string[]> {
    return this.store.seedTypes(DEFAULT_TYPES);
  }

  private seeding: Promise<unknown> | null = null;

  /** The types, the defaults seeded first (once per process; seeding again writes nothing). */
  async types(): Promise<RequestType[]> {
    this.seeding ??= this.seedTypes().catch((e: unknown) => { this.seeding = null; throw e; });
    await this.seeding;
    return this.store.types();
  }

  /** Runs `fn` holding the lock; waits for a holder a little (two staff replying at once both land). */
  private async underLock<T>(name: string, fn: () => Promise<T>, tries = 40): Promise<T> {
    let held = await this.locks.tryLock(name, this.host.clock.now(), LOCK_MS);
    for (let i = 1; !held && i < tries; i++) {
      await this.host.clock.pause(50);
      held = await this.locks.tryLock(name, this.host.clock.now(), LOCK_MS);
    }
    if (!held) throw new BonusError('error.requests.busy', [], 'conflict');
    try {
      return await fn();
    } finally {
      await this.locks.unlock(name);
    }
  }

  /** Files a draft; under the member's lock, so two submits of one draft and the daily limit stay exact. */
  submit(caller: { uid: number }, draft: Draft, key?: string): Promise<Result<StoredRequest>> {
    return refusable(() => this.doSubmit(caller.uid, draft, key));
  }

  /** A draft's problems with their steps (the five steps check each step before "Next"). */
  async problems(uid: number, draft: Draft): Promise<{ step: number; reason: string }[]> {
    const ty = draft.typeId ? (await this.types()).find((t) => t.id === String(draft.typeId)) ?? null : null;
    const owns = {
      licence: draft.licenceId === undefined || (await this.subjects.ownsLicence(uid, String(draft.licenceId))),
      order: draft.orderId === undefined || (await this.subjects.ownsOrder(uid, Number(draft.orderId))),
    };
    return draftProblems(ty ?? undefined, draft, owns);
  }

  /**
   * The submit. With an idempotency key (the form sends one per draft), a repeat — a double click, a
   * retry after a lost answer, a retry after a crash — answers with the first request. Write order:
   * the request's id is reserved and recorded under the key first; the request becomes visible with
   * its indexes (writeRequest); its files are attached last. A crash anywhere leaves the key pointing
   * at an id whose request is missing or complete but for its files: the retry writes the same request
   * again (the same id, the same writes) and finishes.
   */
  private async doSubmit(uid: number, draft: Draft, key?: string): Promise<StoredRequest> {
    if (!(uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
    if (key !== undefined && !/^[A-Za-z0-9_-]{8,64}$/.test(key)) throw new BonusError('error.requests.key');
    if (key !== undefined && (await this.store.submitKey(uid, key)) !== null) {
      // a repeat: the first submit's request (finished now if a stop cut it short), without the
      // draft's checks (a daily limit reached by the first one must not refuse its own repeat)
      const first = await this.underLock(`member:${uid}`, () => this.finishReserved(uid, key));
      if (first) return first;
    }
    const problems = await this.problems(uid, draft);
    if (problems.length) throw new BonusError(`error.requests.draft.${problems[0].reason}`);
    const fids = [...new Set(draft.attachments ?? [])];
    return this.underLock(`member:${uid}`, async () => {
      const first = key !== undefined ? await this.finishReserved(uid, key) : null;
      if (first) return first;
      const reserved = key !== undefined ? await this.store.submitKey(uid, key) : null;
      for (const fid of fids) {
        const f = await this.store.file(fid);
        if (!f || f.uid !== uid || !f.ready || f.requestId !== 0) throw new BonusError('error.requests.file.not-found', [], 'not-found');
      }
      const now = this.host.clock.now();
      const { dailyLimit } = await this.opts();
      if (!underDailyLimit(await this.store.memberCreatedAts(uid, now - DAY), now, dailyLimit)) throw new BonusError('error.requests.daily-limit', [dailyLimit], 'conflict');
      const id = reserved ?? await this.store.nextId();
      if (key !== undefined && reserved === null) await this.store.setSubmitKey(uid, key, id);
      const r: StoredRequest = { id, uid, createdAt: now, draft: { ...draft, attachments: fids }, status: 'new', statusAt: now, reminders: 0 };
      if (!fids.length) delete r.draft.attachments;
      await this.store.writeRequest(r);
      for (const fid of fids) await this.store.attachFile(fid, r.id);
      await this.tellHandlers(r);
      return r;
    });
  }

  /**
   * Under the member's lock: the request a key reserved, its writes done again (the same request,
   * its indexes, its files: each write idempotent, so a stop anywhere in the first submit is finished
   * here), or null when the key reserved an id but the request itself was never written.
   */
  private async finishReserved(uid: number, key: string): Promise<StoredRequest | null> {
    const id = await this.store.submitKey(uid, key);
    const r = id !== null ? await this.store.request(id) : null;
    if (!r || r.uid !== uid) return null;
    await this.store.writeRequest(r);
    for (const fid of r.draft.attachments ?? []) await this.store.attachFile(fid, r.id);
    return r;
  }

  /**
   * Tells the handlers of the request's type that it arrived (a notification of the type
   * `bonus-request`; the member's subject is an escaped argument). Best effort: a failed notice never
   * fails the submit, which is written already.
   */
  private async tellHandlers(r: StoredRequest): Promise<void> {
    try {
      const handlers = (await this.staffMembers(await this.handlerOf(r))).filter((uid) => uid !== r.uid);
      if (handlers.length === 0) return;
      await this.host.messaging.notify({
        type: 'bonus-request', nid: `bonus:request:${r.id}:new`, path: `/bonus/requests/${r.id}`,
        bodyShort: translationToken('requests.notify.new', [r.id, (r.draft.subject ?? '').slice(0, 120)]),
      }, handlers);
    } catch {
      // the request stands; the queue shows it
    }
  }

  // --- attachments -----------------------------------------------------------------------------

  /** Starts an upload: the name's type and the size are checked first; the bytes come in chunks. */
  startFile(caller: { uid: number }, name: unknown, size: unknown): Promise<Result<{ fid: string; chunk: number; chunks: number }>> {
    return refusable(async () => {
      if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
      const max = (await this.opts()).maxFileBytes ?? DEFAULT_MAX_BYTES;
      const n = Number(size);
      const clean = cleanFileName(String(name ?? ''));
      if (!Number.isSafeInteger(n) || n <= 0) throw new BonusError('error.requests.file.empty', [clean]);
      if (n > max) throw new BonusError('error.requests.file.too-large', [clean, Math.floor(max / 1024)]);
      const ext = (/\.([a-z0-9]+)$/i.exec(clean)?.[1] ?? '').toLowerCase();
      if (!(DEFAULT_EXTENSIONS as readonly string[]).includes(ext)) throw new BonusError('error.requests.file.type', [clean]);
      const f: StoredFile = { fid: randomBytes(12).toString('hex'), uid: caller.uid, name: clean, size: n, chunks: Math.ceil(n / FILE_CHUNK), createdAt: this.host.clock.now(), ready: false, requestId: 0 };
      await this.store.createFile(f);
      return { fid: f.fid, chunk: FILE_CHUNK, chunks: f.chunks };
    });
  }

  /** One of the member's finished uploads no request has taken yet. */
  private async readyUpload(uid: number, fid: string): Promise<StoredFile> {
    const f = await this.ownUpload(uid, fid);
    if (!f.ready) throw new BonusError('error.requests.file.not-found', [], 'not-found');
    return f;
  }

  private async ownUpload(uid: number, fid: string): Promise<StoredFile> {
    const f = uid > 0 ? await this.store.file(fid) : null;
    if (!f || f.uid !== uid || f.requestId !== 0) throw new BonusError('error.requests.file.not-found', [], 'not-found');
    return f;
  }

  putChunk(caller: { uid: number }, fid: string, index: unknown, data: unknown): Promise<Result<{ received: number }>> {
    return refusable(async () => {
      const f = await this.ownUpload(caller.uid, fid);
      const i = Number(index);
      if (f.ready || !Number.isSafeInteger(i) || i < 0 || i >= f.chunks || typeof data !== 'string' || data.length > Math.ceil(FILE_CHUNK / 3) * 4 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
        throw new BonusError('error.requests.file.chunk', [f.name]);
      }
      await this.store.putChunk(fid, i, data);
      return { received: i };
    });
  }

  /** Assembles the chunks and checks the whole file (size, type, its first bytes); a refused file is removed. */
  finishFile(caller: { uid: number }, fid: string): Promise<Result<{ fid: string; name: string; size: number }>> {
    return refusable(async () => {
      const f = await this.ownUpload(caller.uid, fid);
      if (f.ready) return { fid, name: f.name, size: f.size };
      const parts = await this.store.chunks(fid, f.chunks);
      if (!parts) throw new BonusError('error.requests.file.chunk', [f.name]);
      const bytes = Buffer.concat(parts);
      const max = (await this.opts()).maxFileBytes ?? DEFAULT_MAX_BYTES;
      const problem = bytes.length !== f.size ? 'chunk' : fileProblem(f.name, bytes, max, DEFAULT_EXTENSIONS);
      if (problem) {
        await this.store.deleteFile(fid);
        throw new BonusError(`error.requests.file.${problem}`, problem === 'too-large' ? [f.name, Math.floor(max / 1024)] : [f.name]);
      }
      await this.store.finishFile(fid, bytes, f.chunks);
      return { fid, name: f.name, size: bytes.length };
    });
  }

  /** Removes one of the member's uploads not yet sent with a request. */
  dropFile(caller: { uid: number }, fid: string): Promise<Result<{ fid: string }>> {
    return refusable(async () => {
      await this.ownUpload(caller.uid, fid);
      await this.store.deleteFile(fid);
      return { fid };
    });
  }

  /** A request's attachment, for the requester and staff only (anyone else: not found). */
  download(caller: { uid: number }, id: number, fid: string): Promise<Result<Download>> {
    return refusable(async () => {
      const { request, staff } = await this.readable(caller.uid, id);
      const f = await this.store.file(fid);
      const mayRead = f !== null && f.requestId === id && f.ready && (!f.internal || (staff && request.uid !== caller.uid) || (staff && f.uid === caller.uid));
      const bytes = mayRead ? await this.store.fileBytes(fid) : null;
      if (!f || !bytes) throw new BonusError('error.requests.file.not-found', [], 'not-found');
      const ext = (/\.([a-z0-9]+)$/i.exec(f.name)?.[1] ?? '').toLowerCase();
      return { name: f.name, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', bytes };
    });
  }

  /** The names and sizes of a request's attachments. */
  async files(r: StoredRequest): Promise<StoredFile[]> {
    const out = await Promise.all((r.draft.attachments ?? []).map((fid) => this.store.file(fid)));
    return out.filter((f): f is StoredFile => f !== null && f.requestId === r.id);
  }

  /** Removes uploads never sent with a request (the daily job). */
  async removeLooseFiles(now: number): Promise<number> {
    const stale = await this.store.looseFilesBefore(now - LOOSE_FILE_MS);
    for (const fid of stale) await this.store.deleteFile(fid);
    return stale.length;
  }

  /** A request as its reader may see it: the requester (no internal notes) or staff; anyone else: not found. */
  view(caller: { uid: number }, id: number): Promise<Result<{ request: StoredRequest; messages: Message[]; staff: boolean }>> {
    return refusable(async () => {
      const { request, staff } = await this.readable(caller.uid, id);
      const messages = (await this.store.messages(id)).filter((m) => staff || !m.internal);
      return { request, messages, staff };
    });
  }

  private async readable(uid: number, id: number): Promise<{ request: StoredRequest; staff: boolean }> {
    const request = uid > 0 ? await this.store.request(id) : null;
    const staff = request !== null && uid > 0 && (await this.handles(uid, await this.handlerOf(request)));
    if (!request || (request.uid !== uid && !staff)) throw new BonusError('error.requests.not-found', [], 'not-found');
    return { request, staff };
  }

  mine(caller: { uid: number }): Promise<Result<StoredRequest[]>> {
    return refusable(async () => {
      if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
      return this.store.memberRequests(caller.uid);
    });
  }

  /** A message: the member's, a staff reply, or a staff internal note (`internal`). */
  post(caller: { uid: number }, id: number, text: string, internal = false, attachments: readonly string[] = []): Promise<Result<StoredRequest>> {
    return refusable(async () => {
      const body = String(text ?? '').trim();
      if (!body || body.length > LIMITS.message) throw new BonusError('error.requests.message');
      const fids = [...new Set(attachments.map(String))];
      if (fids.length > LIMITS.attachments) throw new BonusError('error.requests.draft.too-many-files');
      const { request, staff } = await this.readable(caller.uid, id);
      const asStaff = staff && request.uid !== caller.uid;
      if (internal && !asStaff) throw new BonusError('error.requests.not-found', [], 'not-found');
      for (const fid of fids) await this.readyUpload(caller.uid, fid);
      const event: Event = asStaff ? { kind: internal ? 'staff-note' : 'staff-reply' } : { kind: 'member-message' };
      const updated = await this.change(id, event, async () => {
        for (const fid of fids) await this.store.attachFile(fid, id, internal);
        await this.store.addMessage(id, { uid: caller.uid, at: this.host.clock.now(), text: body, internal, staff: asStaff, ...(fids.length ? { attachments: fids } : {}) });
      });
      if (event.kind === 'staff-reply') await this.tell(updated, 'reply', body);
      return updated;
    });
  }

  close(caller: { uid: number }, id: number): Promise<Result<StoredRequest>> {
    return refusable(async () => {
      const { request, staff } = await this.readable(caller.uid, id);
      const by = staff && request.uid !== caller.uid ? 'staff' : 'member';
      const was = request.status;
      const updated = await this.change(id, { kind: 'close', by });
      if (by === 'staff' && was !== 'closed') await this.tell(updated, 'status');
      return updated;
    });
  }

  reopen(caller: { uid: number }, id: number): Promise<Result<StoredRequest>> {
    return refusable(async () => {
      const { request, staff } = await this.readable(caller.uid, id);
      const by = staff && request.uid !== caller.uid ? 'staff' : 'member';
      const updated = await this.change(id, { kind: 'reopen', by });
      if (by === 'staff') await this.tell(updated, 'status');
      return updated;
    });
  }

  /** Applies an event to the request as stored now, under its lock; `also` is written only if it is allowed. */
  private async change(id: number, event: Event, also?: () => Promise<void>): Promise<StoredRequest> {
    return this.underLock(`request:${id}`, async () => {
      const request = await this.store.request(id);
      if (!request) throw new BonusError('error.requests.not-found', [], 'not-found');
      const next = apply(request, event, this.host.clock.now(), (await this.opts()).timing);
      if (typeof next === 'string') throw new BonusError(`error.requests.${next}`, [], 'conflict');
      if (also) await also();
      const updated = { ...request, ...next } as StoredRequest;
      if (next.closedAt === undefined) delete updated.closedAt;
      if (next.closedBy === undefined) delete updated.closedBy;
      await this.store.writeRequest(updated);
      return updated;
    });
  }

  /**
   * Tells the member (never anyone else) of a staff reply, a status change they did not make, or a
   * reminder: a notification of the type `bonus-request` and an e-mail in their language. The
   * request's subject and the reply are the member's and staff's words: escaped arguments, never keys.
   */
  private async tell(r: StoredRequest, kind: 'reply' | 'status' | 'reminder', reply = ''): Promise<void> {
    const subject = (r.draft.subject ?? '').slice(0, 120);
    const status = keyArg(`requests.status.${r.status}`);
    const line = kind === 'reply' ? translationToken('requests.notify.reply', [r.id, subject])
      : kind === 'reminder' ? translationToken('requests.notify.reminder', [r.id, subject])
        : countedToken('en-GB', 'requests.notify.status', [r.id, subject, status]);
    const at = this.host.clock.now();
    await this.host.messaging.notify({ type: 'bonus-request', nid: `bonus:request:${r.id}:${kind}:${at}:${r.reminders}`, path: `/bonus/requests/${r.id}`, bodyShort: line }, [r.uid]);
    await this.host.messaging.sendEmail('bonus-request', r.uid, {
      subject: translationToken('requests.email.subject', [r.id]), id: r.id, line, requestSubject: subject, reply, hasReply: reply !== '', path: `/bonus/requests/${r.id}`,
    });
  }

  /** The staff queue, newest first, filtered; refused ('not found') to anyone but staff. */
  queue(caller: { uid: number }, filter: QueueFilter): Promise<Result<StoredRequest[]>> {
    return refusable(async () => {
      const kinds = caller.uid > 0 ? await this.handledKinds(caller.uid) : new Set<string>();
      if (kinds.size === 0) throw new BonusError('error.requests.not-found', [], 'not-found');
      const handlerOfType = new Map((await this.types()).map((t) => [t.id, t.handledBy || 'staff']));
      // every open request (the work), and of the closed ones only the newest: the queue never reads the whole history
      const open = await this.store.openIds();
      const ids = filter.status !== undefined && filter.status !== 'closed' ? open : [...new Set([...open, ...(await this.store.recentIds(QUEUE_RECENT))])];
      const all = await Promise.all(ids.map((id) => this.store.request(id)));
      const now = this.host.clock.now();
      // each handler sees the types they handle (a removed type's requests: the general handlers)
      const mine = (r: StoredRequest) => kinds.has(handlerOfType.get(r.draft.typeId ?? '') ?? 'staff');
      return all.filter((r): r is StoredRequest => r !== null && mine(r) && inQueue(r, filter, now)).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    });
  }

  /** Assigns a request to a staff member (0 unassigns); only staff, and only to staff. */
  assign(caller: { uid: number }, id: number, assignee: number): Promise<Result<StoredRequest>> {
    return refusable(async () => {
      const { request, staff } = await this.readable(caller.uid, id);
      if (!staff) throw new BonusError('error.requests.not-found', [], 'not-found');
      if (assignee !== 0 && !(await this.handles(assignee, await this.handlerOf(request)))) throw new BonusError('error.requests.assignee');
      return this.underLock(`request:${id}`, async () => {
        const r = (await this.store.request(id))!;
        const updated: StoredRequest = { ...r, assignee: assignee || undefined };
        if (!assignee) delete updated.assignee;
        await this.store.writeRequest(updated);
        return updated;
      });
    });
  }

  /**
   * The job: reminders while waiting for the member, then the automatic close. Each request is
   * decided under its lock from its stored state and the time, so runs repeated, concurrent or in
   * any order send each reminder once and close once. Returns what it did (for the notifications).
   */
  async runJob(): Promise<{ reminded: number[]; closed: number[] }> {
    const out = { reminded: [] as number[], closed: [] as number[] };
    const { timing } = await this.opts();
    for (const id of await this.store.openIds()) {
      try {
        await this.underLock(`request:${id}`, async () => {
          const r = await this.store.request(id);
          if (!r) return;
          const now = this.host.clock.now();
          const d = due(r, now, timing);
          if (d.kind === 'remind') {
            const updated = { ...r, reminders: d.reminder };
            await this.store.writeRequest(updated);
            out.reminded.push(id);
            await this.tell(updated, 'reminder');
          } else if (d.kind === 'close') {
            const updated: StoredRequest = { ...r, status: 'closed', statusAt: now, reminders: 0, closedAt: now, closedBy: 'auto' };
            await this.store.writeRequest(updated);
            out.closed.push(id);
            await this.tell(updated, 'status');
          }
        }, 1);
      } catch (e) {
        if (!(e instanceof BonusError)) throw e; // busy: another run or a member is changing it; the next run decides
      }
    }
    return out;
  }
}
