/**
 * The Host port: everything the plugin needs from a forum, and nothing more.
 *
 * lib/nodebb/ implements it with NodeBB's modules; test/host/ implements it in memory with NodeBB's
 * semantics (the fake host used by tests and by `npm start`). No other code knows which one runs.
 */

// ---------------------------------------------------------------------------------------------
// Database: the subset of NodeBB's database API the plugin uses (src/database/*).
// Semantics are Redis's: hash values and set members read back as strings, numbers must be parsed
// at the store boundary. Hash reads may be served from a per-process cache in a real forum, so a
// money decision must never rest on them; decide on the return value of an atomic increment.
// ---------------------------------------------------------------------------------------------

export type HashValue = string | number;
export type StoredHash = Record<string, string>;

export interface ScoredValue {
  value: string;
  score: number;
}

export interface Database {
  // hashes
  setObject(key: string, data: Record<string, HashValue>): Promise<void>;
  setObjectField(key: string, field: string, value: HashValue): Promise<void>;
  getObject(key: string): Promise<StoredHash | null>;
  getObjects(keys: string[]): Promise<(StoredHash | null)[]>;
  getObjectField(key: string, field: string): Promise<string | null>;
  getObjectFields(key: string, fields: string[]): Promise<Record<string, string | null>>;
  getObjectsFields(keys: string[], fields: string[]): Promise<Record<string, string | null>[]>;
  getObjectKeys(key: string): Promise<string[]>;
  isObjectField(key: string, field: string): Promise<boolean>;
  deleteObjectField(key: string, field: string): Promise<void>;
  deleteObjectFields(key: string, fields: string[]): Promise<void>;
  /** Atomic; returns the new value. */
  incrObjectField(key: string, field: string): Promise<number>;
  /** Atomic; returns the new value. */
  decrObjectField(key: string, field: string): Promise<number>;
  /** Atomic; integers only; returns the new value. */
  incrObjectFieldBy(key: string, field: string, by: number): Promise<number>;

