/**
 * Member finance rules (PROGRAM §6), pure: who may send and receive transfers, the per-transfer and
 * per-day limits, and interest-free loans (eligibility, amounts, due dates, states).
 *
 * Invariants kept by the services around these rules:
 * - a transfer moves points only from spendable (ledger `spend`), never below zero;
 * - a member has at most one loan that is pending or open;
 * - outstanding = amount − Σ repayments ≥ 0; a loan is written off once, for its outstanding amount.
 */
import { inExcludedRole, type ProgramRole } from '../earning';
import { addMonths, dateOfDayNumber, dayNumber, localDate, startOfLocalDay } from '../../kernel/periods';

export const DAY_MS = 86_400_000;

/** A client-chosen idempotency key (from the form): ASCII letters, digits, dash, underscore. */
export function isClientKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(key);
}

export interface TransferLimits {
  min: number;
  max: number;
  /** 0 = no daily limit. */
  perDay: number;
}

export type TransferRefusal = 'transfer-amount' | 'transfer-day-limit';

/** Amount against the per-transfer bounds (the daily total is checked on an atomic counter). */
export function checkTransferAmount(amount: number, limits: TransferLimits): TransferRefusal | null {
  if (!Number.isSafeInteger(amount) || amount < Math.max(1, limits.min) || amount > limits.max) return 'transfer-amount';
  if (limits.perDay > 0 && amount > limits.perDay) return 'transfer-day-limit';
  return null;
}

/** Is the day's total (after adding this transfer) within the daily limit? */
export function withinDayLimit(dayTotalAfter: number, limits: TransferLimits): boolean {
  return limits.perDay <= 0 || dayTotalAfter <= limits.perDay;
}

/** `2026-09-01`: the local day a transfer counts in. */
export function dayId(ms: number, timeZone: string): string {
  const d = localDate(ms, timeZone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export interface MemberRoles {
  groups: readonly string[];
  banned: boolean;
}

export function maySendTransfer(m: MemberRoles, excluded: readonly ProgramRole[], roleGroups: Readonly<Record<ProgramRole, string>>): boolean {
  return !inExcludedRole(m.groups, excluded, roleGroups, m.banned);
}

export function mayReceiveTransfer(m: MemberRoles, excluded: readonly ProgramRole[], roleGroups: Readonly<Record<ProgramRole, string>>): boolean {
  return !inExcludedRole(m.groups, excluded, roleGroups, m.banned);
}

/** Loans are for members of the allowed roles (mapped to a group), never for banned members. */
export function mayBorrow(m: MemberRoles, allowed: readonly ProgramRole[], roleGroups: Readonly<Record<ProgramRole, string>>): boolean {
  if (m.banned) return false;
  return allowed.some((role) => role !== 'banned' && roleGroups[role] !== '' && m.groups.includes(roleGroups[role]));
}

export interface LoanLimits {
  maxAmount: number;
  maxMonths: number;
}

export type LoanRefusal = 'loan-amount' | 'loan-term';

export function checkLoanRequest(amount: number, months: number, limits: LoanLimits): LoanRefusal | null {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > limits.maxAmount) return 'loan-amount';
  if (!Number.isSafeInteger(months) || months < 1 || months > limits.maxMonths) return 'loan-term';
  return null;
}

/**
 * Issue 11, item 2: no loan to a member whose balance is negative, or whose loan was written off
 * less than `coolingMonths` ago (0 = no waiting), so that loans cannot be cycled.
 */
export function loanCycleRefusal(
  m: { posted: number; writtenOffAt: readonly number[] }, now: number, coolingMonths: number, timeZone: string,
): 'loan-negative-balance' | 'loan-written-off' | null {
  if (m.posted < 0) return 'loan-negative-balance';
  const recent = m.writtenOffAt.some((at) => at > 0 && coolingMonths > 0 && now < loanDueAt(at, coolingMonths, timeZone));
  return recent ? 'loan-written-off' : null;
}

/**
 * The instant a loan granted at `grantedAt` for `months` falls due: the end of the same local day
 * `months` later (the first instant of the next local day). Paid before it, the loan is not overdue.
 */
export function loanDueAt(grantedAt: number, months: number, timeZone: string): number {
  const due = addMonths(localDate(grantedAt, timeZone), months);
  return startOfLocalDay(dateOfDayNumber(dayNumber(due) + 1), timeZone);
}

export const LOAN_STATES = ['pending', 'open', 'repaid', 'rejected', 'written-off'] as const;
export type LoanState = (typeof LOAN_STATES)[number];

/** What the ACP filters by: `overdue` is an open loan past its due date. */
export const LOAN_VIEWS = ['pending', 'open', 'overdue', 'repaid', 'written-off', 'rejected'] as const;
export type LoanView = (typeof LOAN_VIEWS)[number];

/** Allowed transitions; everything else is refused. */
const TRANSITIONS: Record<LoanState, readonly LoanState[]> = {
  pending: ['open', 'rejected'],
  open: ['repaid', 'written-off'],
  repaid: [],
  rejected: [],
  'written-off': [],
};

export function canTransition(from: LoanState, to: LoanState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function viewOf(state: LoanState, dueAt: number, now: number): LoanView {
  return state === 'open' && dueAt > 0 && now >= dueAt ? 'overdue' : state;
}

/** Is the reminder due (within `days` before the due date, not yet past it)? */
export function reminderDue(dueAt: number, now: number, days: number): boolean {
  return days > 0 && now < dueAt && now >= dueAt - days * DAY_MS;
}
