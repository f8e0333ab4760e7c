import type { Database, StoredHash } from '../../lib/host/index';

/**
 * NodeBB's per-process hash cache (src/database/redis/hash.js and mongo/hash.js with
 * src/cache/lru.js): hash reads are served from a cache of whole hashes held by each NodeBB process;
 * a write through a process drops the key from its own cache at once and tells the other processes
 * over pubsub, which drop it a little later. `getObjectField` is served from the cache when the
 * hash is there but does not fill it; the other hash reads fill it.
 *
 * `CacheBus` joins the "processes" (one CachedDatabase each over one shared database); the other
 * processes' invalidations wait until `deliver()` (tests decide when pubsub arrives).
 */
export class CacheBus {
  private readonly members = new Set<CachedDatabase>();
  private queue: { to: CachedDatabase; keys: string[] }[] = [];

  join(db: CachedDatabase): void {
    this.members.add(db);
  }

  publish(from: CachedDatabase, keys: string[]): void {
    for (const to of this.members) if (to !== from) this.queue.push({ to, keys });
  }

  /** Pubsub arrives: every process drops the keys the others wrote. */
  deliver(): void {
    const queue = this.queue;
    this.queue = [];
    for (const { to, keys } of queue) to.drop(keys);
  }
}

const HASH_WRITES = new Set([
  'setObject', 'setObjectField', 'deleteObjectField', 'deleteObjectFields', 'incrObjectField', 'decrObjectField', 'incrObjectFieldBy', 'delete',
]);

export interface CachedDatabase extends Database {
  drop(keys: string[]): void;
}

export function cachedDatabase(db: Database, bus: CacheBus): CachedDatabase {
  const cache = new Map<string, StoredHash | null>();
  const copy = (h: StoredHash | null | undefined) => (h ? { ...h } : null);
  const load = async (keys: string[]): Promise<(StoredHash | null)[]> => {
    const missing = keys.filter((k) => !cache.has(k));
    if (missing.length) {
      const got = await db.getObjects(missing);
      missing.forEach((k, i) => cache.set(k, copy(got[i])));
    }
    return keys.map((k) => copy(cache.get(k)));
  };
  const pick = (h: StoredHash | null, fields: string[]) => Object.fromEntries(fields.map((f) => [f, h && f in h ? h[f] : null]));
  const invalidate = (keys: string[]) => {
    for (const k of keys) cache.delete(k);
    bus.publish(self, keys);
  };
  const overrides: Partial<CachedDatabase> = {
    drop: (keys) => { for (const k of keys) cache.delete(k); },
    getObject: async (k) => (await load([k]))[0],
    getObjects: async (ks) => load(ks),
    getObjectField: async (k, f) => (cache.has(k) ? (cache.get(k)?.[f] ?? null) : db.getObjectField(k, f)),
    getObjectFields: async (k, fs) => pick((await load([k]))[0], fs),
    getObjectsFields: async (ks, fs) => (await load(ks)).map((h) => pick(h, fs)),
    deleteAll: async (ks) => { await db.deleteAll(ks); invalidate(ks); },
    setObjectBulk: async (items) => { try { await db.setObjectBulk(items); } finally { invalidate(items.map(([k]) => k)); } },
    incrObjectFieldByBulk: async (items) => { try { await db.incrObjectFieldByBulk(items); } finally { invalidate(items.map(([k]) => k)); } },
  };
  const self: CachedDatabase = new Proxy(db as CachedDatabase, {
    get(target, prop: string) {
      if (prop in overrides) return overrides[prop as keyof CachedDatabase];
      const value = (target as unknown as Record<string, unknown>)[prop];
      if (typeof value !== 'function') return value;
      if (!HASH_WRITES.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (key: string, ...rest: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).call(target, key, ...rest);
        } finally {
          invalidate([key]);
        }
      };
    },
  });
  bus.join(self);
  return self;
}
