import crypto from 'node:crypto';
import type { Database, Host, Job, Notification } from '../../lib/host/index';
import { FakeForum, type HookBus } from './forum';
import { FakeHttp, type HttpDeps } from './http';
import { FileTranslator } from './translator';
import { fakePause } from './pause';

/** A test clock: the time the plugin sees, set and moved by the test. */
export interface FakeClock { now(): number; set(ms: number): void; advance(ms: number): void }

export function fakeClock(start = Date.parse('2026-09-01T09:00:00Z')): FakeClock {
  let now = start;
  return { now: () => now, set: (ms) => { now = ms; }, advance: (ms) => { now += ms; } };
}

/** NodeBB's hooks with no plugin listening: actions go nowhere, statics resolve. */
export const SILENT_BUS: HookBus = { action: () => undefined, static: async () => undefined };

export interface FakePortOptions {
  /** The database the plugin sees (memory, Redis, or a wrapper: counting, cached, crashing). */
  db: Database;
  /** The plugin's settings (`settings:bonus`) as an admin saved them before the test. */
  settings?: Record<string, string>;
  /** The clock's start (ignored when `clock` is given). */
  now?: number;
  /** A clock shared with another port (another "process" of the same forum). */
  clock?: FakeClock;
  /** The forum of another port (another "process" of the same forum); a new one otherwise. */
  forum?: FakeForum;
  /** Where the forum's hooks go (the fake host's plugin loader); nowhere by default. */
  bus?: HookBus;
  /** Extra HTML at the top of every page (the sandbox bar). */
  bar?: HttpDeps['bar'];
}

/**
 * The one fake NodeBB every suite's Host comes from: the Host port over a database with NodeBB's
 * semantics (a forum of users, groups, categories, topics and posts; settings stored in the
 * database as meta.settings stores them; notifications, chat and e-mail as NodeBB delivers them;
 * the translator over the plugin's language files; pages and the write API the NodeBB way), and
 * the handles tests look at: what was notified, sent, e-mailed, logged, scheduled.
 */
export interface FakePort {
  host: Host;
  forum: FakeForum;
  http: FakeHttp;
  translator: FileTranslator;
  clock: FakeClock;
  /** Notifications as NodeBB pushes them: to members who exist (NodeBB's push to a missing uid reaches nobody). */
  notifications: { notification: Notification; uids: number[] }[];
  messages: { fromUid: number; toUid: number; message: string }[];
  emails: { template: string; uid: number; params: Record<string, unknown> }[];
  jobs: Job[];
  logs: { level: string; message: string }[];
  /** Saves settings as the ACP does (merged into the saved hash). */
  setSettings(values: Record<string, string>, hash?: string): Promise<void>;
  createUser: FakeForum['createUser'];
}

