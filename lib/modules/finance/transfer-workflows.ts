/**
 * Sending and reversing a transfer as durable-steps workflows (lib/kernel/steps.ts, `transfer-send` and
 * `transfer-reverse`, id = the transfer's id): a crash at any point is finished (once `out` is written)
 * or undone (day limit and client key given back) by the steps recovery job. Whether `out` happened is
 * asked of the ledger by repeating the keyed spend, never guessed from a missing entry. Also: the
 * transfer notices.
 */
import type { Host } from '../../host/index';
import { BonusError, counted, countedToken, htmlText, translationToken } from '../../kernel/errors';
import { settled, type StepsService, type Workflow } from '../../kernel/steps-service';
import type { LedgerService } from '../ledger';
import type { SettingsService } from '../settings';
import { dayId, withinDayLimit } from './domain';
import { transferLedgerKeys } from './ledger-keys';
import type { Transfer, TransfersStore } from './store-transfers';

/** The input of a `transfer-send` workflow (everything its steps need, decided before it starts). */
export interface SendData {
  id: number; fromUid: number; toUid: number; amount: number; message: string; createdAt: number;
  claimKey: string; day: string; dayLimit: number; fromName: string; toName: string;
}

export interface ReverseData { id: number; fromUid: number; toUid: number; amount: number; byUid: number; at: number }

export class TransferWorkflows {
  readonly sending: Workflow<SendData>;
  readonly reversing: Workflow<ReverseData>;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly store: TransfersStore,
    private readonly ledger: LedgerService,
    steps: StepsService,
  ) {
    this.sending = steps.register(this.sendWorkflow());
    this.reversing = steps.register(this.reverseWorkflow());
  }

  /** Day limit → sender's `out` (checked) → recipient's `in` → the record and indexes → the notification. */
  private sendWorkflow(): Workflow<SendData> {
    return {
      name: 'transfer-send',
      steps: [
        {
          name: 'day-limit',
          run: async (d) => {
            const total = await this.store.addToDay(d.day, d.fromUid, d.id, d.amount);
            if (!withinDayLimit(total, { min: 0, max: 0, perDay: d.dayLimit })) throw new BonusError('error.transfer.day-limit', [counted(d.dayLimit), counted(Math.max(0, d.dayLimit - (total - d.amount)))]);
          },
          undo: async (d) => {
            await this.store.removeFromDay(d.day, d.fromUid, d.id);
            await this.store.releaseClaim(d.claimKey);
          },
        },
        {
          name: 'out',
          run: async (d) => {
            const out = await this.ledger.spend({
              uid: d.fromUid, amount: d.amount, key: transferLedgerKeys.out(d.id), reason: 'transfer-out', actorUid: d.fromUid,
              comment: translationToken('transfer.history-to', [htmlText(d.toName)]), source: { type: 'transfer', id: d.id },
            });
            if (!out.ok && out.code === 'insufficient-points') throw new BonusError('error.transfer.insufficient-points');
            settled(out, `transfer ${d.id} out`);
          },
        },
        {
          name: 'in',
          run: async (d) => settled(await this.ledger.credit({
            uid: d.toUid, amount: d.amount, key: transferLedgerKeys.in(d.id), reason: 'transfer-in', actorUid: d.fromUid,
            comment: translationToken('transfer.history-from', [htmlText(d.fromName)]), source: { type: 'transfer', id: d.id },
          }), `transfer ${d.id} in`),
        },
        { name: 'record', run: (d) => this.store.saveDone(d, d.claimKey) },
        {
          name: 'notify',
          run: async (d, ctx) => {
            await ctx.once('received', () => this.store.addReceived(d.toUid, d.amount));
            // Many transfers from one sender in a day make one notification with their count and sum.
            await ctx.once('notify', () => this.notifyReceived(d, d.fromName));
          },
        },
      ],
    };
  }

  /** The recipient's debit → the sender's refund → the record → the notifications (never refused: only rolled forward). */
  private reverseWorkflow(): Workflow<ReverseData> {
    const entry = (d: ReverseData) => ({ comment: translationToken('transfer.reversed-entry', [d.id]), source: { type: 'transfer' as const, id: d.id }, actorUid: d.byUid, reason: 'transfer-reversal' });
    return {
      name: 'transfer-reverse',
      steps: [
        { name: 'back', run: async (d) => settled(await this.ledger.debit({ ...entry(d), uid: d.toUid, amount: d.amount, key: transferLedgerKeys.reverseIn(d.id) }), `transfer ${d.id} reverse in`) },
        { name: 'refund', run: async (d) => settled(await this.ledger.credit({ ...entry(d), uid: d.fromUid, amount: d.amount, key: transferLedgerKeys.reverseOut(d.id) }), `transfer ${d.id} reverse out`) },
        {
          name: 'record',
          run: async (d, ctx) => {
            await this.store.markReversed(d.id, d.at, d.byUid);
            await ctx.once('received', () => this.store.addReceived(d.toUid, -d.amount));
          },
        },
        {
          name: 'notify',
          run: async (d, ctx) => {
            for (const uid of [d.fromUid, d.toUid]) {
              await ctx.once(`notify:${uid}`, () => this.notify(uid, { type: 'bonus-transfer', nid: `bonus:transfer:${d.id}:reversed:${uid}`, bodyShort: (lang) => countedToken(lang, 'notify.transfer-reversed', [d.id, counted(d.amount)]), path: '/bonus/transfer' }));
            }
          },
        },
      ],
    };
  }

  /**
   * The recipient's notification, coalesced: one per sender and club day (one nid, which NodeBB
   * updates in place), saying how many transfers and points so far, with the latest message.
   */
  private async notifyReceived(t: Pick<Transfer, 'toUid' | 'fromUid' | 'amount' | 'message'>, senderName: string): Promise<void> {
    const s = await this.settings.get();
    const day = dayId(this.host.clock.now(), s.timeZone);
    const { count, sum } = await this.store.countForNotice(day, t.toUid, t.fromUid, t.amount);
    await this.notify(t.toUid, {
      type: 'bonus-transfer', nid: `bonus:transfers:${t.toUid}:from:${t.fromUid}:${day}`,
      bodyShort: (lang) => count > 1 ? translationToken('notify.transfer-many', [senderName, sum, count]) : countedToken(lang, 'notify.transfer', [senderName, counted(t.amount)]),
      bodyLong: t.message ? htmlText(t.message) : undefined, path: '/bonus/transfer', from: t.fromUid,
    });
  }

  /**
   * Written in the member's language, so that its counts take that language's forms. A lost
   * notification never undoes a transfer: the host's messaging logs a failure (kernel/best-effort.ts).
   */
  private async notify(uid: number, n: { type: string; nid: string; bodyShort: (lang: string) => string; bodyLong?: string; path: string; from?: number }): Promise<void> {
    const bodyShort = n.bodyShort(await this.host.users.getLanguage(uid).catch(() => 'en-GB'));
    await this.host.messaging.notify({ ...n, bodyShort }, [uid]);
  }
}
