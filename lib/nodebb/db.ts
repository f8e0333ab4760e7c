import type { Database } from '../host/index';
import { nb } from './require';

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const strings = (o: Record<string, unknown> | null): Record<string, string> | null =>
  o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) : null;
const fieldsOrNull = (o: Record<string, unknown> | null, fields: string[]): Record<string, string | null> =>
  Object.fromEntries(fields.map((f) => [f, strOrNull(o?.[f])]));
const scored = (list: { value: unknown; score: unknown }[]) => list.map((x) => ({ value: String(x.value), score: Number(x.score) }));

/**
 * NodeBB's database module behind the port. Values are normalised to Redis's shapes (strings back),
 * so that the plugin behaves the same on Redis, MongoDB and PostgreSQL.
 */
export function nodebbDatabase(): Database {
  const db = () => nb('./src/database');
  return {
    setObject: async (k, d) => db().setObject(k, d),
    setObjectField: async (k, f, v) => db().setObjectField(k, f, v),
    setObjectBulk: async (items) => { if (items.length) await db().setObjectBulk(items); },
    getObject: async (k) => strings(await db().getObject(k)),
    getObjects: async (ks) => ((await db().getObjects(ks)) as (Record<string, unknown> | null)[]).map(strings),
    getObjectField: async (k, f) => strOrNull(await db().getObjectField(k, f)),
    getObjectFields: async (k, fs) => fieldsOrNull(await db().getObjectFields(k, fs), fs),
    getObjectsFields: async (ks, fs) => ((await db().getObjectsFields(ks, fs)) as (Record<string, unknown> | null)[]).map((o) => fieldsOrNull(o, fs)),
    getObjectKeys: async (k) => ((await db().getObjectKeys(k)) as unknown[]).map(String),
    isObjectField: async (k, f) => Boolean(await db().isObjectField(k, f)),
    deleteObjectField: async (k, f) => db().deleteObjectField(k, f),
    deleteObjectFields: async (k, fs) => db().deleteObjectFields(k, fs),
    incrObjectField: async (k, f) => num(await db().incrObjectField(k, f)),
    decrObjectField: async (k, f) => num(await db().decrObjectField(k, f)),
    incrObjectFieldBy: async (k, f, by) => num(await db().incrObjectFieldBy(k, f, by)),
    incrObjectFieldByBulk: async (items) => { if (items.length) await db().incrObjectFieldByBulk(items); },

    sortedSetAdd: async (k, s, v) => db().sortedSetAdd(k, s, v),
    sortedSetAddBulk: async (items) => db().sortedSetAddBulk(items),
    sortedSetRemove: async (k, v) => db().sortedSetRemove(k, v),
    sortedSetsRemove: async (ks, v) => db().sortedSetsRemove(ks, v),
    sortedSetRemoveBulk: async (items) => { if (items.length) await db().sortedSetRemoveBulk(items); },
    sortedSetsRemoveRangeByScore: async (ks, min, max) => db().sortedSetsRemoveRangeByScore(ks, min, max),
    getSortedSetRange: async (k, a, b) => ((await db().getSortedSetRange(k, a, b)) as unknown[]).map(String),
    getSortedSetRevRange: async (k, a, b) => ((await db().getSortedSetRevRange(k, a, b)) as unknown[]).map(String),
    getSortedSetRangeWithScores: async (k, a, b) => scored(await db().getSortedSetRangeWithScores(k, a, b)),
    getSortedSetRevRangeWithScores: async (k, a, b) => scored(await db().getSortedSetRevRangeWithScores(k, a, b)),
    getSortedSetRangeByScore: async (k, start, count, min, max) => ((await db().getSortedSetRangeByScore(k, start, count, min, max)) as unknown[]).map(String),
    getSortedSetRevRangeByScore: async (k, start, count, max, min) => ((await db().getSortedSetRevRangeByScore(k, start, count, max, min)) as unknown[]).map(String),
    getSortedSetRangeByScoreWithScores: async (k, start, count, min, max) => scored(await db().getSortedSetRangeByScoreWithScores(k, start, count, min, max)),
    getSortedSetRevRangeByScoreWithScores: async (k, start, count, max, min) => scored(await db().getSortedSetRevRangeByScoreWithScores(k, start, count, max, min)),
    sortedSetScore: async (k, v) => numOrNull(await db().sortedSetScore(k, v)),
    sortedSetScores: async (k, vs) => ((await db().sortedSetScores(k, vs)) as unknown[]).map(numOrNull),
    sortedSetsScore: async (ks, v) => (ks.length ? ((await db().sortedSetsScore(ks, v)) as unknown[]).map(numOrNull) : []),
    sortedSetCard: async (k) => num(await db().sortedSetCard(k)),
    sortedSetsCard: async (ks) => (ks.length ? ((await db().sortedSetsCard(ks)) as unknown[]).map(num) : []),
    sortedSetCount: async (k, min, max) => num(await db().sortedSetCount(k, min, max)),
    sortedSetIncrBy: async (k, by, v) => num(await db().sortedSetIncrBy(k, by, v)),
    isSortedSetMember: async (k, v) => Boolean(await db().isSortedSetMember(k, v)),

    setAdd: async (k, v) => db().setAdd(k, v),
    // NodeBB's setsAdd skips a falsy value (0): the plugin's values are positive ids and keys
    setsAdd: async (ks, v) => { if (ks.length) await db().setsAdd(ks, v); },
    setRemove: async (k, v) => db().setRemove(k, v),
    isSetMember: async (k, v) => Boolean(await db().isSetMember(k, v)),
    getSetMembers: async (k) => ((await db().getSetMembers(k)) as unknown[]).map(String),
    setCount: async (k) => num(await db().setCount(k)),

    exists: async (k) => Boolean(await db().exists(k)),
    delete: async (k) => db().delete(k),
    deleteAll: async (ks) => db().deleteAll(ks),
    increment: async (k) => num(await db().increment(k)),
  };
}
