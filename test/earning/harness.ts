/**
 * The earning services' tests: the shared fake forum (posts, topics, users and groups) on the
 * in-memory database, and the real ledger recording what it accepted (RecordingLedger).
 */
import type { Database, Host, Notification, TopicSummary, UserSummary } from '../../lib/host/index';
import { isNew, type EarningEntry, type EarningLedger, type LedgerOutcome } from '../../lib/modules/earning/ledger-port';
import type { LedgerService } from '../../lib/modules/ledger/service';
import { SettingsService } from '../../lib/modules/settings/service';
import { MemoryDatabase } from '../host/memory-db';
import { createFakePort, GroupsOf, type FakePort } from '../host/port';

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

  /** A noted pending credit is recorded as pending the first time; its entry, written when it settles, is that one. */
  async notePending(n: { uid: number; key: string; amount: number; maturesAt: number }) {
    const recheck = await this.real.notePending(n);
    if (!this.pending.has(n.key)) {
      const entry: LedgerEntry = { key: n.key, uid: n.uid, amount: n.amount, kind: 'pending', reason: '', maturesAt: n.maturesAt };
      this.pending.set(n.key, entry);
      this.entries.push(entry);
    }
    return recheck;
  }
  async creditPending(e: EarningEntry & { maturesAt: number }) {
    return this.record(await this.real.creditPending(e), () => {
      const noted = this.pending.get(e.key);
      if (noted) {
        noted.reason = e.comment ?? e.reason;
        return undefined;
      }
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

/**
 * The earning suites' forum: the shared fake forum (test/host/port.ts) seen the way these suites
 * set it up — members by uid (`u{uid}`; uid 1 an administrator, uid 2 a global moderator), topics
 * in categories made as needed, groups by uid, the clock as `now`. The maps are the fake forum's
 * own, so a test changing a post or a member changes what NodeBB's ports answer.
 */
export class MiniForum {
  readonly fake: FakePort;
  /** uid → the member's groups (set() joins and leaves them in the fake forum). */
  readonly groups: GroupsOf;
  /** Posts the test made (the rest were written by the plugin: `replies`). */
  private readonly own: Set<number>;

  constructor(readonly db: Database, shared?: MiniForum) {
    this.fake = createFakePort({ db, now: Date.parse('2026-08-20T10:00:00Z'), clock: shared?.fake.clock, forum: shared?.fake.forum });
    this.groups = shared?.groups ?? GroupsOf.of(this.fake.forum);
    this.own = shared?.own ?? new Set();
  }

  /** The same forum seen through another database (a crashing one, another process's). */
  onDatabase(db: Database): MiniForum {
    return new MiniForum(db, this);
  }

  get now(): number { return this.fake.clock.now(); }
  set now(ms: number) { this.fake.clock.set(ms); }
  get posts() { return this.fake.forum.posts; }
  get topics() { return this.fake.forum.topics; }
  get users() { return this.fake.forum.users; }
  get notifications(): { n: Notification; uids: number[] }[] {
    return this.fake.notifications.map(({ notification, uids }) => ({ n: notification, uids }));
  }
  /** The replies the plugin posted (NodeBB's posts by the plugin's content.reply). */
  get replies(): { tid: number; uid: number; content: string }[] {
    return [...this.posts.values()].filter((p) => !this.own.has(p.pid)).map((p) => ({ tid: p.tid, uid: p.uid, content: p.content }));
  }
  /** Post texts (markdown): set one on a post the test made ('' otherwise). */
  readonly texts = { set: (pid: number, text: string) => { this.fake.forum.mustPost(pid).content = text; } };

  /** Saves the plugin's settings as the ACP does (merged into the saved ones). */
  setSettings(values: Record<string, string>): Promise<void> {
    return this.fake.setSettings(values);
  }

  addUser(uid: number, over: Partial<UserSummary> = {}): void {
    const groups = uid === 1 ? ['administrators'] : uid === 2 ? ['Global Moderators'] : [];
    this.fake.createUser({ uid, username: over.username ?? `u${uid}`, groups });
    Object.assign(this.fake.forum.mustUser(uid), { displayname: `u${uid}`, joindate: 0, ...over });
  }

  newTopic(uid: number, cid: number, over: Partial<TopicSummary> = {}): { tid: number; pid: number } {
    const forum = this.fake.forum;
    while (!forum.categories.has(cid)) forum.createCategory(`c${forum.categories.size + 1}`);
    const next = Math.max(0, ...forum.topics.keys()) + 1;
    const { tid, pid } = forum.createTopic(uid, cid, `t${next}`, '', { scheduled: over.scheduled });
    Object.assign(forum.mustTopic(tid), { slug: `${tid}/t`, ...over });
    this.own.add(pid);
    return { tid, pid };
  }

  reply(tid: number, uid: number): number {
    const pid = this.fake.forum.reply(uid, tid, '');
    this.own.add(pid);
    return pid;
  }

  host(): Host {
    return this.fake.host;
  }

  settings(): SettingsService {
    return new SettingsService(this.host());
  }
}
