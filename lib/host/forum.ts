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
  /** The member's post count (NodeBB's `postcount`); a host that does not know it leaves it out. */
  postcount?: number;
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
  /**
   * Calls `fn` in every process of the forum once the hash has been saved (NodeBB: pubsub
   * `action:settings.set.{hash}`, published by `meta.settings.set` after clearing its own cache, the
   * way NodeBB's `Settings` class for plugins listens). A host without it is read on every call.
   */
  onChange?(hash: string, fn: () => void): void;
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
  /**
   * Real time passing, to let an operation under way in another process show itself (the ledger's
   * reconcile waits this long before it trusts a difference between counters and journal). NodeBB:
   * a timer; the fake hosts, whose "processes" share one event loop, wait a few milliseconds only.
   */
  pause(ms: number): Promise<void>;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}
