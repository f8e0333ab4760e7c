/**
 * Publishing in the "Points operations" topic (PROGRAM §2): ACP operations and the weekly and
 * monthly top-3 go through here, so that the admin's choice (a post each, one digest a day, or
 * nothing) applies to all of them. Each announcement has a key and is posted (or queued for the
 * digest) once, however many times it is announced; a failed post releases its claim so the next
 * announcement of the same key posts it. Days of the digest are UTC dates.
 * The claims, queues and notes are kept by store.ts.
 */
import type { Host } from '../../host/index';
import { translationToken } from '../../kernel/errors';
import type { SettingsService } from '../settings';
import { PublishingStore } from './store';

export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class Announcer {
  private readonly store: PublishingStore;

  constructor(private readonly host: Host, private readonly settings: SettingsService) {
    this.store = new PublishingStore(host.db);
  }

  /**
   * `text` holds translation tokens, translated into the forum's default language when posted.
   * `authorUid` posts it (the admin of an operation, the topic's owner for the top-3).
   */
  async announce(key: string, text: string, authorUid: number, at: number, options: { tid?: number } = {}): Promise<void> {
    const s = await this.settings.get();
    // a programme's own results topic (the sellers' monthly events): its own post there, once
    if (options.tid && options.tid > 0) return this.postOnce(key, options.tid, authorUid, text);
    if (s.operationsPublishMode === 'off' || !s.operationsTid) return;
    if (s.operationsPublishMode === 'daily-digest') {
      await this.store.queue(key, { text, authorUid }, dayOf(at), at);
      return;
    }
    await this.postOnce(key, s.operationsTid, authorUid, text);
  }

  private async postOnce(key: string, tid: number, authorUid: number, text: string): Promise<void> {
    if (!(await this.store.claim(key))) return;
    try {
      await this.post(tid, authorUid, text);
    } catch (err) {
      await this.store.unclaim(key);
      throw err;
    }
  }

  /** Posts yesterday's digest once (daily job); true if it posted. */
  async publishDigest(now: number): Promise<boolean> {
    const s = await this.settings.get();
    if (s.operationsPublishMode !== 'daily-digest' || !s.operationsTid) return false;
    const day = dayOf(now - 86_400_000);
    const keys = await this.store.queuedKeys(day);
    if (keys.length === 0) return false;
    if (!(await this.store.claim(`digest:${day}`))) return false;
    const notes = await this.store.notes(keys);
    if (notes.length === 0) return false;
    const lines = [translationToken('operations.digest-title', [day]), ...notes.map((n) => `- ${n.text.replace(/\n+/g, '\n  ')}`)];
    try {
      await this.post(s.operationsTid, notes[0].authorUid, lines.join('\n'));
    } catch (err) {
      await this.store.unclaim(`digest:${day}`);
      throw err;
    }
    // Posted: the day's notes are no longer needed (the claims keep them from being queued again).
    await this.store.clearDay(day, keys);
    return true;
  }

  private async post(tid: number, authorUid: number, text: string): Promise<void> {
    const lang = await this.host.translator.defaultLanguage();
    await this.host.content.reply(tid, authorUid, await this.host.translator.translate(text, lang));
  }
}
