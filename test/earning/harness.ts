/**
 * A small forum for the earning services' tests, until the shared fake host (test/host/index.ts)
 * lands: posts, topics, users and groups in memory, the database being the shared MemoryDatabase
 * when present, else a real Redis at REDIS_URL (or EARNING_REDIS_URL). The ledger is a model that
 * keeps the idempotency rules of ARCHITECTURE.md "The ledger" (the same key takes effect once;
 * mature and cancel share the pending credit's key, the first wins).
 */
import type { Database, Host, Notification, PostSummary, TopicSummary, UserSummary } from '../../lib/host';
import type { EarningEntry, EarningLedger } from '../../lib/services/earning-ledger';
import { SettingsService } from '../../lib/services/settings';
import { RedisDatabase } from '../host/redis-db';

export interface LedgerEntry { key: string; uid: number; amount: number; kind: 'pending' | 'matured' | 'cancelled' | 'credit' | 'debit'; reason: string; maturesAt?: number }

export class ModelLedger implements EarningLedger {
  entries: LedgerEntry[] = [];
  private byKey = new Map<string, LedgerEntry>();
  private settled = new Set<string>();

  private append(e: EarningEntry, kind: LedgerEntry['kind']) {
    if (this.byKey.has(e.key)) return { ok: false };
    const entry: LedgerEntry = { key: e.key, uid: e.uid, amount: e.amount, kind, reason: e.comment ?? e.reason };
    this.byKey.set(e.key, entry);
    this.entries.push(entry);
    return { ok: true };
  }
  private settle(targetKey: string, kind: 'matured' | 'cancelled', reason?: string) {
    const p = this.byKey.get(targetKey);
    if (!p || p.kind !== 'pending' || this.settled.has(targetKey)) return { ok: false };
    this.settled.add(targetKey);
    this.entries.push({ key: targetKey, uid: p.uid, amount: p.amount, kind, reason: reason ?? p.reason });
    return { ok: true };
  }
  async creditPending(e: EarningEntry & { maturesAt: number }) {
    const r = this.append(e, 'pending');
    if (r.ok) this.byKey.get(e.key)!.maturesAt = e.maturesAt;
    return r;
  }
  async mature(i: { targetKey: string }) { return this.settle(i.targetKey, 'matured'); }
  async cancelPending(i: { targetKey: string; comment?: string }) { return this.settle(i.targetKey, 'cancelled', i.comment); }
  async credit(e: EarningEntry) { return this.append(e, 'credit'); }
  async debit(e: EarningEntry) { return this.append(e, 'debit'); }
  async entryByKey(key: string) { return this.byKey.get(key) ?? null; }
  async duePendingKeys(uid: number, now: number) {
    return this.entries.filter((e) => e.kind === 'pending' && e.uid === uid && !this.settled.has(e.key) && (e.maturesAt ?? 0) <= now).map((e) => e.key);
  }

  /** Spendable (posted) and pending balance of a member. */
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

export async function openDatabase(): Promise<{ db: Database; close(): Promise<void> } | null> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MemoryDatabase } = require('../host/memory-db') as { MemoryDatabase: new () => Database };
    return { db: new MemoryDatabase(), close: async () => undefined };
  } catch {
    // not there yet
  }
  const url = process.env.EARNING_REDIS_URL ?? process.env.REDIS_URL;
  if (!url) return null;
  const db = await RedisDatabase.connect(url);
  await db.client.flushdb();
  return { db, close: async () => { await db.client.quit(); } };
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
        getPidsByTime: async (since, until, limit) => [...f.posts.values()].filter((p) => p.timestamp >= since && p.timestamp <= until).map((p) => p.pid).slice(0, limit),
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
      clock: { now: () => f.now },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      http: { mountPages: () => undefined, mountApi: () => undefined },
    };
  }

  settings(): SettingsService {
    return new SettingsService(this.host());
  }
}
