import type { Database } from '../../lib/host';

/**
 * A counting wrapper around the Database port, for tests and benches (issue 14): it counts commands
 * and sequential round trips, and models what each call costs on NodeBB's MongoDB and PostgreSQL
 * adapters (src/database/mongo/*, src/database/postgres/*), where the cost of a call is the size of
 * what it touches:
 * - a hash is one document (Mongo) / one jsonb row (legacy_hash): every hash call touches all of its
 *   fields, so a hash that grows with history makes every call on it slower (and Mongo caps it at 16 MB);
 * - a sorted-set element is one document / row: point calls (add, remove, score, member) touch 1;
 *   ranges touch the skipped offset plus what they return (skip/OFFSET scan); card and count touch
 *   every counted element;
 * - a set is one document with a `members` array on Mongo: every set call touches all its members.
 *
 * Round trips: a call that starts while no other call is in flight starts a new round trip (calls
 * issued together, e.g. by Promise.all, share one). Measure one logical request at a time.
 * Redis commands: what NodeBB's redis adapter sends for a call — one per key or item for the batched
 * calls (getObjects: an HGETALL per key in one batch; getObjectsFields, sortedSetAddBulk, deleteAll,
 * sortedSetsRemove alike; incrObjectFieldByBulk one HINCRBY per field), one otherwise (NodeBB's
 * per-process hash cache may spare some of them).
 */
export interface CallRecord { method: string; key: string; touched: number }

export interface CountingDatabase extends Database {
  readonly counter: {
    commands: number;
    roundTrips: number;
    redisCommands: number;
    calls: CallRecord[];
    reset(): void;
  };
}

const HASH = new Set([
  'setObject', 'setObjectField', 'getObject', 'getObjects', 'getObjectField', 'getObjectFields', 'getObjectsFields', 'getObjectKeys',
  'isObjectField', 'deleteObjectField', 'deleteObjectFields', 'incrObjectField', 'decrObjectField', 'incrObjectFieldBy',
  'incrObjectFieldByBulk', 'setObjectBulk',
]);
const ZSET_POINT = new Set(['sortedSetAdd', 'sortedSetAddBulk', 'sortedSetAddMany', 'sortedSetRemove', 'sortedSetsRemove', 'sortedSetScore', 'sortedSetIncrBy', 'isSortedSetMember']);
const ZSET_RANGE = new Set([
  'getSortedSetRange', 'getSortedSetRevRange', 'getSortedSetRangeWithScores', 'getSortedSetRevRangeWithScores',
  'getSortedSetRangeByScore', 'getSortedSetRevRangeByScore', 'getSortedSetRangeByScoreWithScores', 'getSortedSetRevRangeByScoreWithScores',
]);
/** Calls NodeBB's redis adapter sends as one command per element of their first argument. */
const BATCHED = new Set([
  'getObjects', 'getObjectsFields', 'sortedSetAddBulk', 'incrObjectFieldByBulk', 'deleteAll', 'sortedSetsRemove', 'sortedSetsRemoveRangeByScore',
  'setObjectBulk', 'sortedSetRemoveBulk', 'sortedSetsScore', 'sortedSetsCard', 'setsAdd',
]);
const SET = new Set(['setAdd', 'setRemove', 'isSetMember', 'getSetMembers', 'setCount']);

/** Size of whatever the key holds (fields, elements or members), read without being counted. */
async function sizeOf(db: Database, key: string): Promise<number> {
  for (const f of [async () => (await db.getObjectKeys(key)).length, () => db.sortedSetCard(key), () => db.setCount(key)]) {
    try {
      const n = await f();
      if (n) return n;
    } catch { /* another type */ }
  }
  return 0;
}

async function touchedBy(db: Database, method: string, args: unknown[], result: unknown): Promise<number> {
  if (HASH.has(method)) {
    const keys = method === 'getObjects' || method === 'getObjectsFields' ? (args[0] as string[])
      : method === 'incrObjectFieldByBulk' || method === 'setObjectBulk' ? (args[0] as [string, unknown][]).map(([k]) => k) : [args[0] as string];
    let max = 0;
    for (const k of keys) max = Math.max(max, await sizeOf(db, k));
    return max;
  }
  if (SET.has(method)) return sizeOf(db, args[0] as string);
  if (method === 'setsAdd') {
    let max = 0;
    for (const k of args[0] as string[]) max = Math.max(max, await sizeOf(db, k));
    return max;
  }
  if (method === 'sortedSetRemoveBulk' || method === 'sortedSetsScore') return (args[0] as unknown[]).length;
  if (method === 'sortedSetsCard') return (result as number[]).reduce((a, b) => a + b, 0);
  if (ZSET_POINT.has(method)) return (method === 'sortedSetRemove' || method === 'sortedSetAddMany') && Array.isArray(args[1]) ? args[1].length : 1;
  if (method === 'sortedSetScores') return (args[1] as unknown[]).length;
  if (ZSET_RANGE.has(method)) {
    const returned = Array.isArray(result) ? result.length : 0;
    const start = args[1] as number;
    if (method.includes('ByScore')) return start + returned;
    const card = await db.sortedSetCard(args[0] as string);
    const offset = start < 0 ? Math.max(0, card + start) : start;
    return offset + returned;
  }
  if (method === 'sortedSetCard') return result as number;
  if (method === 'sortedSetCount') return result as number;
  if (method === 'sortedSetsRemoveRangeByScore') return 0; // counted before the call (see below)
  if (method === 'delete') return 1;
  if (method === 'deleteAll') return (args[0] as string[]).length;
  return 1;
}

/** The commands NodeBB's redis adapter sends for a call: one HINCRBY per field for incrObjectFieldByBulk, one per key for the other batched calls. */
function redisCommandsOf(method: string, args: unknown[]): number {
  if (method === 'incrObjectFieldByBulk') return Math.max(1, (args[0] as [string, Record<string, number>][]).reduce((n, [, inc]) => n + Object.keys(inc).length, 0));
  return BATCHED.has(method) ? Math.max(1, (args[0] as unknown[]).length) : 1;
}

export function countingDatabase(db: Database): CountingDatabase {
  let inFlight = 0;
  const counter: CountingDatabase['counter'] = {
    commands: 0,
    roundTrips: 0,
    redisCommands: 0,
    calls: [],
    reset() { this.commands = 0; this.roundTrips = 0; this.redisCommands = 0; this.calls = []; },
  };
  return new Proxy(db as CountingDatabase, {
    get(target, prop: string) {
      if (prop === 'counter') return counter;
      const value = (target as unknown as Record<string, unknown>)[prop];
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (inFlight === 0) counter.roundTrips += 1;
        counter.commands += 1;
        counter.redisCommands += redisCommandsOf(prop, args);
        inFlight += 1;
        let before = 0;
        if (prop === 'sortedSetsRemoveRangeByScore') {
          for (const k of args[0] as string[]) before += await db.sortedSetCount(k, args[1] as number, args[2] as number);
        }
        try {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          const touched = before + await touchedBy(db, prop, args, result);
          counter.calls.push({ method: prop, key: String(Array.isArray(args[0]) ? (args[0] as unknown[]).join(',') : args[0]), touched });
          return result;
        } finally {
          inFlight -= 1;
        }
      };
    },
  });
}
