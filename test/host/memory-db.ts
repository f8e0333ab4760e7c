import type { Database, HashValue, ScoredValue, StoredHash } from '../../lib/host/index';

/**
 * The Database port in memory, with Redis semantics as NodeBB's redis backend has them: values read
 * back as strings, increments atomic and returning the new value (integers only), sorted sets ordered
 * by score then by value (binary), negative range indices, a key holding one type.
 *
 * Every call yields to the event loop before and after its effect, so concurrent callers interleave
 * as they would against a server. `failAfterWrites(n)` simulates a crash: the n-th write from now
 * throws before taking effect.
 */
type Entry =
  | { type: 'hash'; value: Map<string, string> }
  | { type: 'zset'; value: Map<string, number> }
  | { type: 'set'; value: Set<string> }
  | { type: 'string'; value: string };

export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'SimulatedCrash';
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function bound(v: number | '-inf' | '+inf'): number {
  return v === '-inf' ? -Infinity : v === '+inf' ? Infinity : Number(v);
}

function toInt(raw: string | undefined, what: string): number {
  if (raw === undefined) return 0;
  if (!/^-?\d+$/.test(raw)) throw new Error(`ERR ${what} value is not an integer`);
  return Number(raw);
}

function compare(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return a[1] - b[1];
  return Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0]));
}

function slice<T>(list: T[], start: number, stop: number): T[] {
  const n = list.length;
  let s = start < 0 ? Math.max(n + start, 0) : start;
  let e = stop < 0 ? n + stop : Math.min(stop, n - 1);
  if (s > e || s >= n) return [];
  s = Math.max(s, 0);
  e = Math.max(e, 0);
  return list.slice(s, e + 1);
}

export class MemoryDatabase implements Database {
  private readonly data = new Map<string, Entry>();
  private writesUntilCrash = Infinity;

  /** The n-th write from now (1 = the next) throws SimulatedCrash without taking effect. */
  failAfterWrites(n: number): void {
    this.writesUntilCrash = n;
  }

