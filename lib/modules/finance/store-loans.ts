/**
 * The loans' records on the database port (private to the finance module).
 *
 * Storage: `bonus:loan:{id}` (hash, display), `bonus:loans` (zset id → created), `bonus:loans:in:{state}`
 * (zset id → due date for open loans, created otherwise), `bonus:loans:uid:{uid}` (zset id → created),
 * `bonus:loans:state` (zset id → index in LOAN_STATES: what decisions read, never the cached hash),
 * `bonus:loan:{id}:repayments` (zset ledger key → amount), `bonus:loans:claims` (once-only claims) and
 * `bonus:loans:summary` (the per-view totals the loans job last counted). A member's one pending-or-open
 * loan is read from their loans' states (`hasActive`), under the member's lock: there is no counter
 * to keep (earlier versions kept `bonus:loans:active` and `bonus:loans:slots:stale`; they are no longer read).
 */
import type { Database } from '../../host/index';
import { canTransition, LOAN_STATES, type LoanState, type LoanView } from './domain';
import { parseStored } from '../../kernel/json';

export interface Loan {
  id: number;
  uid: number;
  amount: number;
  months: number;
  state: LoanState;
  createdAt: number;
  decidedAt: number;
  decidedBy: number;
  grantedAt: number;
  dueAt: number;
  closedAt: number;
  writtenOff: number;
}

const K = {
  loan: (id: number) => `bonus:loan:${id}`,
  repayments: (id: number) => `bonus:loan:${id}:repayments`,
  all: 'bonus:loans',
  state: 'bonus:loans:state',
  in: (state: LoanState) => `bonus:loans:in:${state}`,
  ofMember: (uid: number) => `bonus:loans:uid:${uid}`,
  summary: 'bonus:loans:summary',
  claims: 'bonus:loans:claims',
};

function decode(id: number, h: Record<string, string> | null, state: LoanState): Loan | null {
  if (!h?.uid) return null;
  const n = (v: string | undefined) => Number(v ?? 0) || 0;
  return {
    id, uid: n(h.uid), amount: n(h.amount), months: n(h.months), state, createdAt: n(h.createdAt),
    decidedAt: n(h.decidedAt), decidedBy: n(h.decidedBy), grantedAt: n(h.grantedAt), dueAt: n(h.dueAt),
    closedAt: n(h.closedAt), writtenOff: n(h.writtenOff),
  };
}

/** Loan fields written after the application (the hash is for display; decisions read the sets). */
export type LoanFields = Partial<Pick<Loan, 'decidedAt' | 'decidedBy' | 'grantedAt' | 'dueAt' | 'closedAt' | 'writtenOff'>>;

/** Per ACP view: how many loans, their principal, and what is outstanding (written off, for written-off loans). */
export interface LoanSummary {
  at: number;
  views: Record<LoanView, { count: number; amount: number; outstanding: number }>;
}

export class LoansStore {
  constructor(private readonly db: Database) {}

  /** Has the member a pending or open loan? (The states' sorted set: never a cached hash.) */
  async hasActive(uid: number): Promise<boolean> {
    const states = await this.states(await this.memberIds(uid));
    return states.some((st) => st === 'pending' || st === 'open');
  }

  /** A new pending application. */
  async create(uid: number, amount: number, months: number, now: number): Promise<number> {
    const id = await this.db.incrObjectField('bonus:ids', 'nextLoanId');
    await this.db.setObject(K.loan(id), { id, uid, amount, months, createdAt: now });
    // One write makes the application visible everywhere (its state, the lists, the member's loans):
    // a crash before it leaves only a hash nothing points to.
    await this.db.sortedSetAddBulk([[K.state, LOAN_STATES.indexOf('pending'), id], [K.all, now, id], [K.ofMember(uid), now, id], [K.in('pending'), now, id]]);
    return id;
  }

  async setFields(id: number, fields: LoanFields): Promise<void> {
    await this.db.setObject(K.loan(id), fields as Record<string, number>);
  }

  /** Moves a loan between states; a move the state machine (domain.ts) forbids is a programming error. */
  async move(id: number, from: LoanState, to: LoanState, score: number): Promise<void> {
    if (!canTransition(from, to)) throw new Error(`loan ${id}: ${from} → ${to} is not a loan transition`);
    await this.db.sortedSetAdd(K.in(to), score, id);
    await this.db.sortedSetAdd(K.state, LOAN_STATES.indexOf(to), id);
    await this.db.sortedSetRemove(K.in(from), id);
  }

