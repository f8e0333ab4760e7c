/**
 * The Database port on a real Redis with NodeBB's redis backend semantics (src/database/redis/*), for
 * the store contract suite and service tests on Redis (`REDIS_URL`). Strings back, numbers parsed as NodeBB does.
 */
import Redis from 'ioredis';
import type { Database, HashValue, ScoredValue, StoredHash } from '../../lib/host/index';

const withScores = (flat: string[]): ScoredValue[] => {
  const out: ScoredValue[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ value: flat[i], score: Number.parseFloat(flat[i + 1]) });
  return out;
};
const lim = (n: number | string) => String(n);

export class RedisDatabase implements Database {
  constructor(readonly client: Redis) {}

  /**
   * `autoPipelining`: commands issued in the same tick go out in one write, as NodeBB's client
   * (node-redis) sends them; the benches use it, so that a job's concurrent work is measured as a
   * forum would run it rather than as one socket write per command.
   */
  static async connect(url: string, options: { autoPipelining?: boolean } = {}): Promise<RedisDatabase> {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableAutoPipelining: options.autoPipelining ?? false });
    await client.connect();
    return new RedisDatabase(client);
  }

  async setObject(key: string, data: Record<string, HashValue>) {
    if (Object.keys(data).length) await this.client.hset(key, Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)])));
  }
  async setObjectBulk(items: [string, Record<string, HashValue>][]) {
    await Promise.all(items.map(([k, d]) => this.setObject(k, Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined && v !== null)))));
  }
  async setObjectField(key: string, field: string, value: HashValue) { await this.client.hset(key, field, String(value)); }
  async getObject(key: string): Promise<StoredHash | null> {
    const h = await this.client.hgetall(key);
    return Object.keys(h).length ? h : null;
  }
  async getObjects(keys: string[]) { return Promise.all(keys.map((k) => this.getObject(k))); }
  async getObjectField(key: string, field: string) { return this.client.hget(key, field); }
  async getObjectFields(key: string, fields: string[]) {
    if (!fields.length) return {};
    const values = await this.client.hmget(key, ...fields);
    return Object.fromEntries(fields.map((f, i) => [f, values[i] ?? null]));
  }
  async getObjectsFields(keys: string[], fields: string[]) { return Promise.all(keys.map((k) => this.getObjectFields(k, fields))); }
  async getObjectKeys(key: string) { return this.client.hkeys(key); }
  async isObjectField(key: string, field: string) { return (await this.client.hexists(key, field)) === 1; }
  async deleteObjectField(key: string, field: string) { await this.client.hdel(key, field); }
  async deleteObjectFields(key: string, fields: string[]) { if (fields.length) await this.client.hdel(key, ...fields); }
  async incrObjectField(key: string, field: string) { return this.client.hincrby(key, field, 1); }
  async decrObjectField(key: string, field: string) { return this.client.hincrby(key, field, -1); }
  async incrObjectFieldBy(key: string, field: string, by: number) { return this.client.hincrby(key, field, Math.trunc(by)); }

  // NodeBB's bulk calls send a batch of commands, which its client (node-redis) writes with whatever
  // else was queued in the same tick, and a failed command fails the call: so here, commands the
  // auto-pipeline writes together (an ioredis pipeline would take a socket write of its own and
  // report a failed command only in its result list).
  async incrObjectFieldByBulk(items: [string, Record<string, number>][]) {
    await Promise.all(items.flatMap(([k, inc]) => Object.entries(inc).map(([f, by]) => this.client.hincrby(k, f, Math.trunc(by)))));
  }

  async sortedSetAdd(key: string, score: number, value: string | number) { await this.client.zadd(key, score, String(value)); }
  async sortedSetAddBulk(items: [string, number, string | number][]) {
    await Promise.all(items.map(([k, s, v]) => this.client.zadd(k, s, String(v))));
  }
  async sortedSetAddMany(key: string, members: [number, string | number][]) {
    if (members.length) await this.client.zadd(key, ...members.flatMap(([s, v]) => [s, String(v)]));
  }
  async sortedSetRemove(key: string, value: string | number | (string | number)[]) {
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (values.length) await this.client.zrem(key, ...values);
  }
  async sortedSetRemoveBulk(items: [string, string | number][]) { await Promise.all(items.map(([k, v]) => this.client.zrem(k, String(v)))); }
  async sortedSetsRemove(keys: string[], value: string | number) { await Promise.all(keys.map((k) => this.client.zrem(k, String(value)))); }
  async sortedSetsRemoveRangeByScore(keys: string[], min: number | '-inf', max: number | '+inf') {
    await Promise.all(keys.map((k) => this.client.zremrangebyscore(k, min, max)));
  }
  async getSortedSetRange(key: string, start: number, stop: number) { return this.client.zrange(key, String(start), String(stop)); }
  async getSortedSetRevRange(key: string, start: number, stop: number) { return this.client.zrevrange(key, String(start), String(stop)); }
  async getSortedSetRangeWithScores(key: string, start: number, stop: number) { return withScores(await this.client.zrange(key, String(start), String(stop), 'WITHSCORES')); }
  async getSortedSetRevRangeWithScores(key: string, start: number, stop: number) { return withScores(await this.client.zrevrange(key, String(start), String(stop), 'WITHSCORES')); }
  async getSortedSetRangeByScore(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf') {
    return this.client.zrangebyscore(key, min, max, 'LIMIT', lim(start), lim(count));
  }
  async getSortedSetRevRangeByScore(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf') {
    return this.client.zrevrangebyscore(key, max, min, 'LIMIT', lim(start), lim(count));
  }
  async getSortedSetRangeByScoreWithScores(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf') {
    return withScores(await this.client.zrangebyscore(key, min, max, 'WITHSCORES', 'LIMIT', lim(start), lim(count)));
  }
  async getSortedSetRevRangeByScoreWithScores(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf') {
    return withScores(await this.client.zrevrangebyscore(key, max, min, 'WITHSCORES', 'LIMIT', lim(start), lim(count)));
  }
  async sortedSetScore(key: string, value: string | number) {
    const s = await this.client.zscore(key, String(value));
    return s === null ? null : Number.parseFloat(s);
  }
  async sortedSetScores(key: string, values: (string | number)[]) { return Promise.all(values.map((v) => this.sortedSetScore(key, v))); }
  async sortedSetsScore(keys: string[], value: string | number) { return Promise.all(keys.map((k) => this.sortedSetScore(k, value))); }
  async sortedSetCard(key: string) { return this.client.zcard(key); }
  async sortedSetsCard(keys: string[]) { return Promise.all(keys.map((k) => this.client.zcard(k))); }
  async sortedSetCount(key: string, min: number | '-inf', max: number | '+inf') { return this.client.zcount(key, min, max); }
  async sortedSetIncrBy(key: string, increment: number, value: string | number) { return Number.parseFloat(await this.client.zincrby(key, String(increment), String(value))); }
  async isSortedSetMember(key: string, value: string | number) { return (await this.sortedSetScore(key, value)) !== null; }

  async setAdd(key: string, value: string | number | (string | number)[]) {
    const v = (Array.isArray(value) ? value : [value]).map(String);
    if (v.length) await this.client.sadd(key, ...v);
  }
  async setsAdd(keys: string[], value: string | number) { if (value) await Promise.all(keys.map((k) => this.client.sadd(k, String(value)))); }
  async setRemove(key: string, value: string | number | (string | number)[]) {
    const v = (Array.isArray(value) ? value : [value]).map(String);
    if (v.length) await this.client.srem(key, ...v);
  }
  async isSetMember(key: string, value: string | number) { return (await this.client.sismember(key, String(value))) === 1; }
  async getSetMembers(key: string) { return this.client.smembers(key); }
  async setCount(key: string) { return this.client.scard(key); }

  async exists(key: string) { return (await this.client.exists(key)) === 1; }
  async delete(key: string) { await this.client.del(key); }
  async deleteAll(keys: string[]) { if (keys.length) await this.client.del(...keys); }
  async increment(key: string) { return this.client.incr(key); }
}
