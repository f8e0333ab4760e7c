/**
 * Stubs of NodeBB 4.15.1's modules, shaped as the real ones behave where it matters to lib/nodebb/:
 * the same function names and argument order, the same return shapes (Redis strings for values read
 * back, numbers only where NodeBB parses them, `null` for a missing value, arrays aligned with their
 * input, guests for uid 0 and missing members), and the same preconditions and failures.
 *
 * Each module sits on one Redis-shaped store (what `src/database/redis/*.js` returns), so a member
 * written by `seed.user` is seen by `user`, `groups`, `privileges`, `messaging`, `emailer` alike.
 * Every function is a sinon spy: tests assert how the adapter called NodeBB.
 *
 * Load them with `setModuleLoader(stubs.load)` (lib/nodebb/require.ts).
 */
import sinon from 'sinon';
import type { Loose } from '../../lib/nodebb/require';

type Hash = Map<string, string>;
type Zset = Map<string, number>;

const isNumber = (v: unknown): boolean => v !== null && v !== '' && typeof v !== 'boolean' && !Number.isNaN(Number(v)) && Number.isFinite(Number(v));
const toStr = (v: unknown): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** `db.parseIntFields` (src/database/index.js): a requested int field is a number, a missing one 0. */
function parseIntFields(data: Record<string, unknown>, intFields: string[], requested: string[]): void {
  for (const f of intFields) {
    if (!requested.length || requested.includes(f)) data[f] = isNumber(data[f]) ? parseInt(String(data[f]), 10) : (data[f] || 0);
  }
}

