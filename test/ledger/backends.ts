/**
 * Databases the ledger tests run on: the in-memory database and a real Redis (REDIS_URL; without it
 * the one notice of test/contract/redis-env.ts, a failure under CI=true). Plus a test clock and a
 * crash-injecting wrapper.
 */
import type { Clock, Database } from '../../lib/host/index';
import { redisUrl } from '../contract/redis-env';
import { MemoryDatabase } from '../host/memory-db';
import { RedisDatabase } from '../host/redis-db';
import { fakePause } from '../host/pause';

export interface Backend {
  name: string;
  open(): Promise<Database>;
  close(): Promise<void>;
}

type RedisLike = Database & { client: { flushdb(): Promise<unknown>; quit(): Promise<unknown> } };
type RedisCtor = { connect(url: string): Promise<RedisLike> };

export function loadRedisDatabase(): RedisCtor {
  return RedisDatabase;
}

function memoryBackend(): Backend {
  return { name: 'memory', open: async () => new MemoryDatabase(), close: async () => undefined };
}

function redisBackend(): Backend | null {
  const url = redisUrl('ledger tests on Redis');
  if (!url) return null;
  let db: RedisLike | undefined;
  return {
    name: 'redis',
    async open() {
      db ??= await loadRedisDatabase().connect(url);
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

export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 1, 12, 0, 0)) {}
  now() { return this.ms; }
  pause(ms: number) { return fakePause(ms); }
}

/** The port's writing calls (a bulk call is one write): where the crash harnesses may stop. */
export const WRITES: ReadonlySet<string> = new Set([
  'setObject', 'setObjectBulk', 'setObjectField', 'deleteObjectField', 'deleteObjectFields', 'incrObjectField', 'decrObjectField',
  'incrObjectFieldBy', 'incrObjectFieldByBulk', 'sortedSetAdd', 'sortedSetAddBulk', 'sortedSetAddMany', 'sortedSetRemove', 'sortedSetRemoveBulk', 'sortedSetsRemove',
  'sortedSetsRemoveRangeByScore', 'sortedSetIncrBy', 'setAdd', 'setsAdd', 'setRemove', 'delete', 'deleteAll', 'increment',
]);

export class Crash extends Error {}

/** The database as seen by a process that dies just before its (n+1)-th write. */
export function crashAfterWrites(db: Database, n: number): Database {
  let writes = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!WRITES.has(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        if (writes >= n) throw new Crash(`crash before write ${writes + 1} (${String(prop)})`);
        writes += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
