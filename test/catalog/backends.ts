/**
 * The databases the catalog's service tests run on: the in-memory database and a real Redis
 * (REDIS_URL; without it the one notice of test/contract/redis-env.ts, a failure under CI=true).
 * Plus the shared fake forum's Host around one of them (admin = uid 1).
 */
import type { Database, Host, Notification } from '../../lib/host/index';
import { redisUrl } from '../contract/redis-env';
import { MemoryDatabase } from '../host/memory-db';
import { createFakePort, type FakePort } from '../host/port';
import { RedisDatabase } from '../host/redis-db';

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
  /** The fake forum's port this Host is (test/host/port.ts): its forum, e-mails, messages, clock… */
  fake: FakePort;
  notifications: { notification: Notification; uids: number[] }[];
  /** The log lines, as text. */
  readonly logs: string[];
  setNow(ms: number): void;
}

export const ADMIN = { uid: 1 };
export const MEMBER = { uid: 2 };

/**
 * The shared fake forum's Host (test/host/port.ts) on a database, with the plugin's settings saved
 * and two members: uid 1 `admin` (administrators), uid 2 `member`. `members` replaces them.
 */
export function testHost(db: Database, settings: Record<string, string> = {}, members?: (port: FakePort) => void): TestHost {
  const port = createFakePort({ db, settings, now: Date.parse('2026-11-22T12:00:00Z') });
  if (members) members(port);
  else {
    port.createUser({ uid: ADMIN.uid, username: 'admin', groups: ['administrators'] });
    port.createUser({ uid: MEMBER.uid, username: 'member' });
  }
  const host = port.host as TestHost;
  Object.defineProperties(host, {
    fake: { value: port },
    notifications: { value: port.notifications },
    logs: { get: () => port.logs.map((l) => l.message) },
    setNow: { value: (ms: number) => port.clock.set(ms) },
  });
  return host;
}
