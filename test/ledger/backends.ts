/**
 * Databases the ledger tests run on: the shared in-memory database (test/host/memory-db, when present)
 * and a real Redis when REDIS_URL is set. Plus a test clock and a crash-injecting wrapper.
 */
import type { Clock, Database } from '../../lib/host';

export interface Backend {
  name: string;
  open(): Promise<Database>;
  close(): Promise<void>;
}

type RedisLike = Database & { client: { flushdb(): Promise<unknown>; quit(): Promise<unknown> } };
type RedisCtor = { connect(url: string): Promise<RedisLike> };

/* eslint-disable @typescript-eslint/no-require-imports */
export function loadRedisDatabase(): RedisCtor {
  return require('../host/redis-db').RedisDatabase as RedisCtor;
}

function memoryBackend(): Backend | null {
  let Ctor: (new () => Database) | undefined;
  try {
    Ctor = require('../host/memory-db').MemoryDatabase;
  } catch {
    return null;
  }
  if (!Ctor) return null;
  const C = Ctor;
  return { name: 'memory', open: async () => new C(), close: async () => undefined };
}
/* eslint-enable @typescript-eslint/no-require-imports */

function redisBackend(): Backend | null {
  const url = process.env.REDIS_URL;
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

let warned = false;
export function backends(): Backend[] {
  const list = [memoryBackend(), redisBackend()].filter((b): b is Backend => b !== null);
  if (!process.env.REDIS_URL && !warned) {
    warned = true;
    console.log('  (ledger tests on Redis skipped: REDIS_URL not set)');
  }
  return list;
}

export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 1, 12, 0, 0)) {}
  now() { return this.ms; }
}

const WRITES = new Set([
  'setObject', 'setObjectField', 'deleteObjectField', 'deleteObjectFields', 'incrObjectField', 'decrObjectField',
  'incrObjectFieldBy', 'sortedSetAdd', 'sortedSetAddBulk', 'sortedSetRemove', 'sortedSetsRemove',
  'sortedSetsRemoveRangeByScore', 'sortedSetIncrBy', 'setAdd', 'setRemove', 'delete', 'deleteAll', 'increment',
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
