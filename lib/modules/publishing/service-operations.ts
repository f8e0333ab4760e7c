/**
 * ACP "Operations": an admin awards or deducts points for one member or many at once, with a reason
 * from the program's list and a free comment (PROGRAM §2, §3). Each operation is recorded once even
 * if the form is submitted twice: the form carries a client-chosen operation key (generated when the
 * form is shown), every member's entry is keyed `adjust:{operationKey}:{uid}`, and publishing in the
 * "Points operations" topic goes through the Announcer (once per operation, or in the day's digest).
 *
 * Once validated, an operation is the durable-steps workflow `points-operation` (id = its key):
 * every member's entry → the record → the publication. A crash at any point is finished by the steps
 * recovery job (or by the admin submitting the form again); a publication that fails (the forum
 * refused the post) is tried again by the job, the points having moved.
 */
import { refusable, type Result, valueOrRaise } from '../../kernel/result';
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
import { StepWait, type StepsService, type Workflow } from '../../kernel/steps-service';


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
  private readonly operating: Workflow<OperationRecord>;

  constructor(
    private readonly host: Host,
    private readonly ledger: LedgerService,
    private readonly announcer: Announcer,
    private readonly sellers: { ledger: LedgerService; isActive: (uid: number) => Promise<boolean> } | undefined,
    private readonly steps: StepsService,
  ) {
    this.keys = new ClientKeys(host.db);
    this.store = new PublishingStore(host.db);
    this.operating = steps.register<OperationRecord>({
      name: 'points-operation',
      steps: [
        { name: 'entries', run: async (op) => { for (const m of op.members) await this.entry(op, m.uid); } },
        {
          name: 'record',
          // idempotent: the workflow's input is the first submission's, whoever finishes it
          run: (op) => this.store.saveOperation(op.key, op.createdAt, JSON.stringify(op)),
        },
        {
          name: 'publish',
          run: async (op) => {
            // the "Points operations" topic is the club's: seller points are the sellers' own business
            if ((op.programme ?? 'club') !== 'club') return;
            try {
              await this.publish(op);
            } catch (err) {
              // the points have moved: the recovery job posts it later (the announcer posts a key once)
              this.host.log.error(`[bonus] operation ${op.key} not published yet`, err);
              throw new StepWait(`operation ${op.key} publication`);
            }
          },
        },
      ],
    });
  }

  private ledgerOf(op: Pick<OperationRecord, 'programme'>): LedgerService {
    return op.programme === 'sellers' && this.sellers ? this.sellers.ledger : this.ledger;
  }

  /** One member's entry (idempotent: its ledger key). */
  private async entry(op: OperationRecord, uid: number): Promise<LedgerEntry> {
    const r = valueOrRaise(await this.ledgerOf(op).adjust({ uid: op.adminUid }, {
      uid, amount: op.direction === 'award' ? op.amount : -op.amount, key: operationKey(op.key, uid), reason: op.reason,
      comment: op.comment ? userTextToken(op.comment) : '', source: { type: 'operation', id: op.key },
    }));
    if (r.ok) return r.entry;
    if (r.code === 'busy') throw new StepWait(`operation ${op.key} entry of ${uid}`);
    if (r.code === 'key-conflict') throw new BonusError('error.operations.key-conflict', [], 'conflict');
    throw new Error(`[bonus] operation ${op.key}: the entry of ${uid} was refused (${r.code})`);
  }

  /** Validates everything first (nothing changes on a bad field or an unknown member), then applies. */
  submit(caller: Caller, raw: unknown): Promise<Result<OperationOutcome>> {
    return refusable(() => this.doSubmit(caller, raw));
  }

  private async doSubmit(caller: Caller, raw: unknown): Promise<OperationOutcome> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
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
    if (unknown.length) throw new BonusError('error.operations.unknown-users', [unknown.join(', ')], 'not-found');
    const members = names.map((username, i) => ({ uid: uids[i] as number, username }));
    if (input.programme === 'sellers') {
      // seller points only for active sellers (an applicant, a rejected or annulled seller has none to move)
      if (!this.sellers) throw new BonusError('error.operations.not-sellers', [names.join(', ')]);
      const active = await Promise.all(members.map((m) => this.sellers!.isActive(m.uid)));
      const others = members.filter((_, i) => !active[i]).map((m) => m.username);
      if (others.length) throw new BonusError('error.operations.not-sellers', [others.join(', ')]);
    }

    const record: OperationRecord = {
      key: input.operationKey, programme: input.programme, adminUid: caller.uid, direction: input.direction, amount: input.amount,
      reason: input.reason, comment: input.comment, members, createdAt: this.host.clock.now(),
    };
    const run = await this.steps.run(this.operating, input.operationKey, record);
    // an operation still under way (its runner stopped, or a ledger key settling) is not answered yet
    const operation = await this.get(input.operationKey);
    if (!operation) throw new BonusError('error.finance.busy', [], 'conflict');
    const ledger = this.ledgerOf(operation);
    const entries = (await Promise.all(operation.members.map((m) => ledger.entryByKey(operationKey(operation.key, m.uid)))))
      .filter((e): e is LedgerEntry => e !== null);
    return { operation, entries, replayed: !run.started };
  }

  async get(key: string): Promise<OperationRecord | null> {
    const raw = await this.store.operationJson(key);
    return raw ? (JSON.parse(raw) as OperationRecord) : null;
  }

  /** Newest first. */
  recent(caller: Caller, count = 20): Promise<Result<OperationRecord[]>> {
    return refusable(() => this.doRecent(caller, count));
  }

  private async doRecent(caller: Caller, count = 20): Promise<OperationRecord[]> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
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
