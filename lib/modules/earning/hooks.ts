/**
 * Hook handlers of the earning rules. NodeBB does not await action hooks and nothing retries them:
 * each handler is idempotent and safe in any order (settlement and backfill heal lost ones).
 */
import type { ActionHandlers } from '../../host/hooks';
import type { Services } from '../../services';
import { localUid } from './domain';
import type { SavedPost } from './service-posts';

const id = (raw: unknown): number | null => {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export function earningActions(services: Services): ActionHandlers {
  const { earning, birthdays, groupGifts } = services;
  const consider = async (post: SavedPost) => {
    const pid = id(post?.pid);
    if (pid) await earning.considerPost(pid, post);
  };
  return {
    // post.save fires for every new topic and reply. topic.post / topic.reply fire right after it in
    // the same process, so they were no second chance, only the same work twice per post (issue 14);
    // a lost hook is healed by the backfill job.
    // The payload's facts are used as they are (issue 14): see EarningPosts.considerPost.
    'action:post.save': async ({ post }) => consider(post),
    'action:post.delete': async ({ post }) => {
      const pid = id(post.pid);
      if (pid) await earning.cancelPost(pid, 'post-deleted');
    },
    // A post restored while its hold window runs earns again (a new generation of its points).
    'action:post.restore': async ({ post }) => {
      const pid = id(post?.pid);
      if (pid) await earning.earnAgain(pid, services.host.clock.now(), null);
    },
    'action:topic.restore': async ({ topic }) => {
      const tid = id(topic?.tid);
      if (tid) await earning.topicRestored(tid);
    },
    // Pending points follow the post to its new owner (after the window they stay with the old one).
    'action:post.changeOwner': async ({ posts }) => {
      for (const p of posts ?? []) {
        const pid = id(p?.pid);
        if (pid) await earning.earnAgain(pid, services.host.clock.now(), 'owner-changed');
      }
    },
    // A deleted member's pending points are cancelled (ledger entries stay, as NodeBB keeps a former
    // member's posts) and they leave the birthday index.
    'static:user.delete': async ({ uid }) => {
      const u = localUid(uid);
      if (!u) return;
      await earning.cancelAuthor(u, 'author-deleted');
      await birthdays.index(u, '');
    },
    'action:posts.purge': async ({ posts }) => {
      for (const p of posts ?? []) {
        const pid = id(p.pid);
        if (pid) await earning.cancelPost(pid, 'post-purged');
      }
    },
    // Topic deletion does not fire post.delete for the topic's posts.
    'action:topic.delete': async ({ topic }) => {
      const tid = id(topic.tid);
      if (tid) await earning.cancelTopic(tid, 'topic-deleted');
    },
    'action:topics.purge': async ({ topics }) => {
      for (const t of topics ?? []) {
        const tid = id(t.tid);
        if (tid) await earning.cancelTopic(tid, 'topic-purged');
      }
    },
    'action:topic.move': async ({ tid, toCid }) => {
      const t = id(tid);
      const c = Number(toCid);
      if (t && Number.isSafeInteger(c)) await earning.topicMoved(t, c);
    },
    'action:post.move': async ({ post, tid }) => {
      const pid = id(post.pid);
      const t = id(tid);
      if (pid && t) await earning.postMoved(pid, t);
    },
    'action:user.create': async ({ user }) => {
      const uid = localUid(user?.uid);
      if (uid) await birthdays.index(uid, user.birthday);
    },
    'action:user.updateProfile': async ({ uid, data }) => {
      const u = localUid(uid);
      if (u && data && 'birthday' in data) await birthdays.index(u, data.birthday);
    },
    'action:group.join': async ({ uid, groupNames }) => {
      const u = localUid(uid);
      if (u && Array.isArray(groupNames)) await groupGifts.joined(u, groupNames);
    },
    // The role mapping follows a renamed group; its gifts stay once per member and role.
    'action:group.rename': async (payload) => {
      if (typeof payload?.old === 'string' && typeof payload.new === 'string') await groupGifts.renamed(payload.old, payload.new);
    },
  };
}