  async get(id: number): Promise<Loan | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const [h, stateIndex] = await Promise.all([this.db.getObject(K.loan(id)), this.db.sortedSetScore(K.state, id)]);
    const state = stateIndex === null ? undefined : LOAN_STATES[stateIndex];
    return state ? decode(id, h, state) : null;
  }

  /** The states of these loans (null where unknown). */
  async states(ids: readonly string[]): Promise<(LoanState | null)[]> {
    if (!ids.length) return [];
    return (await this.db.sortedSetScores(K.state, [...ids])).map((i) => (i === null ? null : LOAN_STATES[i] ?? null));
  }

  async repaidTotal(id: number): Promise<number> {
    const rows = await this.db.getSortedSetRangeWithScores(K.repayments(id), 0, -1);
    return rows.reduce((sum, r) => sum + r.score, 0);
  }

  async hasRepayment(id: number, ledgerKey: string): Promise<boolean> {
    return (await this.db.sortedSetScore(K.repayments(id), ledgerKey)) !== null;
  }

  async recordRepayment(id: number, ledgerKey: string, amount: number): Promise<void> {
    await this.db.sortedSetAdd(K.repayments(id), amount, ledgerKey);
  }

  /** The member's loan ids, newest first. */
  memberIds(uid: number, start = 0, stop = -1): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.ofMember(uid), start, stop);
  }

  /** When each of these loans was written off (null: not written off). */
  async writtenOffAt(ids: readonly string[]): Promise<(number | null)[]> {
    return ids.length ? this.db.sortedSetScores(K.in('written-off'), [...ids]) : [];
  }

  /**
   * How many loans one ACP view holds, read from its index (one call, whatever the forum's size):
   * `open` are open loans due after `now`, `overdue` those due by then (the open set is scored by the
   * due date).
   */
  countView(view: LoanView, now: number): Promise<number> {
    if (view === 'open') return this.db.sortedSetCount(K.in('open'), now + 1, '+inf');
    if (view === 'overdue') return this.db.sortedSetCount(K.in('open'), '-inf', now);
    return this.db.sortedSetCard(K.in(view));
  }

  /** One page of a view's loan ids: newest first (open and overdue: latest due first). */
  pageView(view: LoanView, now: number, start: number, count: number): Promise<string[]> {
    if (view === 'open') return this.db.getSortedSetRevRangeByScore(K.in('open'), start, count, '+inf', now + 1);
    if (view === 'overdue') return this.db.getSortedSetRevRangeByScore(K.in('open'), start, count, now, '-inf');
    return this.db.getSortedSetRevRange(K.in(view), start, start + count - 1);
  }

  /** The totals the loans job last counted (null before its first count). */
  async readSummary(): Promise<LoanSummary | null> {
    return parseStored<LoanSummary>(await this.db.getObjectField(K.summary, 'json'));
  }

  async writeSummary(summary: LoanSummary): Promise<void> {
    await this.db.setObject(K.summary, { json: JSON.stringify(summary) });
  }

  /** Loan ids in one state, newest first (open loans: latest due first). */
  idsIn(state: LoanState, start: number, stop: number): Promise<string[]> {
    return this.db.getSortedSetRevRange(K.in(state), start, stop);
  }

  /** Open loans due by `horizon`, earliest first, with their due dates. */
  async openDueBy(horizon: number, limit: number): Promise<{ id: number; dueAt: number }[]> {
    const rows = await this.db.getSortedSetRangeByScoreWithScores(K.in('open'), 0, limit, '-inf', horizon);
    return rows.map((r) => ({ id: Number(r.value), dueAt: r.score }));
  }

  /** True the first time only (a once-only claim, e.g. `loan:{id}:reminder`). */
  async claimOnce(claim: string): Promise<boolean> {
    return (await this.db.incrObjectField(K.claims, claim)) === 1;
  }

  /** True the first time only, per loan (`closeNotified`). */
  async markOnce(id: number, field: 'closeNotified'): Promise<boolean> {
    return (await this.db.incrObjectField(K.loan(id), field)) === 1;
  }
}
