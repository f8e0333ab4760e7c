import type { Database } from '../host/index';
import { nb } from './require';

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const strings = (o: Record<string, unknown> | null): Record<string, string> | null =>
  o ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) : null;
const fieldsOrNull = (o: Record<string, unknown> | null, fields: string[]): Record<string, string | null> =>
  Object.fromEntries(fields.map((f) => [f, strOrNull(o?.[f])]));
const done: Promise<void> = Promise.resolve();
const nothing = (): void => undefined;
const scored = (list: { value: unknown; score: unknown }[]) => list.map((x) => ({ value: String(x.value), score: Number(x.score) }));

/**
 * NodeBB's database module behind the port. Values are normalised to Redis's shapes (strings back),
 * so that the plugin behaves the same on Redis, MongoDB and PostgreSQL.
 */
export function nodebbDatabase(): Database {
  const db = () => nb('./src/database');
  return {
    setObject: (k, d) => db().setObject(k, d),
    setObjectField: (k, f, v) => db().setObjectField(k, f, v),
    // one item goes as the single call: NodeBB's bulk calls build a pipeline, which costs the forum
    // about twice the promises of a single command (issue 14); the result is the same
    setObjectBulk: (items) => (items.length === 1 && !('' in items[0][1]) ? db().setObject(items[0][0], items[0][1]) : items.length ? db().setObjectBulk(items) : done),
    getObject: (k) => db().getObject(k).then(strings),
    getObjects: (ks) => db().getObjects(ks).then((rows: (Record<string, unknown> | null)[]) => rows.map(strings)),
    getObjectField: (k, f) => db().getObjectField(k, f).then(strOrNull),
    getObjectFields: (k, fs) => db().getObjectFields(k, fs).then((o: Record<string, unknown> | null) => fieldsOrNull(o, fs)),
    getObjectsFields: (ks, fs) => db().getObjectsFields(ks, fs).then((rows: (Record<string, unknown> | null)[]) => rows.map((o) => fieldsOrNull(o, fs))),
    getObjectKeys: (k) => db().getObjectKeys(k).then((r: unknown[]) => r.map(String)),
    isObjectField: (k, f) => db().isObjectField(k, f).then(Boolean),
    deleteObjectField: (k, f) => db().deleteObjectField(k, f),
    deleteObjectFields: (k, fs) => db().deleteObjectFields(k, fs),
    incrObjectField: (k, f) => db().incrObjectField(k, f).then(num),
    decrObjectField: (k, f) => db().decrObjectField(k, f).then(num),
    incrObjectFieldBy: (k, f, by) => db().incrObjectFieldBy(k, f, by).then(num),
    incrObjectFieldByBulk: (items) => {
      const fields = items.length === 1 ? Object.entries(items[0][1]) : [];
      if (fields.length === 1) return db().incrObjectFieldBy(items[0][0], fields[0][0], fields[0][1]).then(nothing);
      return items.length ? db().incrObjectFieldByBulk(items) : done;
    },

    sortedSetAdd: (k, s, v) => db().sortedSetAdd(k, s, v),
    sortedSetAddBulk: (items) => (items.length === 1 ? db().sortedSetAdd(items[0][0], items[0][1], items[0][2]) : db().sortedSetAddBulk(items)),
    sortedSetAddMany: (k, members) => (members.length ? db().sortedSetAdd(k, members.map(([s]) => s), members.map(([, v]) => v)) : done),
    sortedSetRemove: (k, v) => db().sortedSetRemove(k, v),
    sortedSetsRemove: (ks, v) => db().sortedSetsRemove(ks, v),
    sortedSetRemoveBulk: (items) => (items.length === 1 ? db().sortedSetRemove(items[0][0], items[0][1]) : items.length ? db().sortedSetRemoveBulk(items) : done),
    sortedSetsRemoveRangeByScore: (ks, min, max) => db().sortedSetsRemoveRangeByScore(ks, min, max),
    getSortedSetRange: (k, a, b) => db().getSortedSetRange(k, a, b).then((r: unknown[]) => r.map(String)),
    getSortedSetRevRange: (k, a, b) => db().getSortedSetRevRange(k, a, b).then((r: unknown[]) => r.map(String)),
    getSortedSetRangeWithScores: (k, a, b) => db().getSortedSetRangeWithScores(k, a, b).then(scored),
    getSortedSetRevRangeWithScores: (k, a, b) => db().getSortedSetRevRangeWithScores(k, a, b).then(scored),
    getSortedSetRangeByScore: (k, start, count, min, max) => db().getSortedSetRangeByScore(k, start, count, min, max).then((r: unknown[]) => r.map(String)),
    getSortedSetRevRangeByScore: (k, start, count, max, min) => db().getSortedSetRevRangeByScore(k, start, count, max, min).then((r: unknown[]) => r.map(String)),
    getSortedSetRangeByScoreWithScores: (k, start, count, min, max) => db().getSortedSetRangeByScoreWithScores(k, start, count, min, max).then(scored),
    getSortedSetRevRangeByScoreWithScores: (k, start, count, max, min) => db().getSortedSetRevRangeByScoreWithScores(k, start, count, max, min).then(scored),
    sortedSetScore: (k, v) => db().sortedSetScore(k, v).then(numOrNull),
    sortedSetScores: (k, vs) => db().sortedSetScores(k, vs).then((r: unknown[]) => r.map(numOrNull)),
    sortedSetsScore: (ks, v) => (ks.length === 1 ? db().sortedSetScore(ks[0], v).then((x: unknown) => [numOrNull(x)]) : ks.length ? db().sortedSetsScore(ks, v).then((r: unknown[]) => r.map(numOrNull)) : Promise.resolve([])),
    sortedSetCard: (k) => db().sortedSetCard(k).then(num),
    sortedSetsCard: (ks) => (ks.length === 1 ? db().sortedSetCard(ks[0]).then((x: unknown) => [num(x)]) : ks.length ? db().sortedSetsCard(ks).then((r: unknown[]) => r.map(num)) : Promise.resolve([])),
    sortedSetCount: (k, min, max) => db().sortedSetCount(k, min, max).then(num),
    sortedSetIncrBy: (k, by, v) => db().sortedSetIncrBy(k, by, v).then(num),
    isSortedSetMember: (k, v) => db().isSortedSetMember(k, v).then(Boolean),

    setAdd: (k, v) => db().setAdd(k, v),
    // NodeBB's setsAdd skips a falsy value (0): the plugin's values are positive ids and keys
    setsAdd: (ks, v) => (ks.length === 1 && v ? db().setAdd(ks[0], v) : ks.length ? db().setsAdd(ks, v) : done),
    setRemove: (k, v) => db().setRemove(k, v),
    isSetMember: (k, v) => db().isSetMember(k, v).then(Boolean),
    getSetMembers: (k) => db().getSetMembers(k).then((r: unknown[]) => r.map(String)),
    setCount: (k) => db().setCount(k).then(num),

    exists: (k) => db().exists(k).then(Boolean),
    delete: (k) => db().delete(k),
    deleteAll: (ks) => db().deleteAll(ks),
    increment: (k) => db().increment(k).then(num),
  };
}