/** src/database/redis/{hash,sorted,sets,main}.js: what the Redis adapter returns (its hash cache aside). */
function redisDatabase() {
  const hashes = new Map<string, Hash>();
  const zsets = new Map<string, Zset>();
  const sets = new Map<string, Set<string>>();
  const zset = (k: string) => zsets.get(k) ?? zsets.set(k, new Map()).get(k)!;
  const set = (k: string) => sets.get(k) ?? sets.set(k, new Set()).get(k)!;
  const hashObject = (k: string): Record<string, string> | null => {
    const h = hashes.get(k);
    return h && h.size ? Object.fromEntries(h) : null;
  };
  const sortedAsc = (k: string) => [...(zsets.get(k) ?? new Map()).entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const range = (list: [string, number][], start: number, stop: number) => list.slice(start, stop === -1 ? undefined : stop + 1);
  const byScore = (k: string, rev: boolean, start: number, count: number, min: unknown, max: unknown) => {
    const lo = min === '-inf' ? -Infinity : Number(min);
    const hi = max === '+inf' ? Infinity : Number(max);
    let list = sortedAsc(k).filter(([, s]) => s >= lo && s <= hi);
    if (rev) list = list.reverse();
    return list.slice(start, count === -1 ? undefined : start + count);
  };
  const incrBy = (k: string, f: string, by: number): number => {
    const h = hashes.get(k) ?? hashes.set(k, new Map()).get(k)!;
    const next = (parseInt(h.get(f) ?? '0', 10) || 0) + by;
    h.set(f, String(next));
    return next;
  };
  const zadd = (k: string, score: number, value: unknown) => void zset(k).set(String(value), Number(score));

  const db = {
    // hashes: values come back as strings; with fields, a missing key is an object of nulls
    setObject: async (key: string, data: Record<string, unknown>) => {
      if (!key || !data) return;
      const h = hashes.get(key) ?? hashes.set(key, new Map()).get(key)!;
      for (const [f, v] of Object.entries(data)) if (v !== undefined && v !== null && f !== '') h.set(f, toStr(v));
    },
    setObjectField: async (key: string, field: string, value: unknown) => db.setObject(key, { [field]: value }),
    getObject: async (key: string) => hashObject(key),
    getObjects: async (keys: string[], fields: string[] = []) => db.getObjectsFields(keys, fields),
    getObjectField: async (key: string, field: string) => hashes.get(key)?.get(String(field)) ?? null,
    getObjectFields: async (key: string, fields: string[]) => (await db.getObjectsFields([key], fields))[0],
    getObjectsFields: async (keys: string[], fields: string[]) => keys.map((k) => {
      const o = hashObject(k);
      if (!fields?.length) return o;
      return Object.fromEntries(fields.map((f) => [f, o?.[f] ?? null]));
    }),
    isObjectField: async (key: string, field: string) => hashes.get(key)?.has(field) ?? false,
    deleteObjectField: async (key: string, field: string) => void hashes.get(key)?.delete(field),
    incrObjectField: async (key: string | string[], field: string) => (Array.isArray(key) ? key.map((k) => incrBy(k, field, 1)) : incrBy(key, field, 1)),
    decrObjectField: async (key: string | string[], field: string) => (Array.isArray(key) ? key.map((k) => incrBy(k, field, -1)) : incrBy(key, field, -1)),
    incrObjectFieldBy: async (key: string, field: string, by: number) => incrBy(key, field, Number(by)),

    // sorted sets: members come back as strings, scores as numbers, a missing score as null
    sortedSetAdd: async (key: string, score: number | number[], value: unknown) => {
      if (Array.isArray(score)) (value as unknown[]).forEach((v, i) => zadd(key, score[i], v));
      else zadd(key, score, value);
    },
    sortedSetsAdd: async (keys: string[], score: number, value: unknown) => keys.forEach((k) => zadd(k, score, value)),
    sortedSetAddBulk: async (items: [string, number, unknown][]) => items.forEach(([k, s, v]) => zadd(k, s, v)),
    sortedSetRemove: async (key: string | string[], value: unknown) => {
      for (const k of Array.isArray(key) ? key : [key]) for (const v of Array.isArray(value) ? value : [value]) zsets.get(k)?.delete(String(v));
    },
    sortedSetsRemove: async (keys: string[], value: unknown) => keys.forEach((k) => zsets.get(k)?.delete(String(value))),
    sortedSetScore: async (key: string, value: unknown) => zsets.get(key)?.get(String(value)) ?? null,
    sortedSetScores: async (key: string, values: unknown[]) => values.map((v) => zsets.get(key)?.get(String(v)) ?? null),
    isSortedSetMember: async (key: string, value: unknown) => zsets.get(key)?.has(String(value)) ?? false,
    isSortedSetMembers: async (key: string, values: unknown[]) => values.map((v) => zsets.get(key)?.has(String(v)) ?? false),
    isMemberOfSortedSets: async (keys: string[], value: unknown) => keys.map((k) => zsets.get(k)?.has(String(value)) ?? false),
    getSortedSetRange: async (key: string, start: number, stop: number) => range(sortedAsc(key), start, stop).map(([v]) => v),
    getSortedSetRevRange: async (key: string, start: number, stop: number) => range(sortedAsc(key).reverse(), start, stop).map(([v]) => v),
    getSortedSetMembers: async (key: string) => sortedAsc(key).map(([v]) => v),
    getSortedSetsMembers: async (keys: string[]) => keys.map((k) => sortedAsc(k).map(([v]) => v)),
    getSortedSetRangeByScore: async (key: string, start: number, count: number, min: unknown, max: unknown) => byScore(key, false, start, count, min, max).map(([v]) => v),
    getSortedSetRangeByScoreWithScores: async (key: string, start: number, count: number, min: unknown, max: unknown) => byScore(key, false, start, count, min, max).map(([value, score]) => ({ value, score })),
    sortedSetCard: async (key: string) => zsets.get(key)?.size ?? 0,

    setAdd: async (key: string, value: unknown) => { for (const v of Array.isArray(value) ? value : [value]) set(key).add(String(v)); },
    setsAdd: async (keys: string[], value: unknown) => keys.forEach((k) => set(k).add(String(value))),
    setRemove: async (key: string | string[], value: unknown) => { for (const k of Array.isArray(key) ? key : [key]) sets.get(k)?.delete(String(value)); },
    isSetMember: async (key: string, value: unknown) => sets.get(key)?.has(String(value)) ?? false,
    isSetMembers: async (key: string, values: unknown[]) => values.map((v) => sets.get(key)?.has(String(v)) ?? false),
    getSetMembers: async (key: string) => [...(sets.get(key) ?? [])],

    exists: async (key: string | string[]) => {
      const one = (k: string) => Boolean(hashes.get(k)?.size || zsets.get(k)?.size || sets.get(k)?.size);
      return Array.isArray(key) ? key.map(one) : one(key);
    },
    delete: async (key: string) => { hashes.delete(key); zsets.delete(key); sets.delete(key); },
    deleteAll: async (keys: string[]) => { for (const k of keys) await db.delete(k); },
    parseIntFields,
  };
  return db;
}

export interface SeedUser {
  uid: number;
  username: string;
  /** NodeBB's `postcount` (0 when not given). */
  postcount?: number;
  email?: string;
  /** `email:confirmed`; false leaves the address unconfirmed, as NodeBB does until the member clicks the link. */
  confirmed?: boolean;
  /** banned until (ms); 0 for a permanent ban */
  bannedUntil?: number;
  picture?: string;
  birthday?: string;
  joindate?: number;
  fullname?: string;
  /** user:{uid}:settings */
  settings?: Record<string, string>;
  groups?: string[];
}

export interface NodebbOptions {
  /** meta.config on top of NodeBB's defaults (src/install/data/defaults.json) */
  config?: Record<string, unknown>;
  /** Emailer.registerApp has run (the web process); `send` throws before it. */
  emailerReady?: boolean;
  /** Date.now() for the modules (bans, rate limits). */
  now?: () => number;
}

export type NodebbStubs = ReturnType<typeof createNodebbStubs>;

export function createNodebbStubs(options: NodebbOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const db = redisDatabase();
  const config: Record<string, Loose> = {
    defaultLang: 'en-GB', disableChat: 0, maximumChatMessageLength: 1000, chatMessageDelay: 2000,
    newbieChatMessageDelay: 120000, newbieReputationThreshold: 3, 'reputation:disabled': 0,
    includeUnverifiedEmails: 0, sendEmailToBanned: 0, hideFullname: 0, showFullnameAsDisplayName: 0,
    maximumGroupNameLength: 255,
    ...options.config,
  };
  const sentEmails: { template: string; email: string; language: string; params: Record<string, unknown> }[] = [];
  const pushes: Promise<void>[] = [];
  const log: { level: string; message: string }[] = [];

  // ---------------------------------------------------------------------------------------------
  // src/groups (index.js, data.js, membership.js, user.js, join.js, leave.js, create.js)
  // ---------------------------------------------------------------------------------------------
  const isPrivilegeGroupRegex = /^cid:(?:-?\d+|admin):privileges:[\w\-:]+$/;
  const groupIntFields = ['createtime', 'memberCount', 'hidden', 'system', 'private', 'userTitleEnabled', 'disableJoinRequests', 'disableLeave'];
  const slugify = (s: string) => s.toLowerCase().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_-]/gu, '');
  const isMemberOfEphemeralGroup = (uid: unknown, name: string) => (name === 'guests' && parseInt(String(uid), 10) === 0) || (name === 'spiders' && parseInt(String(uid), 10) === -1);
  const groups = {
    BANNED_USERS: 'banned-users',
    ephemeralGroups: ['guests', 'spiders', 'fediverse'],
    systemGroups: ['registered-users', 'verified-users', 'unverified-users', 'banned-users', 'administrators', 'Global Moderators'],
    isPrivilegeGroup: (name: string) => isPrivilegeGroupRegex.test(name),
    getEphemeralGroup: (name: string) => ({ name, slug: slugify(name), description: '', hidden: 0, system: 1 }),
    /** names newest first (a per-process cache in NodeBB) */
    getAllGroupNames: async (set: string) => db.getSortedSetRevRange(set, 0, -1),
    getGroupsFields: async (names: string[], fields: string[]) => {
      if (!Array.isArray(names) || !names.length) return [];
      const data = (await db.getObjects(names.map((n) => `group:${n}`), fields)) as (Record<string, unknown> | null)[];
      names.forEach((n, i) => { if (groups.ephemeralGroups.includes(n)) data[i] = groups.getEphemeralGroup(n); });
      const has = (f: string) => !fields.length || fields.includes(f);
      for (const g of data) {
        if (!g) continue;
        if (has('private')) g.private = g.private === null || g.private === undefined ? 1 : g.private;
        parseIntFields(g, groupIntFields, fields);
        if (has('name')) g.displayName = String(g.name);
        if (has('slug') && g.name && !g.slug) g.slug = slugify(String(g.name));
      }
      return data;
    },
    getGroupsData: async (names: string[]) => groups.getGroupsFields(names, []),
    getGroupData: async (name: string) => (await groups.getGroupsData([name]))[0] ?? null,
    getMembers: async (name: string, start: number, stop: number) => db.getSortedSetRevRange(`group:${name}:members`, start, stop),
    isMember: async (uid: unknown, name: string) => {
      if (!uid || parseInt(String(uid), 10) <= 0 || !name) return isMemberOfEphemeralGroup(uid, name);
      return db.isSortedSetMember(`group:${name}:members`, uid);
    },
    isMembers: async (uids: unknown[], name: string) => {
      if (!name || !uids.length) return uids.map(() => false);
      if (name === 'guests' || name === 'spiders') return uids.map((u) => isMemberOfEphemeralGroup(u, name));
      return db.isSortedSetMembers(`group:${name}:members`, uids);
    },
    isMemberOfGroups: async (uid: unknown, names: string[]) => {
      if (!uid || parseInt(String(uid), 10) <= 0 || !names.length) return names.map((n) => isMemberOfEphemeralGroup(uid, n));
      return db.isMemberOfSortedSets(names.map((n) => `group:${n}:members`), uid);
    },
    isMemberOfAny: async (uid: unknown, names: string[]) => {
      if (!Array.isArray(names) || !names.length) return false;
      return (await groups.isMemberOfGroups(uid, names)).includes(true);
    },
    /** a privilege group list (`cid:1:privileges:groups:read`): its members are group names */
    isMemberOfGroupList: async (uid: unknown, listKey: string) => {
      const names = (await db.getSortedSetRange(`group:${listKey}:members`, 0, -1)).filter((n) => !groups.ephemeralGroups.includes(n));
      return names.length > 0 && (await groups.isMemberOfGroups(uid, names)).includes(true);
    },
    /** every group in `set` (privilege groups included), one array per uid, newest group first */
    getUserGroupMembership: async (set: string, uids: unknown[]) => {
      const names = await db.getSortedSetRevRange(set, 0, -1);
      return Promise.all(uids.map(async (uid) => {
        const isMembers = await groups.isMemberOfGroups(uid, names);
        return names.filter((_, i) => isMembers[i]);
      }));
    },
    exists: async (name: string | string[]) => {
      if (Array.isArray(name)) {
        const real = await db.isSortedSetMembers('groups:createtime', name);
        return name.map((n, i) => real[i] || groups.ephemeralGroups.includes(slugify(n)));
      }
      return (await db.isSortedSetMember('groups:createtime', name)) || groups.ephemeralGroups.includes(slugify(name));
    },
    validateGroupName: (name: unknown) => {
      if (!name) throw new Error('[[error:group-name-too-short]]');
      if (typeof name !== 'string') throw new Error('[[error:invalid-group-name]]');
      if (name === 'guests' || (!groups.isPrivilegeGroup(name) && name.includes(':'))) throw new Error('[[error:invalid-group-name]]');
      if (name.includes('/') || !slugify(name)) throw new Error('[[error:invalid-group-name]]');
    },
    create: async (data: { name: string; hidden?: number; system?: number; private?: number; timestamp?: number }) => {
      groups.validateGroupName(data.name);
      if (await db.isSortedSetMember('groups:createtime', data.name)) throw new Error('[[error:group-already-exists]]');
      const isSystem = Number(data.system) === 1 || groups.systemGroups.includes(data.name) || groups.isPrivilegeGroup(data.name);
      const hidden = Number(data.hidden) === 1 ? 1 : 0;
      const createtime = data.timestamp ?? now();
      await db.sortedSetAdd('groups:createtime', createtime, data.name);
      await db.setObject(`group:${data.name}`, {
        name: data.name, slug: slugify(data.name), createtime, userTitle: data.name, description: '', memberCount: 0,
        hidden, system: isSystem ? 1 : 0, private: data.private === undefined ? 1 : Number(data.private) === 1 ? 1 : 0,
      });
      if (!hidden && !isSystem) await db.sortedSetAdd('groups:visible:createtime', createtime, data.name);
      return groups.getGroupData(data.name);
    },
    join: async (groupNames: string | string[], uid: unknown) => {
      if (!groupNames) throw new Error('[[error:invalid-data]]');
      if (Array.isArray(groupNames) && !groupNames.length) return;
      const names = Array.isArray(groupNames) ? groupNames : [groupNames];
      if (!uid) throw new Error('[[error:invalid-uid]]');
      const [isMembers, exists] = await Promise.all([groups.isMemberOfGroups(uid, names), groups.exists(names) as Promise<boolean[]>]);
      const toJoin = names.filter((_, i) => !isMembers[i]);
      if (!toJoin.length) return;
      for (const n of names.filter((n, i) => n && !exists[i])) {
        try {
          await groups.create({ name: n, hidden: 1 });
        } catch (err) {
          if ((err as Error).message !== '[[error:group-already-exists]]') throw err;
        }
      }
      await db.sortedSetsAdd(toJoin.map((n) => `group:${n}:members`), now(), uid);
      await db.incrObjectField(toJoin.map((n) => `group:${n}`), 'memberCount');
    },
    leave: async (groupNames: string | string[], uid: unknown) => {
      if (Array.isArray(groupNames) && !groupNames.length) return;
      const names = Array.isArray(groupNames) ? groupNames : [groupNames];
      const isMembers = await groups.isMemberOfGroups(uid, names);
      const toLeave = names.filter((_, i) => isMembers[i]);
      if (!toLeave.length) return;
      await db.sortedSetRemove(toLeave.map((n) => `group:${n}:members`), uid);
      await db.decrObjectField(toLeave.map((n) => `group:${n}`), 'memberCount');
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/privileges (users.js, global.js, categories.js, topics.js, helpers.js)
  // ---------------------------------------------------------------------------------------------
  /** helpers.isAllowedTo for one uid: `cid:{cid}:privileges:{priv}` (members: uids) or a group of `…:groups:{priv}` */
  const isAllowedTo = async (privilege: string, uid: unknown, cid: unknown): Promise<boolean> => {
    if (await db.isSetMember(`cid:${cid}:privilegeMask`, privilege)) return false;
    if (parseInt(String(uid), 10) <= 0) {
      const system = parseInt(String(uid), 10) === 0 ? 'guests' : 'spiders';
      return db.isSortedSetMember(`group:cid:${cid}:privileges:groups:${privilege}:members`, system);
    }
    const [user, group] = await Promise.all([
      db.isSortedSetMember(`group:cid:${cid}:privileges:${privilege}:members`, uid),
      groups.isMemberOfGroupList(uid, `cid:${cid}:privileges:groups:${privilege}`),
    ]);
    return user || group;
  };
  const privileges = {
    users: {
      isAdministrator: async (uid: unknown) => (Array.isArray(uid) ? groups.isMembers(uid, 'administrators') : groups.isMember(uid, 'administrators')),
      isGlobalModerator: async (uid: unknown) => (Array.isArray(uid) ? groups.isMembers(uid, 'Global Moderators') : groups.isMember(uid, 'Global Moderators')),
      /** (uid, cid): one boolean; (uid, cids[]): one per cid; (uids[], cid): one per uid */
      isModerator: async (uid: unknown, cid: unknown): Promise<boolean | boolean[]> => {
        if (Array.isArray(cid)) {
          if (parseInt(String(uid), 10) <= 0) return cid.map(() => false);
          if (await privileges.users.isGlobalModerator(uid)) return cid.map(() => true);
          return Promise.all(cid.map((c) => isAllowedTo('moderate', uid, c)));
        }
        if (Array.isArray(uid)) {
          const gmods = (await privileges.users.isGlobalModerator(uid)) as boolean[];
          return Promise.all(uid.map(async (u, i) => gmods[i] || (await isAllowedTo('moderate', u, cid))));
        }
        return ((await privileges.users.isModerator(uid, [cid])) as boolean[])[0];
      },
    },
    global: {
      can: async (privilege: string | string[], uid: unknown) => {
        const isAdmin = await privileges.users.isAdministrator(uid);
        const list = Array.isArray(privilege) ? privilege : [privilege];
        const allowed = await Promise.all(list.map((p) => isAllowedTo(p, uid, 0)));
        return Array.isArray(privilege) ? allowed.map((a) => Boolean(isAdmin) || a) : Boolean(isAdmin) || allowed[0];
      },
    },
    categories: {
      /** note the order: (cid, uid) */
      isAdminOrMod: async (cid: unknown, uid: unknown) => {
        if (parseInt(String(uid), 10) <= 0) return false;
        const [isAdmin, isMod] = await Promise.all([privileges.users.isAdministrator(uid), privileges.users.isModerator(uid, cid)]);
        return Boolean(isAdmin || isMod);
      },
      can: async (privilege: string, cid: unknown, uid: unknown) => {
        if (!Number.isInteger(cid) && typeof cid !== 'string') return false;
        const [disabled, isAdmin, allowed] = await Promise.all([
          db.getObjectField(`category:${cid}`, 'disabled'), privileges.users.isAdministrator(uid), isAllowedTo(privilege, uid, cid),
        ]);
        return !Number(disabled) && Boolean(allowed || isAdmin);
      },
      /** (privilege, cids, uid): the cids the member may, in their order, without duplicates */
      filterCids: async (privilege: string, cids: number[], uid: unknown) => {
        if (!Array.isArray(cids) || !cids.length) return [];
        const unique = uniq(cids);
        const [data, isAdmin] = await Promise.all([categories.getCategoriesFields(unique, ['disabled']), privileges.users.isAdministrator(uid)]);
        const allowed = await Promise.all(unique.map((c) => isAllowedTo(privilege, uid, c)));
        return unique.filter((c, i) => Boolean(c) && !data[i]?.disabled && (allowed[i] || isAdmin));
      },
    },
    topics: {
      can: async (privilege: string, tid: unknown, uid: unknown) => privileges.categories.can(privilege, await topics.getTopicField(tid, 'cid'), uid),
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/user (index.js, data.js, settings.js, blocks.js, bans.js)
  // ---------------------------------------------------------------------------------------------
  const userIntFields = ['uid', 'postcount', 'topiccount', 'reputation', 'profileviews', 'banned', 'banned:expire', 'email:confirmed', 'joindate', 'lastonline', 'lastqueuetime', 'lastposttime', 'followingCount', 'followerCount', 'blocksCount', 'passwordExpiry', 'muted', 'mutedUntil', 'flags'];
  const guestData = { uid: 0, username: '[[global:guest]]', displayname: '[[global:guest]]', userslug: '', fullname: '[[global:guest]]', email: '', 'icon:text': '?', 'icon:bgColor': '#aaa', groupTitle: '', status: 'offline', reputation: 0, 'email:confirmed': 0 };
  const user = {
    guestData,
    getUsersFields: async (uidsIn: unknown[], fieldsIn: string[]) => {
      if (!Array.isArray(uidsIn) || !uidsIn.length) return [];
      const uids = uidsIn.map((u) => (isNumber(u) ? parseInt(String(u), 10) : 0));
      const fields = fieldsIn.slice();
      const fieldsToRemove: string[] = [];
      if (fields.length && !fields.includes('uid')) fields.push('uid');
      for (const [key, needs] of Object.entries({ picture: 'uploadedpicture', banned: 'banned:expire', 'banned:expire': 'banned', username: 'fullname' })) {
        if (fields.includes(key) && !fields.includes(needs)) { fields.push(needs); fieldsToRemove.push(needs); }
      }
      const uniqueUids = uniq(uids).filter((u) => u > 0);
      const users = (await db.getObjectsFields(uniqueUids.map((u) => `user:${u}`), fields.filter((f) => f !== 'password'))) as Record<string, Loose>[];
      users.forEach((u, i) => {
        if (!u.uid) u.oldUid = uniqueUids[i];
        parseIntFields(u, userIntFields, fields);
        if ('username' in u) u.username = String(u.username || '');
        if ('email' in u) u.email = String(u.email || '');
        if (!u.uid) Object.assign(u, guestData);
        // hideFullname off and showFullnameAsDisplayName off (the defaults): displayname is the username
        if (!fields.length || fields.includes('fullname')) u.displayname = String(u.username || '');
        if ('banned' in u && 'banned:expire' in u) {
          const expired = u['banned:expire'] <= now() && u['banned:expire'] !== 0;
          u.banned = Boolean(u.banned) && !expired;
        }
        for (const f of fieldsToRemove) u[f] = undefined;
      });
      const byUid = new Map(uniqueUids.map((u, i) => [u, users[i]]));
      return uids.map((uid) => {
        const u = byUid.get(uid) ?? { ...guestData };
        if (!parseInt(String(u.uid), 10)) {
          u.username = u.oldUid ? '[[global:former-user]]' : '[[global:guest]]';
          u.displayname = u.username;
        }
        return u;
      });
    },
    getUserFields: async (uid: unknown, fields: string[]) => (await user.getUsersFields([uid], fields))[0] ?? null,
    getUserField: async (uid: unknown, field: string) => {
      const u = await user.getUserFields(uid, [field]);
      return u && field in u ? u[field] : null;
    },
    getSettings: async (uid: unknown) => {
      const settings: Record<string, Loose> = parseInt(String(uid), 10) <= 0 ? {} : { ...((await db.getObject(`user:${uid}:settings`)) ?? {}), uid: parseInt(String(uid), 10) };
      settings.userLang = settings.userLang || config.defaultLang || 'en-GB';
      settings.disableIncomingChats = parseInt(settings.disableIncomingChats ?? '0', 10) === 1;
      for (const list of ['chatAllowList', 'chatDenyList']) settings[list] = (JSON.parse(settings[list] || '[]') as unknown[]).map(String);
      return settings;
    },
    getMultipleUserSettings: async (uids: unknown[]): Promise<Record<string, Loose>[]> => Promise.all(uids.map(async (uid) => ({ ...(await user.getSettings(uid)), uid }))),
    /** a score: a number, or null for an unknown name; 0 for an empty one */
    getUidByUsername: async (username: string) => (username ? db.sortedSetScore('username:uid', username) : 0),
    getUidByUserslug: async (userslug: string) => {
      if (!userslug) return 0;
      // a remote handle: ActivityPub asserts the actor (network), then `handle:uid` holds its id (a URL)
      if (userslug.includes('@')) return (await db.getObjectField('handle:uid', userslug.toLowerCase())) || null;
      return db.sortedSetScore('userslug:uid', userslug);
    },
    exists: async (uids: unknown) => {
      const results = await db.isSortedSetMembers('users:joindate', Array.isArray(uids) ? uids : [uids]);
      return Array.isArray(uids) ? results : results[0];
    },
    isAdministrator: async (uid: unknown) => privileges.users.isAdministrator(uid),
    isGlobalModerator: async (uid: unknown) => privileges.users.isGlobalModerator(uid),
    isModerator: async (uid: unknown, cid: unknown) => privileges.users.isModerator(uid, cid),
    getModeratedCids: async (uid: unknown) => {
      if (parseInt(String(uid), 10) <= 0) return [];
      const cids = (await db.getSortedSetRange('categories:cid', 0, -1)).map(Number);
      const isMods = (await privileges.users.isModerator(uid, cids)) as boolean[];
      return cids.filter((c, i) => c && isMods[i]);
    },
    isModeratorOfAnyCategory: async (uid: unknown) => (await user.getModeratedCids(uid)).length > 0,
    isPrivileged: async (uid: unknown) => {
      const [a, g, m] = await Promise.all([user.isAdministrator(uid), user.isGlobalModerator(uid), user.isModeratorOfAnyCategory(uid)]);
      return Boolean(a || g || m);
    },
    blocks: {
      is: async (targetUid: unknown, uids: unknown) => {
        const list = Array.isArray(uids) ? uids : [uids];
        const blocked = await Promise.all(list.map((u) => db.isSortedSetMember(`uid:${u}:blocked_uids`, targetUid)));
        return Array.isArray(uids) ? blocked : blocked[0];
      },
      filterUids: async (targetUid: unknown, uids: unknown[]) => {
        const blocked = (await user.blocks.is(targetUid, uids)) as boolean[];
        return uids.filter((_, i) => !blocked[i]);
      },
    },
    checkMuted: async () => undefined,
  };

  // ---------------------------------------------------------------------------------------------
  // src/posts/data.js + category.js, src/topics/data.js + create.js (reply), src/categories/data.js
  // ---------------------------------------------------------------------------------------------
  const postIntFields = ['uid', 'pid', 'tid', 'deleted', 'timestamp', 'upvotes', 'downvotes', 'deleterUid', 'edited', 'replies', 'bookmarks', 'announces', 'flagId'];
  const topicIntFields = ['tid', 'cid', 'uid', 'mainPid', 'postcount', 'viewcount', 'postercount', 'followercount', 'deleted', 'locked', 'pinned', 'pinExpiry', 'timestamp', 'upvotes', 'downvotes', 'lastposttime', 'deleterUid', 'generatedTitle'];
  const categoryIntFields = ['cid', 'parentCid', 'disabled', 'isSection', 'order', 'topic_count', 'post_count', 'numRecentReplies', 'minTags', 'maxTags', 'postQueue', 'subCategoriesPerPage'];
  const posts = {
    /** a missing post is an object of zeros and nulls ({pid: 0, …}) when fields are named, not null */
    getPostsFields: async (pids: unknown[], fields: string[]) => {
      if (!Array.isArray(pids) || !pids.length) return [];
      const data = (await db.getObjects(pids.map((p) => `post:${p}`), fields)) as (Record<string, unknown> | null)[];
      for (const p of data) {
        if (!p) continue;
        // uid: a remote (ActivityPub) author's is a URL and stays a string
        parseIntFields(p, postIntFields, fields);
      }
      return data;
    },
    getPostField: async (pid: unknown, field: string) => {
      const [p] = await posts.getPostsFields([pid], [field]);
      return p && field in p ? p[field] : null;
    },
    getCidByPid: async (pid: unknown) => topics.getTopicField(await posts.getPostField(pid, 'tid'), 'cid'),
  };
  const topics = {
    getTopicsFields: async (tids: unknown[], fieldsIn: string[]) => {
      if (!Array.isArray(tids) || !tids.length) return [];
      const fields = fieldsIn; // NodeBB pushes 'timestamp' onto the caller's array for 'scheduled'
      if (fields.includes('scheduled') && !fields.includes('timestamp')) fields.push('timestamp');
      const data = (await db.getObjects(tids.map((t) => `topic:${t}`), fields)) as (Record<string, Loose> | null)[];
      const has = (f: string) => !fields.length || fields.includes(f);
      for (const t of data) {
        if (!t) continue;
        parseIntFields(t, topicIntFields, fields);
        if (has('title')) t.title = String(t.title);
        if (has('timestamp') && has('scheduled')) t.scheduled = t.timestamp > now();
      }
      return data;
    },
    getTopicField: async (tid: unknown, field: string) => {
      const [t] = await topics.getTopicsFields([tid], [field]);
      return t && field in t ? t[field] : null;
    },
    getTopicData: async (tid: unknown) => (await topics.getTopicsFields([tid], []))[0] ?? null,
    /** src/topics/create.js: canReply's refusals, then the new post (its pid a number) */
    reply: async (data: { tid: unknown; uid: unknown; content: unknown }) => {
      const topic = await topics.getTopicData(data.tid);
      if (!topic) throw new Error('[[error:no-topic]]');
      const [canReply, isAdminOrMod, isAdmin] = await Promise.all([
        privileges.topics.can('topics:reply', data.tid, data.uid), privileges.categories.isAdminOrMod(topic.cid, data.uid), privileges.users.isAdministrator(data.uid),
      ]);
      if (Number(topic.locked) && !isAdminOrMod) throw new Error('[[error:topic-locked]]');
      if (Number(topic.deleted) && !isAdminOrMod) throw new Error('[[error:topic-deleted]]');
      if (!canReply) throw new Error('[[error:no-privileges]]');
      const content = String(data.content || '').trimEnd();
      if (!isAdmin && content.length < 8) throw new Error('[[error:content-too-short, 8]]');
      const pid = (await db.incrObjectField('global', 'nextPid')) as number;
      const timestamp = now();
      await db.setObject(`post:${pid}`, { pid, uid: data.uid, tid: data.tid, content, timestamp });
      await db.sortedSetAdd('posts:pid', timestamp, pid);
      return { pid, uid: data.uid, tid: data.tid, content, timestamp, topic: { tid: topic.tid, cid: topic.cid } };
    },
  };
  const categories = {
    getCategoriesFields: async (cidsIn: unknown[], fields: string[]) => {
      if (!Array.isArray(cidsIn) || !cidsIn.length) return [];
      const cids = cidsIn.map((c) => (isNumber(c) ? parseInt(String(c), 10) : c));
      const data = (await db.getObjects(cids.map((c) => (isNumber(c) ? `category:${c}` : `categoryRemote:${c}`)), fields)) as (Record<string, unknown> | null)[];
      for (const c of data) if (c) parseIntFields(c, categoryIntFields, fields);
      return data;
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/messaging (index.js, rooms.js, create.js, notifications.js) and src/api/chats.js
  // ---------------------------------------------------------------------------------------------
  const roomIntFields = ['roomId', 'timestamp', 'userCount', 'messageCount', 'joinLeaveMessages', 'notificationSetting'];
  const messaging = {
    notificationSettings: Object.assign(Object.create(null) as Record<string, number>, { NONE: 1, ATMENTION: 2, ALLMESSAGES: 3 }),
    getRoomData: async (roomId: unknown) => {
      const room = (await db.getObjects([`chat:room:${roomId}`]))[0] as Record<string, Loose> | null;
      if (room) {
        parseIntFields(room, roomIntFields, []);
        room.public = parseInt(room.public, 10) === 1;
        room.notificationSetting = room.notificationSetting || messaging.notificationSettings.ALLMESSAGES;
      }
      return room;
    },
    roomExists: async (roomId: unknown) => db.exists(`chat:room:${roomId}`),
    isUserInRoom: async (uid: unknown, roomIds: unknown) => {
      const ids = Array.isArray(roomIds) ? roomIds : [roomIds];
      const inRooms = await db.isMemberOfSortedSets(ids.map((id) => `chat:room:${id}:uids`), uid);
      return Array.isArray(roomIds) ? inRooms : inRooms[0];
    },
    isUsersInRoom: async (uids: unknown, roomId: unknown) => {
      const inRooms = await db.isSortedSetMembers(`chat:room:${roomId}:uids`, Array.isArray(uids) ? uids : [uids]);
      return Array.isArray(uids) ? inRooms : inRooms[0];
    },
    getUidsInRoom: async (roomId: unknown, start: number, stop: number) => db.getSortedSetRange(`chat:room:${roomId}:uids`, start, stop),
    /** the room's id, a number (db.incrObjectField); the creator and, for one other member, both own it */
    newRoom: async (uid: unknown, data: { uids: unknown[]; notificationSetting?: number }) => {
      const roomId = (await db.incrObjectField('global', 'nextChatRoomId')) as number;
      const t = now();
      await db.setObject(`chat:room:${roomId}`, { roomId, timestamp: t, notificationSetting: data.notificationSetting, messageCount: 0, joinLeaveMessages: 0 });
      await db.sortedSetAdd('chat:rooms', t, roomId);
      await db.sortedSetAddBulk([[`chat:room:${roomId}:uids`, t, uid], [`chat:room:${roomId}:uids:online`, t, uid]]);
      await messaging.addUsersToRoom(uid, data.uids, roomId);
      await db.sortedSetsAdd([uid, ...data.uids].map((u) => `uid:${u}:chat:rooms`), t, roomId);
      return roomId;
    },
    addUsersToRoom: async (uid: unknown, uids: unknown[], roomId: unknown) => {
      if (!(await messaging.isUserInRoom(uid, roomId))) throw new Error('[[error:cant-add-users-to-chat-room]]');
      for (const u of uniq(uids)) await db.sortedSetAddBulk([[`chat:room:${roomId}:uids`, now(), u], [`chat:room:${roomId}:uids:online`, now(), u]]);
    },
    leaveRoom: async (uids: unknown[], roomId: unknown) => {
      for (const u of uids) await db.sortedSetRemove([`chat:room:${roomId}:uids`, `chat:room:${roomId}:uids:online`], u);
    },
    checkContent: async (content: unknown) => {
      if (!content || !String(content).trim()) throw new Error('[[error:invalid-chat-message]]');
      if (String(content).trim().length > config.maximumChatMessageLength) throw new Error(`[[error:chat-message-too-long, ${config.maximumChatMessageLength}]]`);
    },
    /** stores without checking content, room membership or privileges (sendMessage and api.chats.post check) */
    addMessage: async (data: { uid: unknown; roomId: unknown; content: unknown; timestamp?: number }) => {
      const room = await messaging.getRoomData(data.roomId);
      if (!room) throw new Error('[[error:no-room]]');
      const mid = (await db.incrObjectField('global', 'nextMid')) as number;
      const timestamp = data.timestamp || now();
      await db.setObject(`message:${mid}`, { mid, content: String(data.content), timestamp, fromuid: data.uid, roomId: data.roomId });
      await db.sortedSetAdd(`chat:room:${data.roomId}:mids`, timestamp, mid);
      const uids = await user.blocks.filterUids(data.uid, await messaging.getUidsInRoom(data.roomId, 0, -1));
      await db.sortedSetsAdd(uids.map((u) => `uid:${u}:chat:rooms`), timestamp, data.roomId);
      await db.sortedSetsAdd(uids.filter((u) => u !== String(data.uid)).map((u) => `uid:${u}:chat:rooms:unread`), timestamp, data.roomId);
      return { mid, content: String(data.content), timestamp, fromuid: data.uid, roomId: data.roomId, self: 1, newSet: true };
    },
    sendMessage: async (data: { uid: unknown; roomId: unknown; content: unknown }) => {
      await messaging.checkContent(data.content);
      if (!(await messaging.isUserInRoom(data.uid, data.roomId))) throw new Error('[[error:not-allowed]]');
      return messaging.addMessage(data);
    },
    canMessageUser: async (uid: unknown, toUid: unknown) => {
      if (config.disableChat || Number(uid) <= 0) throw new Error('[[error:chat-disabled]]');
      if (parseInt(String(uid), 10) === parseInt(String(toUid), 10)) throw new Error('[[error:cant-chat-with-yourself]]');
      const [exists, isTargetPrivileged, [canChat, canChatWithPrivileged]] = await Promise.all([user.exists(toUid), user.isPrivileged(toUid), privileges.global.can(['chat', 'chat:privileged'], uid) as Promise<boolean[]>]);
      if (!exists) throw new Error('[[error:no-user]]');
      if (!canChat && !(canChatWithPrivileged && isTargetPrivileged)) throw new Error('[[error:no-privileges]]');
      const [settings, isAdmin, isMod, isBlocked] = await Promise.all([user.getSettings(toUid), user.isAdministrator(uid), user.isModeratorOfAnyCategory(uid), user.blocks.is(uid, toUid)]);
      if (isBlocked) throw new Error('[[error:chat-user-blocked]]');
      if (!isAdmin && !isMod && settings.disableIncomingChats) throw new Error('[[error:chat-restricted]]');
    },
    /** errors are caught and logged inside (src/messaging/notifications.js) */
    notifyUsersInRoom: async (fromUid: unknown, roomId: unknown, message: unknown) => {
      try {
        if (!message) throw new TypeError("Cannot read properties of null (reading 'system')");
        const uids = (await messaging.getUidsInRoom(roomId, 0, -1)).filter((u) => u !== String(fromUid));
        if (!uids.length) return;
        const n = await notifications.create({ type: 'new-chat', bodyShort: `[[notifications:new-message-from, ${String(fromUid)}]]`, nid: `chat_${roomId}_${fromUid}_${now()}`, mergeId: `new-chat|${roomId}`, from: fromUid, roomId, path: `/chats/${roomId}` });
        await notifications.push(n, uids);
      } catch (err) {
        log.push({ level: 'error', message: `[messaging/notifications] Unable to send notification\n${(err as Error).stack}` });
      }
    },
  };

  /** src/api/chats.js: the caller's session holds the rate limiter's last times */
  async function rateLimitExceeded(caller: { uid: number; session?: Record<string, number>; request?: { session: Record<string, number> } }, field: string) {
    const session = (caller.request ? caller.request.session : caller.session) as Record<string, number>;
    const t = now();
    const isPrivileged = await user.isPrivileged(caller.uid);
    const reputation = Number(await user.getUserField(caller.uid, 'reputation'));
    const delay = !isPrivileged && config.newbieReputationThreshold > reputation ? config.newbieChatMessageDelay : config.chatMessageDelay;
    session[field] = session[field] || 0; // a TypeError without a session
    if (t - session[field] < delay) return true;
    session[field] = t;
    return false;
  }
  const api = {
    chats: {
      create: async (caller: { uid: number; session?: Record<string, number> }, data: { uids: unknown[] }) => {
        if (await rateLimitExceeded(caller, 'lastChatRoomCreateTime')) throw new Error('[[error:too-many-messages]]');
        if (!data || !Array.isArray(data.uids)) throw new Error('[[error:invalid-data]]');
        if (!data.uids.length) throw new Error('[[error:no-users-selected]]');
        await Promise.all(data.uids.map((u) => messaging.canMessageUser(caller.uid, u)));
        const roomId = await messaging.newRoom(caller.uid, { ...data, notificationSetting: messaging.notificationSettings.ALLMESSAGES });
        return messaging.getRoomData(roomId);
      },
      post: async (caller: { uid: number; session?: Record<string, number> }, data: { roomId: unknown; message: unknown }) => {
        if (!data || !isNumber(data.roomId) || !caller.uid) throw new Error('[[error:invalid-data]]');
        if (!(await messaging.isUserInRoom(caller.uid, data.roomId))) throw new Error('[[error:not-in-room]]');
        await messaging.checkContent(data.message);
        if (await rateLimitExceeded(caller, 'lastChatMessageTime')) throw new Error('[[error:too-many-messages]]');
        const message = await messaging.addMessage({ uid: caller.uid, roomId: data.roomId, content: data.message, timestamp: now() });
        void messaging.notifyUsersInRoom(caller.uid, data.roomId, message);
        return message;
      },
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/notifications.js
  // ---------------------------------------------------------------------------------------------
  const notifications = {
    /** throws without a nid; null when the nid's notification has the same pid and a higher importance */
    create: async (data: Record<string, Loose>) => {
      if (!data.nid) throw new Error('[[error:no-notification-id]]');
      data.importance = data.importance || 5;
      const old = await db.getObject(`notifications:${data.nid}`);
      if (old && String(old.pid) === String(data.pid) && parseInt(old.importance, 10) > parseInt(data.importance, 10)) return null;
      const t = now();
      data.datetime = t;
      await db.sortedSetAdd('notifications', t, data.nid);
      await db.setObject(`notifications:${data.nid}`, data);
      return data;
    },
    /**
     * Returns at once; delivery runs later (a 500 ms timer and batches in NodeBB), after the members
     * who blocked `from` are filtered out and each member's `notificationType_{type}` setting read.
     */
    push: async (notification: Record<string, Loose> | null, uidsIn: unknown) => {
      if (!notification || !notification.nid) return;
      const uids = Array.isArray(uidsIn) ? uniq(uidsIn) : [uidsIn];
      if (!uids.length) return;
      pushes.push(new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        const allowed = await user.blocks.filterUids(notification.from, uids);
        const settings = await user.getMultipleUserSettings(allowed);
        const toNotify = settings.filter((s) => ['notification', 'notificationemail'].includes(s[`notificationType_${notification.type}`] || 'notification')).map((s) => s.uid);
        await db.sortedSetsAdd(toNotify.map((u) => `uid:${u}:notifications:unread`), notification.datetime, notification.nid);
        await db.sortedSetsRemove(toNotify.map((u) => `uid:${u}:notifications:read`), notification.nid);
      }).catch((err: Error) => void log.push({ level: 'error', message: String(err.stack) })));
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/emailer.js (send)
  // ---------------------------------------------------------------------------------------------
  const emailer = {
    /** skips, silently, a member without an address, an unconfirmed one, a banned one */
    send: async (template: string, uid: unknown, paramsIn: Record<string, unknown>) => {
      if (options.emailerReady === false) throw new Error('[emailer] App not ready!');
      const userData = (await user.getUserFields(uid, ['email', 'username', 'email:confirmed', 'banned'])) as Record<string, Loose>;
      if (['welcome', 'verify-email', 'registration_accepted'].includes(template)) userData.email = paramsIn.email;
      if (userData.banned && !config.sendEmailToBanned && template !== 'banned') return;
      if (!userData.email) return;
      const allowedTpls = ['verify-email', 'welcome', 'registration_accepted', 'reset', 'reset_notify'];
      if (!config.includeUnverifiedEmails && !userData['email:confirmed'] && !allowedTpls.includes(template)) return;
      const settings = await user.getSettings(uid);
      const params = { ...paramsIn, uid, username: userData.username };
      sentEmails.push({ template, email: String(userData.email), language: settings.userLang || config.defaultLang || 'en-GB', params });
    },
  };

  // ---------------------------------------------------------------------------------------------
  // src/meta (config, settings), winston, nconf
  // ---------------------------------------------------------------------------------------------
  const meta = {
    config,
    settings: {
      get: async (hash: string) => (await db.getObject(`settings:${hash}`)) ?? {},
      set: async (hash: string, values: Record<string, unknown>) => db.setObject(`settings:${hash}`, values),
    },
  };
  const winston = {
    info: (m: string) => void log.push({ level: 'info', message: m }),
    warn: (m: string) => void log.push({ level: 'warn', message: m }),
    error: (m: string) => void log.push({ level: 'error', message: m }),
  };
  const nconf = { get: (k: string) => ({ relative_path: '', url: 'http://forum.test' } as Record<string, string>)[k] };

  const modules: Record<string, Loose> = {
    './src/database': db, './src/user': user, './src/groups': groups, './src/privileges': privileges,
    './src/posts': posts, './src/topics': topics, './src/categories': categories, './src/messaging': messaging,
    './src/api': api, './src/notifications': notifications, './src/emailer': emailer, './src/meta': meta,
    winston, nconf,
  };
  spyAll(modules);

  /** Writes the data NodeBB would have (user:{uid}, the username/userslug indexes, users:joindate, group members). */
  const seed = {
    async user(u: SeedUser) {
      const joindate = u.joindate ?? 1_700_000_000_000 + u.uid;
      await db.setObject(`user:${u.uid}`, {
        uid: u.uid, username: u.username, userslug: slugify(u.username), joindate, email: u.email, 'email:confirmed': u.confirmed === false ? 0 : u.email ? 1 : 0,
        banned: u.bannedUntil === undefined ? 0 : 1, 'banned:expire': u.bannedUntil ?? 0, picture: u.picture ?? '', birthday: u.birthday, fullname: u.fullname, reputation: 0, postcount: u.postcount ?? 0,
      });
      await db.sortedSetAdd('users:joindate', joindate, u.uid);
      await db.sortedSetAdd('username:uid', u.uid, u.username);
      await db.sortedSetAdd('userslug:uid', u.uid, slugify(u.username));
      if (u.settings) await db.setObject(`user:${u.uid}:settings`, u.settings);
      for (const g of ['registered-users', ...(u.groups ?? [])]) await seed.member(g, u.uid);
    },
    async group(name: string, extra: { hidden?: number; system?: number; private?: number } = {}) {
      if (!(await db.isSortedSetMember('groups:createtime', name))) await groups.create({ name, ...extra });
    },
    async member(name: string, uid: number) {
      await seed.group(name);
      await db.sortedSetAdd(`group:${name}:members`, now(), uid);
      await db.incrObjectField(`group:${name}`, 'memberCount');
    },
    /** categories:cid is scored by the category's `order` (src/categories/create.js), not by its cid */
    async category(cid: number, data: { name: string; parentCid?: number; disabled?: number; order?: number }) {
      const order = data.order ?? cid;
      await db.setObject(`category:${cid}`, { cid, name: data.name, slug: `${cid}/${slugify(data.name)}`, parentCid: data.parentCid ?? 0, disabled: data.disabled ?? 0, order });
      await db.sortedSetAdd('categories:cid', order, cid);
    },
    /** a user-level privilege (`cid:{cid}:privileges:{priv}` has the uid) or a group's (`…:groups:{priv}` has the group) */
    async grant(cid: number, privilege: string, to: { uid?: number; group?: string }) {
      if (to.uid !== undefined) await seed.member(`cid:${cid}:privileges:${privilege}`, to.uid);
      if (to.group !== undefined) {
        await seed.group(`cid:${cid}:privileges:groups:${privilege}`);
        await db.sortedSetAdd(`group:cid:${cid}:privileges:groups:${privilege}:members`, now(), to.group);
      }
    },
    async topic(t: { tid: number; cid: number; uid: number; title: string; timestamp?: number; deleted?: number; locked?: number }) {
      const timestamp = t.timestamp ?? now();
      await db.setObject(`topic:${t.tid}`, { tid: t.tid, cid: t.cid, uid: t.uid, mainPid: 0, title: t.title, slug: `${t.tid}/${slugify(t.title)}`, timestamp, deleted: t.deleted ?? 0, locked: t.locked ?? 0 });
    },
    async post(p: { pid: number; tid: number; uid: number | string; content: string; timestamp?: number; deleted?: number }) {
      const timestamp = p.timestamp ?? now();
      await db.setObject(`post:${p.pid}`, { pid: p.pid, tid: p.tid, uid: p.uid, content: p.content, timestamp, deleted: p.deleted ?? 0 });
      await db.sortedSetAdd('posts:pid', timestamp, p.pid);
      if (!(await db.getObjectField(`topic:${p.tid}`, 'mainPid')) || (await db.getObjectField(`topic:${p.tid}`, 'mainPid')) === '0') await db.setObjectField(`topic:${p.tid}`, 'mainPid', p.pid);
    },
  };

  return {
    modules,
    db,
    config,
    seed,
    sentEmails,
    log,
    /** the loader for setModuleLoader: an unknown module is a test failure, not a silent undefined */
    load: (path: string): unknown => {
      if (!(path in modules)) throw new Error(`unexpected NodeBB module ${path}`);
      return modules[path];
    },
    /** waits for notifications.push's delayed deliveries (and for pushes not awaited by their caller) */
    async deliveries(): Promise<void> {
      do {
        await new Promise((resolve) => setImmediate(resolve));
        while (pushes.length) await pushes.shift();
      } while (pushes.length);
    },
  };
}

/** Every function of the modules (nested objects included) becomes a sinon spy calling through. */
function spyAll(obj: Record<string, Loose>, seen = new Set<unknown>()): void {
  if (seen.has(obj)) return;
  seen.add(obj);
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'function' && k !== 'parseIntFields') obj[k] = sinon.spy(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) spyAll(v, seen);
  }
}
