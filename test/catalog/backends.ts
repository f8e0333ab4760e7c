/**
 * The databases the catalog's service tests run on: the in-memory database and a real Redis
 * (REDIS_URL; without it the one notice of test/contract/redis-env.ts, a failure under CI=true).
 * Plus a minimal Host around one of them (admin = uid 1).
 */
import type { Database, Host, Notification } from '../../lib/host/index';
import { redisUrl } from '../contract/redis-env';
import { MemoryDatabase } from '../host/memory-db';
import { RedisDatabase } from '../host/redis-db';
import { fakePause } from '../host/pause';

export interface Backend {
  name: string;
  open(): Promise<Database>;
  close(): Promise<void>;
}

function memoryBackend(): Backend {
  return { name: 'memory', open: async () => new MemoryDatabase(), close: async () => undefined };
}

function redisBackend(): Backend | null {
  const url = redisUrl('catalog, orders and claims tests on Redis');
  if (!url) return null;
  let db: RedisDatabase | undefined;
  return {
    name: 'redis',
    async open() {
      db ??= await RedisDatabase.connect(url);
      await db.client.flushdb();
      return db;
    },
    async close() {
      await db?.client.quit();
      db = undefined;
    },
  };
}

export function backends(): Backend[] {
  return [memoryBackend(), redisBackend()].filter((b): b is Backend => b !== null);
}

export interface TestHost extends Host {
  notifications: { notification: Notification; uids: number[] }[];
  logs: string[];
  setNow(ms: number): void;
}

export const ADMIN = { uid: 1 };
export const MEMBER = { uid: 2 };

export function testHost(db: Database, settings: Record<string, string> = {}): TestHost {
  let now = Date.parse('2026-11-22T12:00:00Z');
  const store: Record<string, Record<string, string>> = { bonus: { ...settings } };
  const notifications: TestHost['notifications'] = [];
  const logs: string[] = [];
  const unsupported = () => { throw new Error('not in the catalog test host'); };
  const host = {
    db,
    notifications,
    logs,
    setNow: (ms: number) => { now = ms; },
    clock: { now: () => now, pause: fakePause },
    log: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string, e?: unknown) => logs.push(`${m} ${String(e)}`) },
    settings: { get: async (h: string) => ({ ...(store[h] ?? {}) }), set: async (h: string, v: Record<string, string>) => { store[h] = { ...v }; } },
    privileges: { isAdmin: async (uid: number) => uid === 1, isGlobalModerator: async () => false, canModeratePost: async () => false, isModeratorAnywhere: async () => false },
    groups: { getMembers: async (name: string) => (name === 'administrators' ? [1] : []), list: unsupported, getUserGroupNames: unsupported, isMember: unsupported, isMemberOfAny: unsupported, join: unsupported, leave: unsupported },
    messaging: { notify: async (notification: Notification, uids: number[]) => { notifications.push({ notification, uids }); }, sendPrivateMessage: unsupported, sendEmail: unsupported },
    users: { getUsers: async (uids: number[]) => uids.map(() => null), getLanguage: async () => 'en-GB', getUidByUsername: unsupported, getUidByUserslug: unsupported, exists: unsupported, getUidsByJoinDate: unsupported, count: unsupported },
    content: unsupported as unknown as Host['content'],
    jobs: { add: () => undefined },
    translator: { translate: async (t: string) => t, defaultLanguage: async () => 'en-GB' },
    http: { mountPages: unsupported, mountApi: unsupported },
  };
  return host as unknown as TestHost;
}