  /** A deep copy of everything, for crash tests and debugging. */
  dump(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, e] of this.data) {
      out[k] = e.type === 'hash' ? Object.fromEntries(e.value) : e.type === 'zset' ? Object.fromEntries(e.value) : e.type === 'set' ? [...e.value].sort() : e.value;
    }
    return out;
  }

  flushAll(): void {
    this.data.clear();
  }

  // -- internals --

  private async write<T>(fn: () => T): Promise<T> {
    await tick();
    this.writesUntilCrash -= 1;
    if (this.writesUntilCrash <= 0) {
      this.writesUntilCrash = Infinity;
      throw new SimulatedCrash();
    }
    const result = fn();
    await tick();
    return result;
  }

  private async read<T>(fn: () => T): Promise<T> {
    await tick();
    return fn();
  }

  private get(key: string, type: Entry['type']): Entry | undefined {
    const e = this.data.get(key);
    if (e && e.type !== type) throw new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
    return e;
  }

  private hash(key: string, create: true): Map<string, string>;
  private hash(key: string, create?: false): Map<string, string> | undefined;
  private hash(key: string, create = false): Map<string, string> | undefined {
    const e = this.get(key, 'hash') as { value: Map<string, string> } | undefined;
    if (e) return e.value;
    if (!create) return undefined;
    const value = new Map<string, string>();
    this.data.set(key, { type: 'hash', value });
    return value;
  }

  private zset(key: string, create: true): Map<string, number>;
  private zset(key: string, create?: false): Map<string, number> | undefined;
  private zset(key: string, create = false): Map<string, number> | undefined {
    const e = this.get(key, 'zset') as { value: Map<string, number> } | undefined;
    if (e) return e.value;
    if (!create) return undefined;
    const value = new Map<string, number>();
    this.data.set(key, { type: 'zset', value });
    return value;
  }

  private set(key: string, create: true): Set<string>;
  private set(key: string, create?: false): Set<string> | undefined;
  private set(key: string, create = false): Set<string> | undefined {
    const e = this.get(key, 'set') as { value: Set<string> } | undefined;
    if (e) return e.value;
    if (!create) return undefined;
    const value = new Set<string>();
    this.data.set(key, { type: 'set', value });
    return value;
  }

  /** Redis deletes a container when its last element goes. */
  private prune(key: string): void {
    const e = this.data.get(key);
    if (e && e.type !== 'string' && e.value.size === 0) this.data.delete(key);
  }

  private sorted(key: string): [string, number][] {
    return [...(this.zset(key)?.entries() ?? [])].sort(compare);
  }

  // -- hashes --

  setObject(key: string, data: Record<string, HashValue>): Promise<void> {
    return this.write(() => {
      const entries = Object.entries(data).filter(([, v]) => v !== undefined && v !== null);
      if (!entries.length) return;
      const h = this.hash(key, true);
      for (const [f, v] of entries) h.set(f, String(v));
    });
  }

  setObjectBulk(items: [string, Record<string, HashValue>][]): Promise<void> {
    return this.write(() => {
      for (const [key, data] of items) {
        const entries = Object.entries(data).filter(([, v]) => v !== undefined && v !== null);
        if (!entries.length) continue;
        const h = this.hash(key, true);
        for (const [f, v] of entries) h.set(f, String(v));
      }
    });
  }

  setObjectField(key: string, field: string, value: HashValue): Promise<void> {
    return this.write(() => void this.hash(key, true).set(field, String(value)));
  }

  getObject(key: string): Promise<StoredHash | null> {
    return this.read(() => {
      const h = this.hash(key);
      return h ? Object.fromEntries(h) : null;
    });
  }

  getObjects(keys: string[]): Promise<(StoredHash | null)[]> {
    return this.read(() => keys.map((k) => {
      const h = this.hash(k);
      return h ? Object.fromEntries(h) : null;
    }));
  }

  getObjectField(key: string, field: string): Promise<string | null> {
    return this.read(() => this.hash(key)?.get(field) ?? null);
  }

  getObjectFields(key: string, fields: string[]): Promise<Record<string, string | null>> {
    return this.read(() => {
      const h = this.hash(key);
      return Object.fromEntries(fields.map((f) => [f, h?.get(f) ?? null]));
    });
  }

  getObjectsFields(keys: string[], fields: string[]): Promise<Record<string, string | null>[]> {
    return this.read(() => keys.map((k) => {
      const h = this.hash(k);
      return Object.fromEntries(fields.map((f) => [f, h?.get(f) ?? null]));
    }));
  }

  getObjectKeys(key: string): Promise<string[]> {
    return this.read(() => [...(this.hash(key)?.keys() ?? [])]);
  }

  isObjectField(key: string, field: string): Promise<boolean> {
    return this.read(() => this.hash(key)?.has(field) ?? false);
  }

  deleteObjectField(key: string, field: string): Promise<void> {
    return this.deleteObjectFields(key, [field]);
  }

  deleteObjectFields(key: string, fields: string[]): Promise<void> {
    return this.write(() => {
      const h = this.hash(key);
      if (!h) return;
      for (const f of fields) h.delete(f);
      this.prune(key);
    });
  }

  incrObjectField(key: string, field: string): Promise<number> {
    return this.incrObjectFieldBy(key, field, 1);
  }

  decrObjectField(key: string, field: string): Promise<number> {
    return this.incrObjectFieldBy(key, field, -1);
  }

  incrObjectFieldBy(key: string, field: string, by: number): Promise<number> {
    if (!Number.isInteger(by)) return Promise.reject(new Error('ERR value is not an integer or out of range'));
    return this.write(() => {
      const h = this.hash(key, true);
      const next = toInt(h.get(field), 'hash') + by;
      h.set(field, String(next));
      return next;
    });
  }

  async incrObjectFieldByBulk(items: [string, Record<string, number>][]): Promise<void> {
    for (const [key, increments] of items) for (const [field, by] of Object.entries(increments)) await this.incrObjectFieldBy(key, field, by);
  }

  // -- sorted sets --

  /** Lists of scores and values add many members, as NodeBB's sortedSetAdd does (the adapter's contract runs over this class as NodeBB's module). */
  sortedSetAdd(key: string, score: number | number[], value: string | number | (string | number)[]): Promise<void> {
    if (Array.isArray(score) || Array.isArray(value)) {
      if (!Array.isArray(score) || !Array.isArray(value) || score.length !== value.length) return Promise.reject(new Error('[[error:invalid-data]]'));
      return this.sortedSetAddBulk(score.map((s, i) => [key, s, value[i]]));
    }
    return this.sortedSetAddBulk([[key, score, value]]);
  }

  sortedSetAddBulk(items: [string, number, string | number][]): Promise<void> {
    for (const [, score] of items) {
      if (!Number.isFinite(Number(score))) return Promise.reject(new Error('ERR value is not a valid float'));
    }
    return this.write(() => {
      for (const [key, score, value] of items) this.zset(key, true).set(String(value), Number(score));
    });
  }

  sortedSetAddMany(key: string, members: [number, string | number][]): Promise<void> {
    return this.sortedSetAddBulk(members.map(([score, value]) => [key, score, value]));
  }

  sortedSetRemove(key: string, value: string | number | (string | number)[]): Promise<void> {
    const values = Array.isArray(value) ? value : [value];
    return this.write(() => {
      for (const v of values) this.zset(key)?.delete(String(v));
      this.prune(key);
    });
  }

  sortedSetRemoveBulk(items: [string, string | number][]): Promise<void> {
    return this.write(() => {
      for (const [key, value] of items) {
        this.zset(key)?.delete(String(value));
        this.prune(key);
      }
    });
  }

  sortedSetsRemove(keys: string[], value: string | number): Promise<void> {
    return this.write(() => {
      for (const key of keys) {
        this.zset(key)?.delete(String(value));
        this.prune(key);
      }
    });
  }

  sortedSetsRemoveRangeByScore(keys: string[], min: number | '-inf', max: number | '+inf'): Promise<void> {
    return this.write(() => {
      for (const key of keys) {
        const z = this.zset(key);
        if (!z) continue;
        for (const [v, s] of z) if (s >= bound(min) && s <= bound(max)) z.delete(v);
        this.prune(key);
      }
    });
  }

  getSortedSetRange(key: string, start: number, stop: number): Promise<string[]> {
    return this.read(() => slice(this.sorted(key), start, stop).map(([v]) => v));
  }

  getSortedSetRevRange(key: string, start: number, stop: number): Promise<string[]> {
    return this.read(() => slice(this.sorted(key).reverse(), start, stop).map(([v]) => v));
  }

  getSortedSetRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]> {
    return this.read(() => slice(this.sorted(key), start, stop).map(([value, score]) => ({ value, score })));
  }

  getSortedSetRevRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]> {
    return this.read(() => slice(this.sorted(key).reverse(), start, stop).map(([value, score]) => ({ value, score })));
  }

  private byScore(key: string, start: number, count: number, min: number | string, max: number | string, rev: boolean): [string, number][] {
    const lo = bound(min as number), hi = bound(max as number);
    let list = this.sorted(key).filter(([, s]) => s >= lo && s <= hi);
    if (rev) list = list.reverse();
    return list.slice(start, count < 0 ? undefined : start + count);
  }

  getSortedSetRangeByScore(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<string[]> {
    return this.read(() => this.byScore(key, start, count, min, max, false).map(([v]) => v));
  }

  getSortedSetRevRangeByScore(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<string[]> {
    return this.read(() => this.byScore(key, start, count, min, max, true).map(([v]) => v));
  }

  getSortedSetRangeByScoreWithScores(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<ScoredValue[]> {
    return this.read(() => this.byScore(key, start, count, min, max, false).map(([value, score]) => ({ value, score })));
  }

  getSortedSetRevRangeByScoreWithScores(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<ScoredValue[]> {
    return this.read(() => this.byScore(key, start, count, min, max, true).map(([value, score]) => ({ value, score })));
  }

  sortedSetScore(key: string, value: string | number): Promise<number | null> {
    return this.read(() => this.zset(key)?.get(String(value)) ?? null);
  }

  sortedSetScores(key: string, values: (string | number)[]): Promise<(number | null)[]> {
    return this.read(() => values.map((v) => this.zset(key)?.get(String(v)) ?? null));
  }

  sortedSetsScore(keys: string[], value: string | number): Promise<(number | null)[]> {
    return this.read(() => keys.map((k) => this.zset(k)?.get(String(value)) ?? null));
  }

  sortedSetsCard(keys: string[]): Promise<number[]> {
    return this.read(() => keys.map((k) => this.zset(k)?.size ?? 0));
  }

  sortedSetCard(key: string): Promise<number> {
    return this.read(() => this.zset(key)?.size ?? 0);
  }

  sortedSetCount(key: string, min: number | '-inf', max: number | '+inf'): Promise<number> {
    return this.read(() => [...(this.zset(key)?.values() ?? [])].filter((s) => s >= bound(min) && s <= bound(max)).length);
  }

  sortedSetIncrBy(key: string, increment: number, value: string | number): Promise<number> {
    return this.write(() => {
      const z = this.zset(key, true);
      const next = (z.get(String(value)) ?? 0) + Number(increment);
      z.set(String(value), next);
      return next;
    });
  }

  isSortedSetMember(key: string, value: string | number): Promise<boolean> {
    return this.read(() => this.zset(key)?.has(String(value)) ?? false);
  }

  // -- sets --

  setAdd(key: string, value: string | number | (string | number)[]): Promise<void> {
    const values = Array.isArray(value) ? value : [value];
    return this.write(() => {
      if (!values.length) return;
      const s = this.set(key, true);
      for (const v of values) s.add(String(v));
    });
  }

  /** As NodeBB's: a falsy value (0, '') adds nothing. */
  setsAdd(keys: string[], value: string | number): Promise<void> {
    return this.write(() => {
      if (!value) return;
      for (const key of keys) this.set(key, true).add(String(value));
    });
  }

  setRemove(key: string, value: string | number | (string | number)[]): Promise<void> {
    const values = Array.isArray(value) ? value : [value];
    return this.write(() => {
      const s = this.set(key);
      if (!s) return;
      for (const v of values) s.delete(String(v));
      this.prune(key);
    });
  }

  isSetMember(key: string, value: string | number): Promise<boolean> {
    return this.read(() => this.set(key)?.has(String(value)) ?? false);
  }

  getSetMembers(key: string): Promise<string[]> {
    return this.read(() => [...(this.set(key)?.values() ?? [])]);
  }

  setCount(key: string): Promise<number> {
    return this.read(() => this.set(key)?.size ?? 0);
  }

  // -- keys --

  exists(key: string): Promise<boolean> {
    return this.read(() => this.data.has(key));
  }

  delete(key: string): Promise<void> {
    return this.write(() => void this.data.delete(key));
  }

  deleteAll(keys: string[]): Promise<void> {
    return this.write(() => keys.forEach((k) => this.data.delete(k)));
  }

  increment(key: string): Promise<number> {
    return this.write(() => {
      const e = this.get(key, 'string') as { value: string } | undefined;
      const next = toInt(e?.value, 'string') + 1;
      this.data.set(key, { type: 'string', value: String(next) });
      return next;
    });
  }
}
