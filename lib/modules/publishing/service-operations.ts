/**
 * ACP "Operations": an admin awards or deducts points for one member or many at once, with a reason
 * from the program's list and a free comment (PROGRAM §2, §3). Each operation is recorded once even
 * if the form is submitted twice: the form carries a client-chosen operation key (generated when the
 * form is shown), every member's entry is keyed `adjust:{operationKey}:{uid}`, and publishing in the
 * "Points operations" topic goes through the Announcer (once per operation, or in the day's digest).
 */
import { z } from 'zod';
import { parseOrThrow } from '../../kernel/input';
import type { Caller, Host } from '../../host/index';
import { ClientKeys } from '../../kernel/idempotency';
import { BonusError, counted, countedToken, translationToken, userTextToken } from '../../kernel/errors';
import type { Announcer } from './announcer';
import { PublishingStore } from './store';
import { operationKey } from './ledger-keys';
import { OPERATION_REASONS, type LedgerService } from '../ledger';
import type { LedgerEntry } from '../ledger';
import { MAX_ENTRY_POINTS } from '../../kernel/points';
import { PROGRAMMES, type Programme } from '../../kernel/programmes';


export const operationSchema = z.object({
  operationKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** Whose points (issue 16, item 1): the club's, or an active seller's seller points. */
  programme: z.enum(PROGRAMMES).default('club'),
  usernames: z.array(z.string().trim().min(1).max(100)).min(1).max(200),
  direction: z.enum(['award', 'deduct']),
  amount: z.number().int().min(1).max(MAX_ENTRY_POINTS),
  reason: z.enum(OPERATION_REASONS),
  comment: z.string().trim().max(1000).default(''),
});
export type OperationInput = z.input<typeof operationSchema>;

export interface OperationRecord {
  key: string;
  /** Absent on operations recorded before the sellers' programme: the club's. */
  programme?: Programme;
  adminUid: number;
  direction: 'award' | 'deduct';
  amount: number;
  reason: string;
  comment: string;
  members: { uid: number; username: string }[];
  createdAt: number;
}

export interface OperationOutcome {
  operation: OperationRecord;
  entries: LedgerEntry[];
  /** True when this submission repeated an earlier one (nothing changed). */
  replayed: boolean;
}

export class OperationsService {
  private readonly keys: ClientKeys;
  private readonly store: PublishingStore;

  constructor(
    private readonly host: Host,
    private readonly ledger: LedgerService,
    private readonly announcer: Announcer,
    private readonly sellers?: { ledger: LedgerService; isActive: (uid: number) => Promise<boolean> },
  ) {
    this.keys = new ClientKeys(host.db);
    this.store = new PublishingStore(host.db);
  }

  /** Validates everything first (nothing changes on a bad field or an unknown member), then applies. */
  async submit(caller: Caller, raw: unknown): Promise<OperationOutcome> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const input = parseOrThrow(operationSchema, raw, 'error.operations.invalid');
    const names = [...new Set(input.usernames)];
    // The key stands for this operation only: the same key with other members or values is refused.
    await this.keys.bind('operation', 0, input.operationKey, {
      usernames: [...names].sort(), direction: input.direction, amount: input.amount, reason: input.reason, comment: input.comment,
      // (older operations' keys were bound without it: the club's is left out so they still match)
      ...(input.programme === 'club' ? {} : { programme: input.programme }),
    });
    const uids = await Promise.all(names.map((n) => this.host.users.getUidByUsername(n)));
    const unknown = names.filter((_, i) => !uids[i]);
    if (unknown.length) throw new BonusError('error.operations.unknown-users', [unknown.join(', ')], 404);
    const members = names.map((username, i) => ({ uid: uids[i] as number, username }));
    let ledger = this.ledger;
    if (input.programme === 'sellers') {
      // seller points only for active sellers (an applicant, a rejected or annulled seller has none to move)
      if (!this.sellers) throw new BonusError('error.operations.not-sellers', [names.join(', ')]);
      const active = await Promise.all(members.map((m) => this.sellers!.isActive(m.uid)));
      const others = members.filter((_, i) => !active[i]).map((m) => m.username);
      if (others.length) throw new BonusError('error.operations.not-sellers', [others.join(', ')]);
      ledger = this.sellers.ledger;
    }

    const signed = input.direction === 'award' ? input.amount : -input.amount;
    const record: OperationRecord = {
      key: input.operationKey, programme: input.programme, adminUid: caller.uid, direction: input.direction, amount: input.amount,
      reason: input.reason, comment: input.comment, members, createdAt: this.host.clock.now(),
    };
    const entries: LedgerEntry[] = [];
    let replayed = true;
    for (const m of members) {
      const r = await ledger.adjust(caller, {
        uid: m.uid, amount: signed, key: operationKey(input.operationKey, m.uid), reason: input.reason,
        comment: input.comment ? userTextToken(input.comment) : '', source: { type: 'operation', id: input.operationKey },
      });
      if (!r.ok) {
        if (r.code === 'key-conflict') throw new BonusError('error.operations.key-conflict', [], 409);
        throw new BonusError(`error.ledger.${r.code}`, [], 409);
      }
      if (!r.replayed) replayed = false;
      entries.push(r.entry);
    }
    // The first complete submission's record stands (setObject of the same fields is harmless).
    const existing = await this.get(input.operationKey);
    const operation = existing ?? record;
    if (!existing) {
      await this.store.saveOperation(input.operationKey, record.createdAt, JSON.stringify(record));
    }
    // the "Points operations" topic is the club's: seller points are the sellers' own business
    if ((operation.programme ?? 'club') === 'club') await this.publish(operation);
    return { operation, entries, replayed };
  }

  async get(key: string): Promise<OperationRecord | null> {
    const raw = await this.store.operationJson(key);
    return raw ? (JSON.parse(raw) as OperationRecord) : null;
  }

  /** Newest first. */
  async recent(caller: Caller, count = 20): Promise<OperationRecord[]> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
    const keys = await this.store.recentOperationKeys(count);
    const all = await Promise.all(keys.map((k) => this.get(k)));
    return all.filter((o): o is OperationRecord => o !== null);
  }

  /** Published once in the "Points operations" topic, or queued for the day's digest. */
  private async publish(op: OperationRecord): Promise<void> {
    // the topic is read in the forum's language: the count takes its plural form
    await this.announcer.announce(op.key, operationLine(op, await this.host.translator.defaultLanguage()), op.adminUid, op.createdAt);
  }

  /** Posts yesterday's digest once (job). */
  publishDigest(now: number): Promise<boolean> {
    return this.announcer.publishDigest(now);
  }
}

/** `[[bonus:operations.post-award, [[bonus:points.count.other, 250]], @alice @bob]] [[bonus:points.reason.event]] …`. */
export function operationLine(op: OperationRecord, lang = 'en-GB'): string {
  const who = op.members.map((m) => `@${m.username}`).join(' ');
  const reason = `[[bonus:points.reason.${op.reason}]]`;
  const head = countedToken(lang, `operations.post-${op.direction}`, [counted(op.amount), who]);
  const tail = op.comment ? ` ${translationToken('operations.post-comment', [op.comment])}` : '';
  return `${head} ${reason}${tail}`;
}