export function createFakePort(options: FakePortOptions): FakePort {
  const clock = options.clock ?? fakeClock(options.now);
  const bus = options.bus ?? SILENT_BUS;
  const forum = options.forum ?? new FakeForum(bus, () => clock.now());
  const db = options.db;
  const translator = new FileTranslator();
  const notifications: FakePort['notifications'] = [];
  const messages: FakePort['messages'] = [];
  const emails: FakePort['emails'] = [];
  const jobs: Job[] = [];
  const logs: FakePort['logs'] = [];
  const settingsListeners = new Map<string, (() => void)[]>();
  // The settings saved before the test: in the database, where NodeBB keeps them. Reads wait for it.
  const initial = options.settings && Object.keys(options.settings).length ? { ...options.settings } : null;
  let saved: Promise<void> | null = initial ? db.setObject('settings:bonus', initial) : null;
  const ready = async () => {
    if (saved) { const s = saved; saved = null; await s; }
  };

  const http = new FakeHttp({
    translator,
    isAdmin: async (uid) => forum.isMember(uid, 'administrators'),
    language: async (uid) => forum.users.get(uid)?.language ?? 'en-GB',
    searchUsers: async (query) => forum.searchUsers(query),
    userData: async (uid) => {
      const u = forum.users.get(uid);
      return u ? { uid: u.uid, username: u.username, userslug: u.userslug, displayname: u.displayname, picture: u.picture, banned: u.banned, 'icon:text': u.username.slice(0, 1).toUpperCase(), 'icon:bgColor': '#607d8b' } : null;
    },
    bar: options.bar,
  });

  const host: Host = {
    db,
    users: forum.usersPort(),
    groups: forum.groupsPort(),
    privileges: forum.privilegesPort(),
    content: forum.contentPort(),
    settings: {
      get: async (hash) => { await ready(); return (await db.getObject(`settings:${hash}`)) ?? {}; },
      // as meta.settings.set: written, then every process told (pubsub action:settings.set.{hash})
      set: async (hash, values) => {
        await ready();
        await db.setObject(`settings:${hash}`, values);
        for (const fn of settingsListeners.get(hash) ?? []) fn();
      },
      onChange: (hash, fn) => void settingsListeners.set(hash, [...(settingsListeners.get(hash) ?? []), fn]),
    },
    messaging: {
      // NodeBB's notifications.push: a uid with no account gets an unread entry nobody ever reads.
      notify: async (notification, uids) => {
        const to = uids.filter((uid) => forum.users.has(uid));
        if (to.length) notifications.push({ notification, uids: to });
      },
      // NodeBB's messaging: a room and a message need both members to exist ([[error:no-user]]).
      sendPrivateMessage: async (fromUid, toUid, message) => {
        if (!forum.users.has(fromUid) || !forum.users.has(toUid)) throw new Error('[[error:no-user]]');
        messages.push({ fromUid, toUid, message });
      },
      // NodeBB's emailer.send: nothing for a member without an e-mail, with an unconfirmed one
      // (includeUnverifiedEmails off, the default) or banned (sendEmailToBanned off).
      sendEmail: async (template, uid, params) => {
        const user = forum.users.get(uid);
        if (!user?.email || !user.emailConfirmed || user.banned) return;
        emails.push({ template, uid, params });
      },
    },
    jobs: { add: (job) => void jobs.push(job) },
    // as lib/nodebb's: an upload of this forum by its address (its content's hash and size), else null
    files: {
      read: async (url) => {
        const content = forum.uploads.get(String(url).split(/[?#]/)[0]);
        return content ? { sha256: crypto.createHash('sha256').update(content).digest('hex'), bytes: content.length } : null;
      },
    },
    translator,
    clock: { now: () => clock.now(), pause: fakePause },
    log: {
      info: (message) => void logs.push({ level: 'info', message }),
      warn: (message) => void logs.push({ level: 'warn', message }),
      error: (message, err) => void logs.push({ level: 'error', message: err ? `${message}: ${String(err)}` : message }),
    },
    http,
  };

  return {
    host, forum, http, translator, clock, notifications, messages, emails, jobs, logs,
    setSettings: async (values, hash = 'bonus') => host.settings.set(hash, values),
    createUser: (input) => forum.createUser(input),
  };
}

/**
 * A harness's "uid → groups" map kept in the fake forum: `set(uid, names)` makes the member join
 * the named groups and leave the ones an earlier `set` named (NodeBB's groups.join/leave, with the
 * hooks); the forum's own groups (registered-users, administrators…) are left as they are.
 */
export class GroupsOf extends Map<number, string[]> {
  private forum?: FakeForum;

  static of(forum: FakeForum): GroupsOf {
    const map = new GroupsOf();
    map.forum = forum;
    return map;
  }

  override set(uid: number, names: string[]): this {
    const before = super.get(uid) ?? [];
    for (const name of before) if (!names.includes(name)) this.forum?.leaveGroup(uid, name);
    for (const name of names) this.forum?.joinGroup(uid, name);
    return super.set(uid, [...names]);
  }

  override delete(uid: number): boolean {
    for (const name of super.get(uid) ?? []) this.forum?.leaveGroup(uid, name);
    return super.delete(uid);
  }
}
