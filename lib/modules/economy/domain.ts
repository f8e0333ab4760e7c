/**
 * The economy's daily figures, pure (no I/O, no clock): how one ledger entry moves them.
 *
 * - issued (by source): points that became spendable by earning — `credit`, `mature` (a post's
 *   pending points), a positive `adjust` (an admin award);
 * - spent (by use): points that left balances — `capture` (an order paid), `spend` (a transfer out,
 *   a loan repayment), `debit` (a penalty, a write-off), a negative `adjust` (a deduction);
 * - balances: the change to the sum of members' posted, pending and held points (the liability is the
 *   running sum of posted; a day's net change is kept too);
 * - counts: entries, holds and releases, pending credits in and cancelled.
 *
 * The fields are the hash fields of a day (store.ts); adding them up over a journal gives the same
 * figures whatever the order, so a rebuild from the journal is a plain sum.
 */
import type { LedgerEntry } from '../ledger';

export const SOURCES = ['posts', 'top', 'birthdays', 'groups', 'operations', 'sales', 'contests', 'activities', 'refunds', 'transfers', 'loans', 'other'] as const;
export type Source = (typeof SOURCES)[number];
export const USES = ['orders', 'deductions', 'write-offs', 'transfers', 'loans', 'other'] as const;
export type Use = (typeof USES)[number];

/** Fields of a day's hash that are counts or amounts (not per source / use). */
export const DAY_FIELDS = ['entries', 'issued', 'spent', 'issuedCount', 'spentCount', 'pendingIn', 'pendingCancelled', 'holds', 'heldIn', 'released', 'posted', 'pending', 'held'] as const;
export type DayField = (typeof DAY_FIELDS)[number];

/** Fields of the running totals: the sums of every member's balances, and the entries counted. */
export const TOTAL_FIELDS = ['posted', 'pending', 'held', 'entries'] as const;

const OPERATION_REASONS = new Set(['contest-win', 'souvenir-review', 'honorary-title', 'event', 'club-help', 'rule-violation', 'other']);

/** Where earned points come from, by the entry's reason (codes or translation tokens). */
export function sourceOf(reason: string): Source {
  switch (reason) {
    case 'topic': case 'reply': return 'posts';
    case 'top-week': case 'top-month': return 'top';
    case 'birthday': return 'birthdays';
    case 'group-entry': return 'groups';
    case 'contest-win': return 'contests';
    case 'retail-sale': return 'sales';
    case 'order-cancelled': case 'order-replacement': case 'claim-refund': case 'transfer-reversal': case 'warning': return 'refunds';
    case 'transfer-in': return 'transfers';
    case 'loan': return 'loans';
    default: break;
  }
  if (OPERATION_REASONS.has(reason) || reason.startsWith('[[bonus:rewards.')) return 'operations';
  if (reason.startsWith('[[bonus:events.reason.')) return 'contests';
  if (reason.startsWith('[[bonus:quizzes.') || reason.startsWith('[[bonus:game.')) return 'activities';
  return 'other';
}

/** What spent points were used for, by the entry's kind and reason. */
export function useOf(kind: LedgerEntry['kind'], reason: string): Use {
  if (kind === 'capture' || reason === 'order') return 'orders';
  if (reason === 'transfer-out') return 'transfers';
  if (reason === 'loan-repayment') return 'loans';
  if (reason === 'loan-write-off' || reason === 'retail-annulled') return 'write-offs';
  if (kind === 'debit' || kind === 'adjust') return 'deductions';
  return 'other';
}

/** The increments one entry makes to its day's hash (only non-zero fields). */
export function dayIncrements(entry: Pick<LedgerEntry, 'kind' | 'amount' | 'reason'>): Record<string, number> {
  const out: Record<string, number> = { entries: 1 };
  const add = (field: string, n: number) => { if (n !== 0) out[field] = (out[field] ?? 0) + n; };
  const { kind, amount, reason } = entry;
  const issue = (n: number) => { add('issued', n); add('issuedCount', 1); add(`issued:${sourceOf(reason)}`, n); };
  const spend = (n: number) => { add('spent', n); add('spentCount', 1); add(`spent:${useOf(kind, reason)}`, n); };
  switch (kind) {
    case 'credit': issue(amount); add('posted', amount); break;
    case 'credit-pending': add('pendingIn', amount); add('pending', amount); break;
    case 'mature': issue(amount); add('pending', -amount); add('posted', amount); break;
    case 'cancel-pending': add('pendingCancelled', amount); add('pending', -amount); break;
    case 'debit': case 'spend': spend(amount); add('posted', -amount); break;
    case 'hold': add('holds', 1); add('heldIn', amount); add('held', amount); break;
    case 'capture': spend(amount); add('posted', -amount); add('held', -amount); break;
    case 'release': add('released', amount); add('held', -amount); break;
    case 'adjust':
      if (amount > 0) issue(amount);
      else spend(-amount);
      add('posted', amount);
      break;
  }
  return out;
}

/** The increments one entry makes to the running totals. */
export function totalIncrements(day: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { entries: 1 };
  for (const f of ['posted', 'pending', 'held'] as const) if (day[f]) out[f] = day[f];
  return out;
}

/** Adds increments into an accumulator (the rebuild's sum). */
export function addInto(acc: Record<string, number>, inc: Record<string, number>): void {
  for (const [k, v] of Object.entries(inc)) acc[k] = (acc[k] ?? 0) + v;
}

/** The differences between two sets of figures (fields that are missing count as 0). */
export function differences(expected: Record<string, number>, actual: Record<string, number>): { field: string; expected: number; actual: number }[] {
  const fields = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const out: { field: string; expected: number; actual: number }[] = [];
  for (const f of [...fields].sort()) {
    const e = expected[f] ?? 0;
    const a = actual[f] ?? 0;
    if (e !== a) out.push({ field: f, expected: e, actual: a });
  }
  return out;
}