  // sorted sets (ordered by score, then by value lexicographically, as Redis orders them)
  sortedSetAdd(key: string, score: number, value: string | number): Promise<void>;
  sortedSetAddBulk(items: [key: string, score: number, value: string | number][]): Promise<void>;
  sortedSetRemove(key: string, value: string | number): Promise<void>;
  sortedSetsRemove(keys: string[], value: string | number): Promise<void>;
  sortedSetsRemoveRangeByScore(keys: string[], min: number | '-inf', max: number | '+inf'): Promise<void>;
  /** Inclusive indices; negative indices count from the end (stop -1 = last). */
  getSortedSetRange(key: string, start: number, stop: number): Promise<string[]>;
  getSortedSetRevRange(key: string, start: number, stop: number): Promise<string[]>;
  getSortedSetRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]>;
  getSortedSetRevRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]>;
  /** count -1 = no limit. */
  getSortedSetRangeByScore(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<string[]>;
  getSortedSetRevRangeByScore(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<string[]>;
  getSortedSetRangeByScoreWithScores(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<ScoredValue[]>;
  getSortedSetRevRangeByScoreWithScores(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<ScoredValue[]>;
  sortedSetScore(key: string, value: string | number): Promise<number | null>;
  sortedSetScores(key: string, values: (string | number)[]): Promise<(number | null)[]>;
  sortedSetCard(key: string): Promise<number>;
  sortedSetCount(key: string, min: number | '-inf', max: number | '+inf'): Promise<number>;
  /** Atomic; returns the new score. */
  sortedSetIncrBy(key: string, increment: number, value: string | number): Promise<number>;
  isSortedSetMember(key: string, value: string | number): Promise<boolean>;

  // sets
  setAdd(key: string, value: string | number | (string | number)[]): Promise<void>;
  setRemove(key: string, value: string | number | (string | number)[]): Promise<void>;
  isSetMember(key: string, value: string | number): Promise<boolean>;
  getSetMembers(key: string): Promise<string[]>;
  setCount(key: string): Promise<number>;

  // keys
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  deleteAll(keys: string[]): Promise<void>;
  /** Atomic counter on a plain key; returns the new value. */
  increment(key: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Forum entities, as the plugin sees them
// ---------------------------------------------------------------------------------------------

export interface UserSummary {
  uid: number;
  username: string;
  userslug: string;
  displayname: string;
  picture: string | null;
  /** Free text as stored by NodeBB (`YYYY-MM-DD` in current themes, `MM/DD/YYYY` in old data). */
  birthday: string;
  banned: boolean;
  email?: string;
  joindate: number;
}

export interface PostSummary {
  pid: number;
  uid: number;
  tid: number;
  timestamp: number;
  deleted: boolean;
}

export interface TopicSummary {
  tid: number;
  cid: number;
  uid: number;
  mainPid: number;
  title: string;
  slug: string;
  deleted: boolean;
  scheduled: boolean;
  timestamp: number;
}

export interface CategorySummary {
  cid: number;
  name: string;
  slug: string;
  parentCid: number;
  disabled: boolean;
}

export interface GroupSummary {
  name: string;
  slug: string;
  memberCount: number;
  system: boolean;
  hidden: boolean;
  private: boolean;
}

export interface Users {
  getUsers(uids: number[]): Promise<(UserSummary | null)[]>;
  getUidByUsername(username: string): Promise<number | null>;
  getUidByUserslug(userslug: string): Promise<number | null>;
  /** The member's interface language (their setting, else the forum default). */
  getLanguage(uid: number): Promise<string>;
  exists(uid: number): Promise<boolean>;
  /** Members by join date, for batch scans: uids in [start, stop]. */
  getUidsByJoinDate(start: number, stop: number): Promise<number[]>;
  count(): Promise<number>;
}

export interface Groups {
  list(): Promise<GroupSummary[]>;
  /** One array of group names per uid. */
  getUserGroupNames(uids: number[]): Promise<string[][]>;
  isMember(uid: number, groupName: string): Promise<boolean>;
  isMemberOfAny(uid: number, groupNames: string[]): Promise<boolean>;
  getMembers(groupName: string, start: number, stop: number): Promise<number[]>;
  /** NodeBB's `groups.join`: creates a missing group (hidden), refuses an empty name or uid 0. */
  join(groupName: string, uid: number): Promise<void>;
  /** NodeBB's `groups.leave`: nothing happens for a non-member. */
  leave(groupName: string, uid: number): Promise<void>;
}

export interface Privileges {
  isAdmin(uid: number): Promise<boolean>;
  isGlobalModerator(uid: number): Promise<boolean>;
  /** Admin, global moderator, or moderator of the post's category. */
  canModeratePost(uid: number, pid: number): Promise<boolean>;
  /** Admin, global moderator, or moderator of any category. */
  isModeratorAnywhere(uid: number): Promise<boolean>;
}

export interface Content {
  getPosts(pids: number[]): Promise<(PostSummary | null)[]>;
  getTopics(tids: number[]): Promise<(TopicSummary | null)[]>;
  getCategories(): Promise<CategorySummary[]>;
  /** The posts' raw text (markdown), null for a missing post. */
  getPostTexts(pids: number[]): Promise<(string | null)[]>;
  /** Posts created in [sinceMs, untilMs] (pid and creation time), oldest first, at most `limit`. */
  getPostsByTime(sinceMs: number, untilMs: number, limit: number): Promise<{ pid: number; timestamp: number }[]>;
  /** Posts a reply as the given user; returns the new pid. */
  reply(tid: number, uid: number, content: string): Promise<number>;
  /** Relative URL of a post (e.g. `/post/12`). */
  postPath(pid: number): string;
}

export interface Settings {
  /** NodeBB stores settings as strings (checkboxes `'on'`/`'off'`). */
  get(hash: string): Promise<Record<string, string>>;
  set(hash: string, values: Record<string, string>): Promise<void>;
}

export interface Notification {
  type: string;
  nid: string;
  bodyShort: string;
  bodyLong?: string;
  path: string;
  from?: number;
}

export interface Messaging {
  notify(notification: Notification, uids: number[]): Promise<void>;
  /** A personal message (chat) from one member to another. */
  sendPrivateMessage(fromUid: number, toUid: number, message: string): Promise<void>;
  /** Renders templates/emails/<template>.tpl for the member; skipped for unconfirmed e-mail. */
  sendEmail(template: string, uid: number, params: Record<string, unknown>): Promise<void>;
}

export interface Job {
  /** `bonus:<module>:<job>` (`bonus:earning:settle`), the name NodeBB's cron lists it under. */
  name: string;
  /** Cron syntax, minute resolution (`*\/5 * * * *`). */
  cronTime: string;
  onTick(): Promise<void>;
}

export interface Jobs {
  add(job: Job): void;
}

export interface Translator {
  /** Translates `[[ns:key, arg]]` tokens in text into the language. */
  translate(text: string, lang: string): Promise<string>;
  defaultLanguage(): Promise<string>;
}

export interface Clock {
  /** Milliseconds since the epoch. Never call Date.now() elsewhere. */
  now(): number;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

// ---------------------------------------------------------------------------------------------
// HTTP: the plugin declares routes; the host mounts them the NodeBB way.
// ---------------------------------------------------------------------------------------------

export interface RequestContext {
  uid: number;
  lang: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The forum's relative path (`''` or `/forum`), for links. */
  relativePath: string;
}

export interface ApiContext extends RequestContext {
  body: unknown;
}

export interface Breadcrumb {
  text: string;
  url?: string;
}

export type PageResult =
  | { kind: 'render'; template: string; title: string; data: Record<string, unknown>; breadcrumbs?: Breadcrumb[] }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

export type Access = 'public' | 'member' | 'admin';

export interface PageRoute {
  /** Path without the /api prefix; Express syntax (`/bonus/orders/:id`). */
  path: string;
  access: Access;
  handler(ctx: RequestContext): Promise<PageResult>;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Path below /api/v3/plugins (`/bonus/points/adjust`). */
  path: string;
  access: Access;
  handler(ctx: ApiContext): Promise<unknown>;
}

export interface Http {
  /** Called from `static:app.load` with its payload: page routes + `/api` JSON twins. */
  mountPages(payload: StaticAppLoad, routes: PageRoute[]): void;
  /** Called from `static:api.routes` with its payload: write API with NodeBB's envelope. */
  mountApi(payload: StaticApiRoutes, routes: ApiRoute[]): void;
}

export interface Host {
  db: Database;
  users: Users;
  groups: Groups;
  privileges: Privileges;
  content: Content;
  settings: Settings;
  messaging: Messaging;
  jobs: Jobs;
  translator: Translator;
  clock: Clock;
  log: Logger;
  http: Http;
}

// ---------------------------------------------------------------------------------------------
// Hook payloads (NODEBB.md), one named type per hook the plugin handles.
// Action hooks are not awaited by NodeBB; their handlers must be idempotent.
// ---------------------------------------------------------------------------------------------

/** A uid as NodeBB passes it: a number for local users, a URL string for federated ones. */
export type RawUid = number | string;

export interface Caller {
  uid: number;
}

export interface HookPost {
  pid: number | string;
  uid: RawUid;
  tid: number | string;
  cid?: number | string;
  timestamp?: number | string;
  isMain?: boolean;
  _activitypub?: unknown;
}

export interface HookTopic {
  tid: number | string;
  cid?: number | string;
  uid?: RawUid;
  mainPid?: number | string;
  scheduled?: boolean | number | string;
  timestamp?: number | string;
}

export interface ActionPostSave { post: HookPost; caller?: Caller }
export interface ActionTopicPost { topic: HookTopic; post: HookPost; data?: unknown }
export interface ActionTopicReply { post: HookPost; data?: unknown }
export interface ActionPostDelete { post: HookPost; uid: number }
export interface ActionPostRestore { post: HookPost; uid: number }
export interface ActionPostsPurge { posts: HookPost[]; uid: number }
export interface ActionTopicDelete { topic: HookTopic; uid: number }
export interface ActionTopicRestore { topic: HookTopic; uid: number }
export interface ActionTopicsPurge { topics: HookTopic[]; uid: number }
export interface ActionTopicMove { tid: number | string; fromCid: number | string; toCid: number | string; uid: number }
export interface ActionPostChangeOwner { posts: HookPost[]; toUid: number; caller?: Caller }
export interface ActionPostMove { post: HookPost; tid: number | string }
export interface ActionUserBanned { callerUid: number; ip?: string; uid: number; until?: number; reason?: string }
export interface ActionUserUnbanned { callerUid: number; ip?: string; uid: number }
export interface ActionGroupJoin { groupNames: string[]; uid: number }
export interface ActionGroupRename { old: string; new: string }
export interface ActionUserCreate { user: { uid: number; birthday?: string }; data?: Record<string, unknown> }
export interface StaticUserDelete { uid: number }
export interface ActionUserUpdateProfile { uid: number; data: Record<string, unknown>; fields: string[]; oldData: Record<string, unknown> }

/** Opaque to the plugin: only lib/nodebb (or the fake host) looks inside. */
export interface StaticAppLoad { app: unknown; router: unknown; middleware: unknown; controllers: unknown }
export interface StaticApiRoutes { router: unknown; middleware: unknown; helpers: unknown }

export interface NavigationItem {
  route: string;
  title: string;
  enabled: boolean;
  iconClass: string;
  textClass: string;
  text: string;
}
export type FilterNavigationAvailable = NavigationItem[];

export interface AdminHeaderPlugin { route: string; icon: string; name: string }
export interface FilterAdminHeaderBuild { plugins: AdminHeaderPlugin[]; [key: string]: unknown }

export interface ProfileMenuLink {
  id: string;
  route: string;
  icon: string;
  name: string;
  visibility?: { self?: boolean; other?: boolean; moderator?: boolean; globalMod?: boolean; admin?: boolean; canViewInfo?: boolean };
}
export interface FilterUserProfileMenu { uid: number; callerUID: number; links: ProfileMenuLink[] }

/**
 * NodeBB's plugins.hooks.fire adds `caller` (its async-local request store) to every object payload
 * fired while serving a request: the reader's uid and request. Absent for jobs and startup.
 */
export interface HookCaller { uid?: number | string; req?: unknown }
/** One entry under a member's name in posts: themes (Harmony) render `.content` as HTML. */
export interface CustomProfileInfo { content: string }
/** Fired per author by Posts.getUserInfoForPosts; `uid` is the author (a string for remote authors). */
export interface FilterPostsCustomProfileInfo { profile: CustomProfileInfo[]; uid: number | string; caller?: HookCaller }

export interface PostTool { action: string; html: string; icon: string }
export interface FilterPostTools { pid: number; post: unknown; uid: number; tools: PostTool[] }

export interface FilterUserNotificationTypes { types: string[]; privilegedTypes: string[] }
