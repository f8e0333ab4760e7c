import type {
  CategorySummary, Content, GroupSummary, Groups, PostSummary, Privileges, TopicSummary, UserSummary, Users,
} from '../../lib/host/index';

/** Fires NodeBB hooks the way NodeBB does; provided by the fake host. */
export interface HookBus {
  /** action hooks: not awaited by the caller (NodeBB does not await them) */
  action(name: string, payload: unknown): void;
  /** static hooks: awaited */
  static(name: string, payload: unknown): Promise<void>;
}

interface FakeUser extends UserSummary { language: string; password: string; emailConfirmed: boolean }

/**
 * NodeBB's slug rule (public/src/modules/slugify.js): letters of any script kept (a Cyrillic name
 * keeps its Cyrillic slug), lower-cased, anything else but digits, `-_@.` becomes a dash.
 */
export function slugify(text: string): string {
  const trimmed = text.trim();
  const latin = /^[\w\d\s.,\-@]+$/.test(trimmed);
  return trimmed.replace(latin ? /[^\w\s\d\-_@.]/g : /[^\p{L}\s\d\-_@.]/gu, '-').toLocaleLowerCase()
    .replace(/\s+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}
interface FakePost extends PostSummary { content: string; rawUid: number | string }

const SYSTEM_GROUPS = ['administrators', 'Global Moderators', 'registered-users', 'verified-users', 'unverified-users', 'banned-users'];

/**
 * A small forum in memory with NodeBB's semantics: users, groups (system and custom), categories,
 * topics, posts, bans. Every action fires the hooks NodeBB fires, with NodeBB's payload shapes.
 */
export class FakeForum {
  readonly users = new Map<number, FakeUser>();
  readonly groups = new Map<string, { name: string; system: boolean; hidden: boolean; members: Set<number> }>();
  readonly categories = new Map<number, CategorySummary & { moderators: Set<number> }>();
  readonly topics = new Map<number, TopicSummary>();
  readonly posts = new Map<number, FakePost>();
  /**
   * The forum's uploads by address (`/assets/uploads/files/…`), as NodeBB's upload route writes them
   * under its upload folder: what the plugin's `Files.read` finds. Nothing else is an upload.
   */
  readonly uploads = new Map<string, Buffer>();
  private ids = { uid: 0, cid: 0, tid: 0, pid: 0 };

  constructor(private readonly bus: HookBus, private readonly now: () => number) {
    for (const name of SYSTEM_GROUPS) this.groups.set(name, { name, system: true, hidden: false, members: new Set() });
  }

  /** NodeBB's user search by username: a case-insensitive prefix, in username order, 50 at most (its page). */
  searchUsers(query: string): { uid: number; username: string; userslug: string; displayname: string; picture: string | null; banned: boolean }[] {
    const q = query.toLowerCase();
    return [...this.users.values()].filter((u) => u.username.toLowerCase().startsWith(q))
      .sort((a, b) => a.username.toLowerCase().localeCompare(b.username.toLowerCase())).slice(0, 50)
      .map((u) => ({ uid: u.uid, username: u.username, userslug: u.userslug, displayname: u.displayname, picture: u.picture, banned: u.banned }));
  }

  // --- actions ---

  /** A member's upload (NodeBB's /api/post/upload): its address. */
  upload(name: string, content: Buffer | string): string {
    const url = `/assets/uploads/files/${name}`;
    this.uploads.set(url, Buffer.isBuffer(content) ? content : Buffer.from(content));
    return url;
  }

  createGroup(name: string, options: { system?: boolean; hidden?: boolean } = {}): void {
    if (!this.groups.has(name)) this.groups.set(name, { name, system: Boolean(options.system), hidden: Boolean(options.hidden), members: new Set() });
  }

  /**
   * `emailConfirmed: false` as for a member who never clicked NodeBB's confirmation link (no e-mails reach them).
   * `uid`: a given one (a harness's fixed members); the next ones follow the highest.
   */
  createUser(input: { username: string; uid?: number; groups?: string[]; birthday?: string; language?: string; email?: string; emailConfirmed?: boolean; password?: string }): number {
    if (input.uid !== undefined && (!Number.isSafeInteger(input.uid) || input.uid <= 0 || this.users.has(input.uid))) throw new Error(`uid ${input.uid} is taken or invalid`);
    const uid = input.uid ?? ++this.ids.uid;
    this.ids.uid = Math.max(this.ids.uid, uid);
    const slug = slugify(input.username);
    this.users.set(uid, {
      uid, username: input.username, userslug: slug, displayname: input.username, picture: null, birthday: input.birthday ?? '',
      banned: false, email: input.email ?? `${encodeURIComponent(slug)}@example.org`, emailConfirmed: input.emailConfirmed ?? true,
      joindate: this.now(), language: input.language ?? 'en-GB', password: input.password ?? 'password',
    });
    this.bus.action('action:user.create', { user: { uid, birthday: input.birthday ?? '' }, data: { username: input.username } });
    this.joinGroup(uid, 'registered-users');
    for (const g of input.groups ?? []) this.joinGroup(uid, g);
    return uid;
  }

  joinGroup(uid: number, name: string): void {
    this.createGroup(name);
    const group = this.groups.get(name)!;
    if (group.members.has(uid)) return;
    group.members.add(uid);
    this.bus.action('action:group.join', { groupNames: [name], uid });
  }

  leaveGroup(uid: number, name: string): void {
    const group = this.groups.get(name);
    if (!group?.members.delete(uid)) return;
    this.bus.action('action:group.leave', { groupNames: [name], uid });
  }

  updateProfile(uid: number, data: { birthday?: string; language?: string }): void {
    const user = this.mustUser(uid);
    const oldData = { uid, birthday: user.birthday };
    if (data.birthday !== undefined) user.birthday = data.birthday;
    if (data.language !== undefined) user.language = data.language;
    this.bus.action('action:user.updateProfile', { uid, data: { uid, ...data }, fields: Object.keys(data), oldData });
  }

  createCategory(name: string, options: { moderators?: number[] } = {}): number {
    const cid = ++this.ids.cid;
    this.categories.set(cid, { cid, name, slug: `${cid}/${slugify(name)}`, parentCid: 0, disabled: false, moderators: new Set(options.moderators ?? []) });
    return cid;
  }

  /** `tid`: a given one (a topic a test's settings name); the next ones follow the highest. */
  createTopic(uid: number | string, cid: number, title: string, content: string, options: { scheduled?: boolean; tid?: number } = {}): { tid: number; pid: number } {
    if (!this.categories.has(cid)) throw new Error(`no category ${cid}`);
    if (options.tid !== undefined && (!Number.isSafeInteger(options.tid) || options.tid <= 0 || this.topics.has(options.tid))) throw new Error(`tid ${options.tid} is taken or invalid`);
    const tid = options.tid ?? ++this.ids.tid;
    this.ids.tid = Math.max(this.ids.tid, tid);
    const pid = ++this.ids.pid;
    // NodeBB schedules a topic by dating it in the future (topics/create.js: scheduled = timestamp > now)
    const timestamp = options.scheduled ? this.now() + 86_400_000 : this.now();
    const numericUid = typeof uid === 'number' ? uid : -1;
    this.topics.set(tid, { tid, cid, uid: numericUid, mainPid: pid, title, slug: `${tid}/${slugify(title)}`, deleted: false, scheduled: Boolean(options.scheduled), timestamp });
    this.posts.set(pid, { pid, uid: numericUid, rawUid: uid, tid, timestamp, deleted: false, content });
    const post = { pid, uid, tid, cid, timestamp, isMain: true, ...(typeof uid === 'string' ? { _activitypub: {} } : {}) };
    this.bus.action('action:post.save', { post });
    this.bus.action('action:topic.post', { topic: { tid, cid, uid, mainPid: pid, scheduled: Boolean(options.scheduled), timestamp }, post, data: { title, content } });
    return { tid, pid };
  }

  reply(uid: number | string, tid: number, content: string): number {
    const topic = this.mustTopic(tid);
    const pid = ++this.ids.pid;
    const timestamp = this.now();
    const numericUid = typeof uid === 'number' ? uid : -1;
    this.posts.set(pid, { pid, uid: numericUid, rawUid: uid, tid, timestamp, deleted: false, content });
    const post = { pid, uid, tid, cid: topic.cid, timestamp, isMain: false, ...(typeof uid === 'string' ? { _activitypub: {} } : {}) };
    this.bus.action('action:post.save', { post });
    this.bus.action('action:topic.reply', { post, data: { content } });
    return pid;
  }

  private postPayload(pid: number) {
    const p = this.mustPost(pid);
    return { pid, uid: p.rawUid, tid: p.tid, cid: this.topics.get(p.tid)?.cid, timestamp: p.timestamp };
  }

  deletePost(pid: number, byUid: number): void {
    this.mustPost(pid).deleted = true;
    this.bus.action('action:post.delete', { post: this.postPayload(pid), uid: byUid });
  }

  restorePost(pid: number, byUid: number): void {
    this.mustPost(pid).deleted = false;
    this.bus.action('action:post.restore', { post: this.postPayload(pid), uid: byUid });
  }

  /** Batched like NodeBB (up to 500 a call). */
  purgePosts(pids: number[], byUid: number): void {
    const posts = pids.map((pid) => this.postPayload(pid));
    for (const pid of pids) this.posts.delete(pid);
    for (let i = 0; i < posts.length; i += 500) this.bus.action('action:posts.purge', { posts: posts.slice(i, i + 500), uid: byUid });
  }

  /** Does not fire post.delete for the topic's posts, as NodeBB does not. */
  deleteTopic(tid: number, byUid: number): void {
    const t = this.mustTopic(tid);
    t.deleted = true;
    this.bus.action('action:topic.delete', { topic: { ...t }, uid: byUid });
  }

  restoreTopic(tid: number, byUid: number): void {
    const t = this.mustTopic(tid);
    t.deleted = false;
    this.bus.action('action:topic.restore', { topic: { ...t }, uid: byUid });
  }

  /** Purges the posts first (action:posts.purge), then the topic. */
  purgeTopic(tid: number, byUid: number): void {
    const t = this.mustTopic(tid);
    this.purgePosts([...this.posts.values()].filter((p) => p.tid === tid).map((p) => p.pid), byUid);
    this.topics.delete(tid);
    this.bus.action('action:topics.purge', { topics: [{ ...t }], uid: byUid });
  }

  moveTopic(tid: number, toCid: number, byUid: number): void {
    const t = this.mustTopic(tid);
    const fromCid = t.cid;
    t.cid = toCid;
    this.bus.action('action:topic.move', { tid, fromCid, toCid, uid: byUid });
  }

  /** Like NodeBB: the member leaves the system groups for banned-users (group hooks), then the ban hook. */
  ban(uid: number, options: { byUid: number; reason?: string; until?: number }): void {
    const user = this.mustUser(uid);
    user.banned = true;
    for (const name of ['registered-users', 'verified-users', 'unverified-users']) this.leaveGroup(uid, name);
    this.joinGroup(uid, 'banned-users');
    // As src/api/users.js sends it: no `until` for a permanent ban, and NodeBB's own text when the
    // moderator gave no reason.
    this.bus.action('action:user.banned', {
      callerUid: options.byUid, ip: '127.0.0.1', uid,
      until: options.until && options.until > 0 ? options.until : undefined,
      reason: options.reason || 'No reason given.',
    });
  }

  unban(uid: number, byUid: number): void {
    this.mustUser(uid).banned = false;
    this.leaveGroup(uid, 'banned-users');
    this.joinGroup(uid, 'registered-users');
    this.bus.action('action:user.unbanned', { callerUid: byUid, ip: '127.0.0.1', uid });
  }

  async deleteUser(uid: number): Promise<void> {
    await this.bus.static('static:user.delete', { uid });
    this.users.delete(uid);
    for (const g of this.groups.values()) g.members.delete(uid);
  }

  // --- lookups ---

  mustUser(uid: number): FakeUser {
    const u = this.users.get(uid);
    if (!u) throw new Error(`no user ${uid}`);
    return u;
  }

  mustTopic(tid: number): TopicSummary {
    const t = this.topics.get(tid);
    if (!t) throw new Error(`no topic ${tid}`);
    return t;
  }

  mustPost(pid: number): FakePost {
    const p = this.posts.get(pid);
    if (!p) throw new Error(`no post ${pid}`);
    return p;
  }

  isMember(uid: number, name: string): boolean {
    return this.groups.get(name)?.members.has(uid) ?? false;
  }

  // --- Host ports ---

  usersPort(): Users {
    const summary = (u: FakeUser | undefined): UserSummary | null => {
      if (!u) return null;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { language, password, emailConfirmed, ...rest } = u;
      return { ...rest };
    };
    return {
      // `postcount` is counted when read (NodeBB keeps it on the user; here it is the posts' count now,
      // so tests that change posts in place see it follow): a caller that reads only `banned` — the
      // settlement job, 100 000 posts in the bench — does not scan every post for every post.
      getUsers: async (uids) => uids.map((uid) => {
        const u = summary(this.users.get(uid));
        if (!u) return u;
        const posts = this.posts;
        return Object.defineProperty({ ...u }, 'postcount', { enumerable: true, get: () => [...posts.values()].filter((p) => p.uid === uid && !p.deleted).length });
      }),
      getUidByUsername: async (name) => [...this.users.values()].find((u) => u.username === name)?.uid ?? null,
      getUidByUserslug: async (slug) => [...this.users.values()].find((u) => u.userslug === slug)?.uid ?? null,
      getLanguage: async (uid) => this.users.get(uid)?.language ?? 'en-GB',
      exists: async (uid) => this.users.has(uid),
      getUidsByJoinDate: async (start, stop) => [...this.users.values()].sort((a, b) => a.joindate - b.joindate || a.uid - b.uid).map((u) => u.uid).slice(start, stop < 0 ? undefined : stop + 1),
      count: async () => this.users.size,
    };
  }

  groupsPort(): Groups {
    return {
      list: async () => [...this.groups.values()].filter((g) => !['registered-users', 'verified-users', 'unverified-users'].includes(g.name))
        .map((g): GroupSummary => ({ name: g.name, slug: slugify(g.name), memberCount: g.members.size, system: g.system, hidden: g.hidden, private: false })),
      getUserGroupNames: async (uids) => uids.map((uid) => [...this.groups.values()].filter((g) => g.members.has(uid)).map((g) => g.name)),
      isMember: async (uid, name) => this.isMember(uid, name),
      isMemberOfAny: async (uid, names) => names.some((n) => this.isMember(uid, n)),
      getMembers: async (name, start, stop) => [...(this.groups.get(name)?.members ?? [])].slice(start, stop < 0 ? undefined : stop + 1),
      // As NodeBB's groups.join/leave (src/groups/join.js): a missing group is created hidden.
      join: async (name, uid) => {
        if (!name) throw new Error('[[error:invalid-data]]');
        if (!uid) throw new Error('[[error:invalid-uid]]');
        if (!this.groups.has(name)) this.createGroup(name, { hidden: true });
        this.joinGroup(uid, name);
      },
      leave: async (name, uid) => { this.leaveGroup(uid, name); },
    };
  }

  privilegesPort(): Privileges {
    const admin = (uid: number) => this.isMember(uid, 'administrators');
    const globalMod = (uid: number) => this.isMember(uid, 'Global Moderators');
    return {
      isAdmin: async (uid) => admin(uid),
      isGlobalModerator: async (uid) => globalMod(uid),
      canModeratePost: async (uid, pid) => {
        const cid = this.topics.get(this.posts.get(pid)?.tid ?? -1)?.cid;
        return admin(uid) || globalMod(uid) || (cid !== undefined && Boolean(this.categories.get(cid)?.moderators.has(uid)));
      },
      isModeratorAnywhere: async (uid) => admin(uid) || globalMod(uid) || [...this.categories.values()].some((c) => c.moderators.has(uid)),
    };
  }

  contentPort(): Content {
    return {
      getPosts: async (pids) => pids.map((pid) => {
        const p = this.posts.get(pid);
        return p ? { pid: p.pid, uid: p.uid, tid: p.tid, timestamp: p.timestamp, deleted: p.deleted } : null;
      }),
      getTopics: async (tids) => tids.map((tid) => (this.topics.has(tid) ? { ...this.topics.get(tid)! } : null)),
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      getCategories: async () => [...this.categories.values()].map(({ moderators, ...c }) => ({ ...c })),
      getPostsByTime: async (since, until, limit) => [...this.posts.values()].filter((p) => p.timestamp >= since && p.timestamp <= until)
        .sort((a, b) => a.timestamp - b.timestamp || a.pid - b.pid).slice(0, limit).map((p) => ({ pid: p.pid, timestamp: p.timestamp })),
      getPostTexts: async (pids) => pids.map((pid) => this.posts.get(pid)?.content ?? null),
      reply: async (tid, uid, content) => this.reply(uid, tid, content),
      postPath: (pid) => `/post/${pid}`,
    };
  }
}
