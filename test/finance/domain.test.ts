import assert from 'node:assert/strict';
import {
  canTransition, checkLoanRequest, checkTransferAmount, dayId, isClientKey, loanDueAt, mayBorrow,
  mayReceiveTransfer, maySendTransfer, reminderDue, viewOf, withinDayLimit, DAY_MS,
} from '../../lib/modules/finance/domain';
import { addMonths } from '../../lib/kernel/periods';
import { parseSettings } from '../../lib/modules/settings/domain';
import { PROGRAM_ROLES, type ProgramRole } from '../../lib/modules/earning/domain-groups';
import { roleGroups } from '../../lib/modules/earning/roles';

const defaults = parseSettings({});
const map = roleGroups(defaults);
const member = (role: ProgramRole | 'none') => ({
  groups: role === 'none' ? ['registered-users'] : ['registered-users', map[role]],
  banned: role === 'banned',
});

describe('finance domain: transfer and loan rules', function () {
  // PROGRAM §6: transfers are not available to Newcomers, Participants or Banned; banned members receive nothing.
  const table: [ProgramRole | 'none', boolean, boolean, boolean][] = [
    // role,          may send, may receive, may borrow
    ['newcomers', false, true, false],
    ['participants', false, true, false],
    ['activists', true, true, true],
    ['consultants', true, true, true],
    ['oldTimers', true, true, true],
    ['clubCouncil', true, true, true],
    ['banned', false, false, false],
    ['none', true, true, false],
  ];
  for (const [role, send, receive, borrow] of table) {
    it(`default settings: ${role} ${send ? 'may' : 'may not'} send, ${receive ? 'may' : 'may not'} receive, ${borrow ? 'may' : 'may not'} borrow`, function () {
      assert.equal(maySendTransfer(member(role), defaults.transferExcludeSenders, map), send);
      assert.equal(mayReceiveTransfer(member(role), defaults.transferExcludeRecipients, map), receive);
      assert.equal(mayBorrow(member(role), defaults.loanRoles, map), borrow);
    });
  }

  it('covers every program role in the table', function () {
    for (const role of PROGRAM_ROLES) assert.ok(table.some(([r]) => r === role), role);
  });

  it('a banned activist (NodeBB keeps their groups) may neither send, receive nor borrow', function () {
    const m = { groups: ['Activists', 'banned-users'], banned: true };
    assert.equal(maySendTransfer(m, defaults.transferExcludeSenders, map), false);
    assert.equal(mayReceiveTransfer(m, defaults.transferExcludeRecipients, map), false);
    assert.equal(mayBorrow(m, defaults.loanRoles, map), false);
  });

  it('transfer amounts at the boundaries', function () {
    const limits = { min: 10, max: 500, perDay: 1000 };
    assert.equal(checkTransferAmount(9, limits), 'transfer-amount');
    assert.equal(checkTransferAmount(10, limits), null);
    assert.equal(checkTransferAmount(500, limits), null);
    assert.equal(checkTransferAmount(501, limits), 'transfer-amount');
    assert.equal(checkTransferAmount(10.5, limits), 'transfer-amount');
    assert.equal(checkTransferAmount(0, { min: 0, max: 5, perDay: 0 }), 'transfer-amount');
    assert.equal(checkTransferAmount(400, { min: 1, max: 500, perDay: 300 }), 'transfer-day-limit');
    assert.equal(withinDayLimit(1000, limits), true);
    assert.equal(withinDayLimit(1001, limits), false);
    assert.equal(withinDayLimit(1_000_000, { ...limits, perDay: 0 }), true);
  });

  it('the day a transfer counts in is the configured zone\'s', function () {
    const lateUtc = Date.parse('2026-09-01T21:30:00Z'); // 00:30 on 2 September in Moscow
    assert.equal(dayId(lateUtc, 'Europe/Moscow'), '2026-09-02');
    assert.equal(dayId(lateUtc, 'UTC'), '2026-09-01');
  });

  it('client keys', function () {
    assert.equal(isClientKey('abcdef12'), true);
    assert.equal(isClientKey('abc'), false);
    assert.equal(isClientKey('has space in it'), false);
    assert.equal(isClientKey(12345678), false);
  });

  it('loan requests at the boundaries', function () {
    const limits = { maxAmount: 3000, maxMonths: 12 };
    assert.equal(checkLoanRequest(3000, 12, limits), null);
    assert.equal(checkLoanRequest(1, 1, limits), null);
    assert.equal(checkLoanRequest(3001, 12, limits), 'loan-amount');
    assert.equal(checkLoanRequest(0, 12, limits), 'loan-amount');
    assert.equal(checkLoanRequest(100, 13, limits), 'loan-term');
    assert.equal(checkLoanRequest(100, 0, limits), 'loan-term');
  });

  it('due dates: same day N months later, clamped, end of that local day', function () {
    assert.deepEqual(addMonths({ year: 2026, month: 1, day: 31 }, 1), { year: 2026, month: 2, day: 28 });
    assert.deepEqual(addMonths({ year: 2026, month: 11, day: 15 }, 3), { year: 2027, month: 2, day: 15 });
    assert.deepEqual(addMonths({ year: 2027, month: 12, day: 31 }, 2), { year: 2028, month: 2, day: 29 });
    // granted 1 September 12:00 Moscow, 3 months: due at the end of 1 December (Moscow) = 30 Nov 21:00 UTC... +1 day
    const due = loanDueAt(Date.parse('2026-09-01T09:00:00Z'), 3, 'Europe/Moscow');
    assert.equal(new Date(due).toISOString(), '2026-12-01T21:00:00.000Z');
  });

  it('loan states: transitions, overdue view, reminder window', function () {
    assert.equal(canTransition('pending', 'open'), true);
    assert.equal(canTransition('open', 'written-off'), true);
    assert.equal(canTransition('repaid', 'open'), false);
    assert.equal(canTransition('written-off', 'repaid'), false);
    const due = Date.parse('2026-12-01T21:00:00Z');
    assert.equal(viewOf('open', due, due - 1), 'open');
    assert.equal(viewOf('open', due, due), 'overdue');
    assert.equal(viewOf('repaid', due, due + DAY_MS), 'repaid');
    assert.equal(reminderDue(due, due - 7 * DAY_MS - 1, 7), false);
    assert.equal(reminderDue(due, due - 7 * DAY_MS, 7), true);
    assert.equal(reminderDue(due, due, 7), false);
    assert.equal(reminderDue(due, due - DAY_MS, 0), false);
  });
});
