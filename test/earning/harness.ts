/**
 * A small forum for the earning services' tests: posts, topics, users and groups in memory, on the
 * in-memory database, and the real ledger recording what it accepted (RecordingLedger).
 */
import type { Database, Host, Notification, PostSummary, TopicSummary, UserSummary } from '../../lib/host/index';
import { isNew, type EarningEntry, type EarningLedger, type LedgerOutcome } from '../../lib/modules/earning/ledger-port';
import type { LedgerService } from '../../lib/modules/ledger/service';
import { SettingsService } from '../../lib/modules/settings/service';
import { MemoryDatabase } from '../host/memory-db';
import { fakePause } from '../host/pause';

export interface LedgerEntry { key: string; uid: number; amount: number; kind: 'pending' | 'matured' | 'cancelled' | 'credit' | 'debit'; reason: string; maturesAt?: number }

/**
 * The real LedgerService (on the suite's database) behind the earning rules, with a record of the
 * entries it accepted as new, for the suites' assertions. Refusals (`busy`, `not-found`,
 * `already-settled`, `key-conflict`) and replays come from the real ledger, so the rules meet them.
 */
export class RecordingLedger implements EarningLedger {
  entries: LedgerEntry[] = [];
  private pending = new Map<string, LedgerEntry>();

  constructor(readonly real: LedgerService) {}

  private record<R extends LedgerOutcome>(r: R, entry: () => LedgerEntry | undefined): R {
    const e = isNew(r) ? entry() : undefined;
    if (e) this.entries.push(e);
    return r;
  }

  async creditPending(e: EarningEntry & { maturesAt: number }) {
    return this.record(await this.real.creditPending(e), () => {
      const entry: LedgerEntry = { key: e.key, uid: e.uid, amount: e.amount, kind: 'pending', reason: e.comment ?? e.reason };
      this.pending.set(e.key, entry);
      return entry;
    });
  }
  async mature(i: { targetKey: string; reason?: string; comment?: string }) {
    return this.record(await this.real.mature(i), () => this.settled(i.targetKey, 'matured'));
  }
  async cancelPending(i: { targetKey: string; reason?: string; comment?: string }) {
    return this.record(await this.real.cancelPending(i), () => this.settled(i.targetKey, 'cancelled', i.comment));
  }
  async credit(e: EarningEntry) {
    return this.record(await this.real.credit(e), () => ({ key: e.key, uid: e.uid, amount: e.amount, kind: 'credit', reason: e.comment ?? e.reason }));
  }
  async debit(e: EarningEntry) {
    return this.record(await this.real.debit(e), () => ({ key: e.key, uid: e.uid, amount: e.amount, kind: 'debit', reason: e.comment ?? e.reason }));
  }

  async entryByKey(key: string) { return this.real.entryByKey(key); }
  async duePendingKeys(uid: number, now: number) { return this.real.duePendingKeys(uid, now); }

  private settled(targetKey: string, kind: 'matured' | 'cancelled', reason?: string): LedgerEntry | undefined {
    const p = this.pending.get(targetKey);
    return p && { key: targetKey, uid: p.uid, amount: p.amount, kind, reason: reason ?? p.reason };
  }

  /** Spendable (posted) and pending balance of a member, from the entries the real ledger accepted. */
  balance(uid: number): { posted: number; pending: number } {
    let posted = 0;
    let pending = 0;
    for (const e of this.entries.filter((x) => x.uid === uid)) {
      if (e.kind === 'pending') pending += e.amount;
      if (e.kind === 'matured') { pending -= e.amount; posted += e.amount; }
      if (e.kind === 'cancelled') pending -= e.amount;
      if (e.kind === 'credit') posted += e.amount;
      if (e.kind === 'debit') posted -= e.amount;
    }
    return { posted, pending };
  }
}

/** The earning suites run on the in-memory database (the Redis semantics are the contract suite's). */
export async function openDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  return { db: new MemoryDatabase(), close: async () => undefined };
}

export class MiniForum {
  now = Date.parse('2026-08-20T10:00:00Z');
  posts = new Map<number, PostSummary>();
  topics = new Map<number, TopicSummary>();
  users = new Map<number, UserSummary>();
  groups = new Map<number, string[]>();
  notifications: { n: Notification; uids: number[] }[] = [];
  replies: { tid: number; uid: number; content: string }[] = [];
  settingsHash: Record<string, string> = {};
  private nextPid = 1;
  private nextTid = 1;

