import type { Content, GroupSummary, Groups, Privileges, UserSummary, Users } from '../host/index';
import { nb } from './require';

const USER_FIELDS = ['uid', 'username', 'userslug', 'displayname', 'picture', 'birthday', 'banned', 'email', 'joindate', 'postcount'];

function toUser(u: Record<string, unknown> | null | undefined): UserSummary | null {
  if (!u || !(Number(u.uid) > 0)) return null;
  return {
    uid: Number(u.uid),
    username: String(u.username ?? ''),
    userslug: String(u.userslug ?? ''),
    displayname: String(u.displayname ?? u.username ?? ''),
    picture: u.picture ? String(u.picture) : null,
    birthday: String(u.birthday ?? ''),
    banned: Boolean(Number(u.banned ?? 0)),
    email: u.email ? String(u.email) : undefined,
    joindate: Number(u.joindate ?? 0),
    postcount: Number(u.postcount ?? 0),
  };
}

export function nodebbUsers(): Users {
  const user = () => nb('./src/user');
  const meta = () => nb('./src/meta');
  return {
    getUsers: async (uids) => ((await user().getUsersFields(uids, USER_FIELDS)) as Record<string, unknown>[]).map(toUser),
    getUidByUsername: async (name) => Number(await user().getUidByUsername(name)) || null,
    getUidByUserslug: async (slug) => Number(await user().getUidByUserslug(slug)) || null,
    async getLanguage(uid) {
      const fallback = String(meta().config.defaultLang || 'en-GB');
      if (!(uid > 0)) return fallback;
      const settings = await user().getSettings(uid);
      return String(settings?.userLang || fallback);
    },
    exists: async (uid) => Boolean(await user().exists(uid)),
    getUidsByJoinDate: async (start, stop) => ((await nb('./src/database').getSortedSetRange('users:joindate', start, stop)) as unknown[]).map(Number),
    count: async () => Number(await nb('./src/database').sortedSetCard('users:joindate')),
  };
}

export function nodebbGroups(): Groups {
  const groups = () => nb('./src/groups');
  return {
    async list() {
      const names = (await groups().getAllGroupNames('groups:createtime')) as string[];
      const visible = names.filter((n) => !groups().isPrivilegeGroup(n) && !groups().ephemeralGroups.includes(n));
      const data = (await groups().getGroupsData(visible)) as Record<string, unknown>[];
      return data.filter(Boolean).map((g): GroupSummary => ({
        name: String(g.name),
        slug: String(g.slug),
        memberCount: Number(g.memberCount ?? 0),
        system: Boolean(Number(g.system ?? 0)),
        hidden: Boolean(Number(g.hidden ?? 0)),
        private: Boolean(Number(g.private ?? 0)),
      }));
    },
    getUserGroupNames: async (uids) => (await groups().getUserGroupMembership('groups:createtime', uids)) as string[][],
    isMember: async (uid, name) => Boolean(await groups().isMember(uid, name)),
    isMemberOfAny: async (uid, names) => Boolean(await groups().isMemberOfAny(uid, names)),
    getMembers: async (name, start, stop) => ((await groups().getMembers(name, start, stop)) as unknown[]).map(Number),
    join: async (name, uid) => { await groups().join(name, uid); },
    leave: async (name, uid) => { await groups().leave(name, uid); },
  };
}

export function nodebbPrivileges(): Privileges {
  const user = () => nb('./src/user');
  return {
    isAdmin: async (uid) => uid > 0 && Boolean(await user().isAdministrator(uid)),
    isGlobalModerator: async (uid) => uid > 0 && Boolean(await user().isGlobalModerator(uid)),
    async canModeratePost(uid, pid) {
      if (!(uid > 0)) return false;
      const cid = await nb('./src/posts').getCidByPid(pid);
      const [admin, globalMod, mod] = await Promise.all([user().isAdministrator(uid), user().isGlobalModerator(uid), cid ? user().isModerator(uid, cid) : false]);
      return Boolean(admin || globalMod || mod);
    },
    async isModeratorAnywhere(uid) {
      if (!(uid > 0)) return false;
      const [admin, globalMod, mod] = await Promise.all([user().isAdministrator(uid), user().isGlobalModerator(uid), user().isModeratorOfAnyCategory(uid)]);
      return Boolean(admin || globalMod || mod);
    },
  };
}

/** NodeBB keeps a remote (ActivityPub) author's uid a URL: -1, never a member. */
const authorUid = (uid: unknown): number => (typeof uid === 'number' || /^\d+$/.test(String(uid)) ? Number(uid) : -1);

export function nodebbContent(): Content {
  return {
    async getPosts(pids) {
      const posts = (await nb('./src/posts').getPostsFields(pids, ['pid', 'uid', 'tid', 'timestamp', 'deleted'])) as Record<string, unknown>[];
      return posts.map((p) => (p && Number(p.pid) > 0
        ? { pid: Number(p.pid), uid: authorUid(p.uid), tid: Number(p.tid), timestamp: Number(p.timestamp), deleted: Boolean(Number(p.deleted ?? 0)) }
        : null));
    },
    async getTopics(tids) {
      const topics = (await nb('./src/topics').getTopicsFields(tids, ['tid', 'cid', 'uid', 'mainPid', 'title', 'slug', 'deleted', 'scheduled', 'timestamp'])) as Record<string, unknown>[];
      return topics.map((t) => (t && Number(t.tid) > 0
        ? { tid: Number(t.tid), cid: Number(t.cid), uid: authorUid(t.uid), mainPid: Number(t.mainPid), title: String(t.title ?? ''), slug: String(t.slug ?? ''), deleted: Boolean(Number(t.deleted ?? 0)), scheduled: Boolean(Number(t.scheduled ?? 0)), timestamp: Number(t.timestamp) }
        : null));
    },
    async getCategories() {
      const cids = ((await nb('./src/database').getSortedSetRange('categories:cid', 0, -1)) as unknown[]).map(Number);
      const cats = (await nb('./src/categories').getCategoriesFields(cids, ['cid', 'name', 'slug', 'parentCid', 'disabled'])) as Record<string, unknown>[];
      return cats.filter(Boolean).map((c) => ({ cid: Number(c.cid), name: String(c.name ?? ''), slug: String(c.slug ?? ''), parentCid: Number(c.parentCid ?? 0), disabled: Boolean(Number(c.disabled ?? 0)) }));
    },
    async getPostTexts(pids) {
      const posts = (await nb('./src/posts').getPostsFields(pids, ['pid', 'content'])) as Record<string, unknown>[];
      return posts.map((p) => (p && Number(p.pid) > 0 ? String(p.content ?? '') : null));
    },
    getPostsByTime: async (since, until, limit) => ((await nb('./src/database').getSortedSetRangeByScoreWithScores('posts:pid', 0, limit, since, until)) as { value: unknown; score: unknown }[])
      .map((r) => ({ pid: Number(r.value), timestamp: Number(r.score) })),
    async reply(tid, uid, content) {
      const post = await nb('./src/topics').reply({ tid, uid, content });
      return Number(post.pid);
    },
    postPath: (pid) => `/post/${pid}`,
  };
}
