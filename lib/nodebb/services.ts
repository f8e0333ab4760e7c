import type { Clock, Jobs, Logger, Messaging, Settings, Translator } from '../host';
import { nb } from './require';

export function nodebbSettings(): Settings {
  return {
    async get(hash) {
      const values = (await nb('./src/meta').settings.get(hash)) as Record<string, unknown> | null;
      return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    },
    set: async (hash, values) => nb('./src/meta').settings.set(hash, values),
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
    async sendPrivateMessage(fromUid, toUid, message) {
      const chats = nb('./src/api').chats;
      const room = await chats.create({ uid: fromUid }, { uids: [toUid] });
      await chats.post({ uid: fromUid }, { roomId: room.roomId, message });
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

export const nodebbClock: Clock = { now: () => Date.now() };

export function nodebbLogger(): Logger {
  const w = () => nb('winston');
  return {
    info: (m) => w().info(m),
    warn: (m) => w().warn(m),
    error: (m, err) => w().error(err instanceof Error ? `${m}: ${err.stack ?? err.message}` : err === undefined ? m : `${m}: ${String(err)}`),
  };
}
