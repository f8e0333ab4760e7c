import type { Clock, Jobs, Logger, Messaging, Settings, Translator } from '../host/index';
import { nb } from './require';

export function nodebbSettings(): Settings {
  return {
    async get(hash) {
      const values = (await nb('./src/meta').settings.get(hash)) as Record<string, unknown> | null;
      return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    },
    set: async (hash, values) => nb('./src/meta').settings.set(hash, values),
    onChange: (hash, fn) => nb('./src/pubsub').on(`action:settings.set.${hash}`, () => fn()),
  };
}

export function nodebbMessaging(): Messaging {
  return {
    async notify(n, uids) {
      if (!uids.length) return;
      const notifications = nb('./src/notifications');
      const notif = await notifications.create({ ...n, from: n.from });
      if (notif) await notifications.push(notif, uids);
    },
    /**
     * Through NodeBB's messaging module, not `api.chats`: the API's rate limiter reads the caller's
     * session (a TypeError without a request) and every `create` opens a new room. One room per
     * sender and member is remembered (`uid:{from}:bonus:chat-rooms`, member → room id) and reused
     * while both are still in it.
     */
    async sendPrivateMessage(fromUid, toUid, message) {
      const messaging = nb('./src/messaging');
      const db = nb('./src/database');
      const rooms = `uid:${fromUid}:bonus:chat-rooms`;
      let roomId = Number(await db.sortedSetScore(rooms, toUid)) || 0;
      if (roomId > 0) {
        const [exists, inRoom] = await Promise.all([messaging.roomExists(roomId), messaging.isUsersInRoom([fromUid, toUid], roomId)]);
        if (!exists || !(inRoom as boolean[]).every(Boolean)) roomId = 0;
      }
      if (!roomId) {
        roomId = Number(await messaging.newRoom(fromUid, { uids: [toUid], notificationSetting: messaging.notificationSettings?.ALLMESSAGES }));
        await db.sortedSetAdd(rooms, roomId, toUid);
      }
      const sent = await messaging.addMessage({ uid: fromUid, roomId, content: message, timestamp: Date.now() });
      // As api.chats.post does: online members see it at once, the others get NodeBB's chat notification.
      if (sent) void Promise.resolve(messaging.notifyUsersInRoom(fromUid, roomId, sent)).catch((err: unknown) => nb('winston').error(`[bonus] chat notification: ${String(err)}`));
    },
    sendEmail: async (template, uid, params) => nb('./src/emailer').send(template, uid, params),
  };
}

/**
 * NodeBB ≥ 4.10 `cron.addJob`: runs on the process that runs jobs (nconf `runJobs`) only. The job's
 * name is already `bonus:<module>:<job>` and is passed as it is.
 */
export function nodebbJobs(): Jobs {
  return {
    add(job) {
      nb('./src/cron').addJob({ name: job.name, cronTime: job.cronTime, onTick: job.onTick })
        .catch((err: unknown) => nb('winston').error(`[bonus] job ${job.name} not scheduled: ${String(err)}`));
    },
  };
}

export function nodebbTranslator(): Translator {
  return {
    translate: async (text, lang) => String(await nb('./src/translator').translate(text, lang)),
    defaultLanguage: async () => String(nb('./src/meta').config.defaultLang || 'en-GB'),
  };
}

export const nodebbClock: Clock = { now: () => Date.now(), pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export function nodebbLogger(): Logger {
  const w = () => nb('winston');
  return {
    info: (m) => w().info(m),
    warn: (m) => w().warn(m),
    error: (m, err) => w().error(err instanceof Error ? `${m}: ${err.stack ?? err.message}` : err === undefined ? m : `${m}: ${String(err)}`),
  };
}
