/**
 * Notifications of the earning and deduction rules (PROGRAM §2–§3, issue 4 item 9), through
 * host.messaging.notify. Matured points are merged into one notification per member per local
 * day: the nid is fixed for the day and the running total comes from an atomic increment, so each
 * maturing overwrites the day's notification with the new total.
 */
import type { Host } from '../../host/index';
import type { LocalDate } from '../../kernel/periods';
import { counted, countedToken, htmlText } from '../../kernel/errors';
import { periodText } from '../../kernel/dates';
import { EarningStore } from './store';

const dayId = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export class EarningNotifier {
  private readonly store: EarningStore;

  constructor(private readonly host: Host) {
    this.store = new EarningStore(host.db);
  }

  async matured(uid: number, amount: number, day: LocalDate): Promise<void> {
    const id = dayId(day);
    const total = await this.store.addMaturedOnDay(id, uid, amount);
    await this.send(uid, {
      type: 'bonus-matured', nid: `bonus:matured:${uid}:${id}`,
      bodyShort: `[[bonus:notify.matured, ${total}]]`, path: '/bonus',
    });
  }

  /** `reason`: the moderator's words, shown as written (HTML-escaped); none → "no reason given". */
  async deduction(uid: number, amount: number, reason: string, key: string): Promise<void> {
    await this.send(uid, {
      type: 'bonus-deduction', nid: `bonus:deduction:${key}`,
      bodyShort: `[[bonus:notify.deduction, ${amount}]]`, bodyLong: reason ? htmlText(reason) : '[[bonus:warnings.ban-no-reason]]', path: '/bonus/warnings',
    });
  }

  async gift(uid: number, amount: number, what: 'birthday' | 'group', key: string, group = ''): Promise<void> {
    await this.send(uid, {
      type: 'bonus-gift', nid: `bonus:gift:${key}`,
      bodyShort: (lang: string) => what === 'birthday' ? `[[bonus:notify.birthday, ${amount}]]` : countedToken(lang, 'notify.group', [counted(amount), group]),
      path: '/bonus',
    });
  }

  async top(uid: number, amount: number, kind: 'week' | 'month', periodId: string, rank: number): Promise<void> {
    await this.send(uid, {
      type: 'bonus-top', nid: `bonus:top:${kind}:${periodId}:${rank}`,
      bodyShort: (lang: string) => countedToken(lang, `notify.top-${kind}`, [rank, periodText(periodId, lang).text, counted(amount)]), path: '/bonus/top',
    });
  }

  /** A lost notification must never undo or block a ledger entry: failures are logged only. */
  private async send(uid: number, n: { type: string; nid: string; bodyShort: string | ((lang: string) => string); bodyLong?: string; path: string }): Promise<void> {
    try {
      // a text with counts is written in the member's language, so that they take its plural forms
      const bodyShort = typeof n.bodyShort === 'function' ? n.bodyShort(await this.host.users.getLanguage(uid).catch(() => 'en-GB')) : n.bodyShort;
      await this.host.messaging.notify({ ...n, bodyShort }, [uid]);
    } catch (err) {
      this.host.log.error(`[bonus] notification ${n.nid} failed`, err);
    }
  }
}
