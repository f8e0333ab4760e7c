/**
 * Publishing in the "Points operations" topic (PROGRAM §2): ACP operations and the weekly and
 * monthly top-3 go through here, so that the admin's choice (a post each, one digest a day, or
 * nothing) applies to all of them. Each announcement has a key and is posted (or queued for the
 * digest) once, however many times it is announced; a failed post releases its claim so the next
 * announcement of the same key posts it. Days of the digest are UTC dates.
 *
 * Storage: `bonus:operations:published` (claims: key, `queued:{key}`, `digest:{day}`),
 * `bonus:operations:digest:{day}` (zset of keys), `bonus:operations:notes` (key → {text, authorUid}).
 */
import type { Host } from '../../host/index';
import { translationToken } from '../../kernel/errors';
import type { SettingsService } from '../settings';

const K = {
  published: 'bonus:operations:published',
  digest: (day: string) => `bonus:operations:digest:${day}`,
  notes: 'bonus:operations:notes',
};

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class Announcer {
  constructor(private readonly host: Host, private readonly settings: SettingsService) {}

  /**
   * `text` holds translation tokens, translated into the forum's default language when posted.
   * `authorUid` posts it (the admin of an operation, the topic's owner for the top-3).
   */
  async announce(key: string, text: string, authorUid: number, at: number): Promise<void> {
    const s = await this.settings.get();
    if (s.operationsPublishMode === 'off' || !s.operationsTid) return;
    if (s.operationsPublishMode === 'daily-digest') {
      await this.host.db.setObjectField(K.notes, key, JSON.stringify({ text, authorUid }));
      if ((await this.host.db.incrObjectField(K.published, `queued:${key}`)) === 1) {
        await this.host.db.sortedSetAdd(K.digest(dayOf(at)), at, key);
      }
      return;
    }
    if ((await this.host.db.incrObjectField(K.published, key)) !== 1) return;
    try {
      await this.post(s.operationsTid, authorUid, text);
    } catch (err) {
      await this.host.db.deleteObjectField(K.published, key);
      throw err;
    }
  }

  /** Posts yesterday's digest once (daily job); true if it posted. */
  async publishDigest(now: number): Promise<boolean> {
    const s = await this.settings.get();
    if (s.operationsPublishMode !== 'daily-digest' || !s.operationsTid) return false;
    const day = dayOf(now - 86_400_000);
    const keys = await this.host.db.getSortedSetRange(K.digest(day), 0, -1);
    if (keys.length === 0) return false;
    if ((await this.host.db.incrObjectField(K.published, `digest:${day}`)) !== 1) return false;
    const raw = await this.host.db.getObjectFields(K.notes, keys);
    const notes = keys.map((k) => raw[k]).filter((v): v is string => !!v).map((v) => JSON.parse(v) as { text: string; authorUid: number });
    if (notes.length === 0) return false;
    const lines = [translationToken('operations.digest-title', [day]), ...notes.map((n) => `- ${n.text.replace(/\n+/g, '\n  ')}`)];
    try {
      await this.post(s.operationsTid, notes[0].authorUid, lines.join('\n'));
    } catch (err) {
      await this.host.db.deleteObjectField(K.published, `digest:${day}`);
      throw err;
    }
    // Posted: the day's notes are no longer needed (the claims keep them from being queued again).
    await this.host.db.deleteObjectFields(K.notes, keys);
    await this.host.db.delete(K.digest(day));
    return true;
  }

  private async post(tid: number, authorUid: number, text: string): Promise<void> {
    const lang = await this.host.translator.defaultLanguage();
    await this.host.content.reply(tid, authorUid, await this.host.translator.translate(text, lang));
  }
}