  /** Post texts (markdown) where a test set one; '' otherwise. */
  readonly texts = new Map<number, string>();

  constructor(readonly db: Database) {}

  addUser(uid: number, over: Partial<UserSummary> = {}): void {
    this.users.set(uid, { uid, username: `u${uid}`, userslug: `u${uid}`, displayname: `u${uid}`, picture: null, birthday: '', banned: false, joindate: 0, ...over });
  }

  newTopic(uid: number, cid: number, over: Partial<TopicSummary> = {}): { tid: number; pid: number } {
    const tid = this.nextTid++;
    const pid = this.nextPid++;
    this.topics.set(tid, { tid, cid, uid, mainPid: pid, title: `t${tid}`, slug: `${tid}/t`, deleted: false, scheduled: false, timestamp: this.now, ...over });
    this.posts.set(pid, { pid, uid, tid, timestamp: this.now, deleted: false });
    return { tid, pid };
  }

  reply(tid: number, uid: number): number {
    const pid = this.nextPid++;
    this.posts.set(pid, { pid, uid, tid, timestamp: this.now, deleted: false });
    return pid;
  }

  host(): Host {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const f = this;
    const unused = async (): Promise<never> => { throw new Error('not in the mini forum'); };
    return {
      db: this.db,
      users: {
        getUsers: async (uids) => uids.map((u) => f.users.get(u) ?? null),
        getUidByUsername: async (name) => [...f.users.values()].find((u) => u.username === name)?.uid ?? null,
        getUidByUserslug: unused,
        getLanguage: async () => 'en-GB',
        exists: async (uid) => f.users.has(uid),
        getUidsByJoinDate: async () => [...f.users.keys()],
        count: async () => f.users.size,
      },
      groups: {
        list: async () => [],
        getUserGroupNames: async (uids) => uids.map((u) => f.groups.get(u) ?? []),
        isMember: async (uid, g) => (f.groups.get(uid) ?? []).includes(g),
        isMemberOfAny: async (uid, gs) => gs.some((g) => (f.groups.get(uid) ?? []).includes(g)),
        getMembers: async (g) => [...f.groups.entries()].filter(([, gs]) => gs.includes(g)).map(([u]) => u),
        join: async () => { throw new Error('groups.join is not part of the earning harness'); },
        leave: async () => { throw new Error('groups.leave is not part of the earning harness'); },
      },
      privileges: {
        isAdmin: async (uid) => uid === 1,
        isGlobalModerator: async (uid) => uid === 2,
        canModeratePost: async (uid) => uid === 1 || uid === 2,
        isModeratorAnywhere: async (uid) => uid === 1 || uid === 2,
      },
      content: {
        getPosts: async (pids) => pids.map((p) => f.posts.get(p) ?? null),
        getTopics: async (tids) => tids.map((t) => f.topics.get(t) ?? null),
        getCategories: async () => [],
        getPostTexts: async (pids) => pids.map((pid) => (f.posts.has(pid) ? f.texts.get(pid) ?? '' : null)),
        getPostsByTime: async (since, until, limit) => [...f.posts.values()].filter((p) => p.timestamp >= since && p.timestamp <= until)
          .sort((a, b) => a.timestamp - b.timestamp || a.pid - b.pid).slice(0, limit).map((p) => ({ pid: p.pid, timestamp: p.timestamp })),
        reply: async (tid, uid, content) => { f.replies.push({ tid, uid, content }); return f.reply(tid, uid); },
        postPath: (pid) => `/post/${pid}`,
      },
      settings: {
        get: async () => ({ ...f.settingsHash }),
        set: async (_h, v) => { f.settingsHash = { ...v }; },
      },
      messaging: {
        notify: async (n, uids) => { f.notifications.push({ n, uids }); },
        sendPrivateMessage: unused, sendEmail: unused,
      },
      jobs: { add: () => undefined },
      translator: { translate: async (t) => t, defaultLanguage: async () => 'en-GB' },
      clock: { now: () => f.now, pause: fakePause },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      http: { mountPages: () => undefined, mountApi: () => undefined },
    };
  }

  settings(): SettingsService {
    return new SettingsService(this.host());
  }
}
