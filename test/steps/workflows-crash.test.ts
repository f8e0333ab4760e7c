/**
 * Every workflow moved onto the durable steps, under the crash harness (crash-harness.ts): a crash
 * before every database write, then every job of the plugin in seeded random orders, on memory and
 * on Redis.
 */
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { backends, openFinance, type Finance } from '../finance/harness';
import { runCrashHarness, type CrashCase } from './crash-harness';
import { DAY, on, pluginJobs } from './plugin-jobs';

interface TransferWorld { f: Finance; from: number; to: number }

const transferSend: CrashCase<TransferWorld> = {
  name: 'transfer send',
  async open(db) {
    const f = await openFinance(db);
    await f.setSettings({ timeZone: 'UTC' });
    await f.credit(f.uid.activists, 100);
    return { f, from: f.uid.activists, to: f.uid.second };
  },
  act: (w, db) => on(w.f, db).transfers.send({ uid: w.from }, { to: 'second', amount: 40, key: 'crashkey01', message: 'hi' }),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.from, w.to], total: async () => 100 }),
  async check(w, run) {
    const s = w.f.services;
    const [from, to] = [await w.f.spendable(w.from), await w.f.spendable(w.to)];
    const { transfers } = await okValue(s.transfers.listAll({ uid: w.f.admin }));
    if (to === 40) {
      assert.equal(from, 60, `${run.label}: the sender paid`);
      assert.equal(transfers.length, 1, `${run.label}: the transfer is recorded`);
      assert.equal(transfers[0].state, 'done', run.label);
      assert.equal((await okValue(s.transfers.listOf({ uid: w.to }, w.to))).length, 1, `${run.label}: listed for the recipient`);
    } else {
      assert.deepEqual({ from, to }, { from: 100, to: 0 }, `${run.label}: all or nothing (sender, recipient)`);
      assert.equal(transfers.length, 0, `${run.label}: no transfer listed`);
      assert.equal(await s.transfers.sentToday(w.from), 0, `${run.label}: the day's limit is given back`);
    }
  },
};

interface ReverseWorld extends TransferWorld { id: number }

const transferReverse: CrashCase<ReverseWorld> = {
  name: 'transfer reverse',
  async open(db) {
    const w = await transferSend.open(db);
    const { transfer } = await okValue(w.f.services.transfers.send({ uid: w.from }, { to: 'second', amount: 40, key: 'reversekey1' }));
    return { ...w, id: transfer.id };
  },
  act: (w, db) => on(w.f, db).transfers.reverse({ uid: w.f.admin }, w.id),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.from, w.to], total: async () => 100 }),
  async check(w, run) {
    const [from, to] = [await w.f.spendable(w.from), await w.f.spendable(w.to)];
    const t = (await w.f.services.transfers.get(w.id))!;
    if (t.reversedAt > 0) assert.deepEqual({ from, to }, { from: 100, to: 0 }, `${run.label}: reversed in full`);
    else assert.deepEqual({ from, to }, { from: 60, to: 40 }, `${run.label}: not reversed at all`);
    // An admin repeating the reversal finishes it, once.
    await okValue(w.f.services.transfers.reverse({ uid: w.f.admin }, w.id));
    assert.deepEqual({ from: await w.f.spendable(w.from), to: await w.f.spendable(w.to) }, { from: 100, to: 0 }, `${run.label}: after a repeat`);
    assert.ok((await w.f.services.transfers.get(w.id))!.reversedAt > 0, run.label);
  },
};

interface LoanWorld { f: Finance; me: number; loanId: number }

async function openLoan(db: Database): Promise<LoanWorld> {
  const f = await openFinance(db);
  await f.setSettings({ loanApproval: 'automatic', timeZone: 'UTC' });
  const me = f.uid.activists;
  const loan = await okValue(f.services.loans.apply({ uid: me }, { amount: 100, months: 1 }));
  return { f, me, loanId: loan.id };
}

/** Past the due date, every job runs: the loan ends repaid or written off, and the member is back at 0. */
async function checkLoanSettles(w: LoanWorld, label: string): Promise<void> {
  w.f.clock.advance(40 * DAY);
  for (let i = 0; i < 3; i += 1) {
    for (const job of pluginJobs(w.f)) await job.run();
    w.f.clock.advance(60 * 60_000);
  }
  const loan = (await w.f.services.loans.status(w.loanId))!;
  assert.ok(loan.state === 'repaid' || loan.state === 'written-off', `${label}: closed (${loan.state})`);
  assert.equal(loan.repaid + loan.writtenOff, 100, `${label}: repaid ${loan.repaid} + written off ${loan.writtenOff}`);
  assert.equal((await w.f.services.ledger.balance(w.me)).posted, 0, `${label}: the member paid the loan exactly once`);
  // nothing holds the member: after a repaid loan they may apply again (a write-off has its cooling months)
  w.f.clock.advance(DAY);
  const again = w.f.services.loans.apply({ uid: w.me }, { amount: 10, months: 1 });
  if (loan.state === 'repaid') {
    const next = await okValue(again);
    assert.ok(['open', 'pending'].includes(next.state), `${label}: a new application after the loan was repaid`);
    // and it is taken back, so the points of the run stay as they were
    if (next.state === 'open') await okValue(w.f.services.loans.repay({ uid: w.me }, { id: next.id, amount: 'all', key: `again-loan-${next.id}` }));
    else await okValue(w.f.services.loans.reject({ uid: w.f.admin }, next.id));
  } else await refuses(again, /loan\.written-off/, `${label}: refused only for the write-off's cooling months`);
}

const loanRepay: CrashCase<LoanWorld> = {
  name: 'loan repayment',
  open: openLoan,
  act: (w, db) => on(w.f, db).loans.repay({ uid: w.me }, { id: w.loanId, amount: 'all', key: 'repaykey01' }),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.me], total: async () => 0 }),
  async check(w, run) {
    const loan = (await w.f.services.loans.status(w.loanId))!;
    const posted = (await w.f.services.ledger.balance(w.me)).posted;
    assert.equal(posted - loan.outstanding, 0, `${run.label}: points ${posted} and outstanding ${loan.outstanding} move together`);
    await checkLoanSettles(w, run.label);
  },
};

const loanWriteOff: CrashCase<LoanWorld> = {
  name: 'loan write-off',
  async open(db) {
    const w = await openLoan(db);
    await okValue(w.f.services.loans.repay({ uid: w.me }, { id: w.loanId, amount: 30, key: 'repaykey02' }));
    w.f.clock.advance(40 * DAY);
    return w;
  },
  act: (w, db) => on(w.f, db).loans.runDue(w.f.clock.now()),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.me], total: async () => 0 }),
  async check(w, run) {
    const loan = (await w.f.services.loans.status(w.loanId))!;
    assert.equal(loan.state, 'written-off', run.label);
    assert.equal(loan.writtenOff, 70, run.label);
    await checkLoanSettles(w, run.label);
  },
};

const loanGrant: CrashCase<LoanWorld> = {
  name: 'loan grant',
  async open(db) {
    const f = await openFinance(db);
    await f.setSettings({ loanApproval: 'admin', timeZone: 'UTC' });
    const me = f.uid.activists;
    const loan = await okValue(f.services.loans.apply({ uid: me }, { amount: 100, months: 1 }));
    return { f, me, loanId: loan.id };
  },
  act: (w, db) => on(w.f, db).loans.approve({ uid: w.f.admin }, w.loanId),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.me], total: async () => (await w.f.services.loans.status(w.loanId))?.outstanding ?? 0 }),
  async check(w, run) {
    const s = w.f.services;
    const loan = (await s.loans.status(w.loanId))!;
    const posted = (await s.ledger.balance(w.me)).posted;
    if (loan.state === 'pending') {
      assert.equal(posted, 0, `${run.label}: a pending application has credited nothing`);
      // the admin may still decline it: nothing is left with the member
      await okValue(s.loans.reject({ uid: w.f.admin }, w.loanId));
      assert.equal((await s.loans.status(w.loanId))!.state, 'rejected', run.label);
      assert.equal((await s.ledger.balance(w.me)).posted, 0, `${run.label}: nothing credited for a declined loan`);
      assert.equal((await okValue(s.loans.apply({ uid: w.me }, { amount: 10, months: 1 }))).state, 'pending', `${run.label}: the member may apply again`);
      return;
    }
    assert.equal(loan.state, 'open', `${run.label}: granted`);
    assert.equal(posted, 100, `${run.label}: credited once`);
    await refuses(s.loans.reject({ uid: w.f.admin }, w.loanId), /not-pending/, `${run.label}: a granted loan cannot be declined`);
    await checkLoanSettles(w, run.label);
  },
};

interface ApplyWorld { f: Finance; me: number; approval: 'automatic' | 'admin' }

/** A loan application, granted at once (`automatic`) or waiting for an admin: one loan or none, and nothing left holding the member. */
const loanApply = (approval: 'automatic' | 'admin'): CrashCase<ApplyWorld> => ({
  name: `loan application (${approval} approval)`,
  async open(db) {
    const f = await openFinance(db);
    await f.setSettings({ loanApproval: approval, timeZone: 'UTC' });
    return { f, me: f.uid.activists, approval };
  },
  act: (w, db) => on(w.f, db).loans.apply({ uid: w.me }, { amount: 100, months: 1 }),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({ db: w.f.host.db, now: () => w.f.clock.now(), uids: [w.me], total: async () => (await okValue(w.f.services.loans.listOf({ uid: w.me }, w.me))).reduce((sum, l) => sum + l.outstanding, 0) }),
  async check(w, run) {
    const s = w.f.services;
    const loans = (await okValue(s.loans.listOf({ uid: w.me }, w.me))).filter((l) => l.state === 'pending' || l.state === 'open');
    assert.ok(loans.length <= 1, `${run.label}: at most one loan (${loans.length})`);
    const posted = (await s.ledger.balance(w.me)).posted;
    if (loans.length === 0) {
      assert.equal(posted, 0, `${run.label}: no loan, nothing credited`);
      // the member applies again: the crash left nothing holding them (the member's lock is a lease)
      const again = await okValue(s.loans.apply({ uid: w.me }, { amount: 100, months: 1 }));
      assert.equal(again.state, w.approval === 'automatic' ? 'open' : 'pending', run.label);
      return;
    }
    const loan = loans[0];
    if (loan.state === 'open') assert.equal(posted, 100, `${run.label}: an open loan was credited once`);
    else assert.equal(posted, 0, `${run.label}: a pending loan has credited nothing`);
    await refuses(s.loans.apply({ uid: w.me }, { amount: 50, months: 1 }), /already-active/, `${run.label}: one loan at a time`);
    if (loan.state === 'pending') await okValue(s.loans.approve({ uid: w.f.admin }, loan.id));
    await checkLoanSettles({ f: w.f, me: w.me, loanId: loan.id }, run.label);
  },
});

interface OperationWorld { f: Finance; members: number[] }
const OPERATION = { operationKey: 'opcrash0001', usernames: ['activists', 'second', 'plain'], direction: 'award', amount: 50, reason: 'event', comment: 'Quiz night' } as const;

const pointsOperation: CrashCase<OperationWorld> = {
  name: 'points operation',
  async open(db) {
    const f = await openFinance(db);
    await f.setSettings({ timeZone: 'UTC' });
    return { f, members: [f.uid.activists, f.uid.second, f.uid.plain] };
  },
  act: (w, db) => on(w.f, db).operations.submit({ uid: w.f.admin }, OPERATION),
  jobs: (w) => pluginJobs(w.f),
  advance: (w, ms) => w.f.clock.advance(ms),
  money: (w) => ({
    db: w.f.host.db, now: () => w.f.clock.now(), uids: w.members,
    total: async () => ((await w.f.services.operations.get(OPERATION.operationKey)) ? 150 : (await Promise.all(w.members.map((u) => w.f.spendable(u)))).reduce((a, b) => a + b, 0)),
  }),
  async check(w, run) {
    const s = w.f.services;
    const got = await Promise.all(w.members.map((u) => w.f.spendable(u)));
    const recorded = await s.operations.get(OPERATION.operationKey);
    if (recorded) assert.deepEqual(got, [50, 50, 50], `${run.label}: a recorded operation paid every member once`);
    // the jobs finish an operation whose entries began: no member is paid without the operation recorded
    else assert.deepEqual(got, [0, 0, 0], `${run.label}: no record, no points`);
    // the admin submits the form again: every member paid exactly once, the operation recorded
    const again = await okValue(s.operations.submit({ uid: w.f.admin }, OPERATION));
    assert.deepEqual(await Promise.all(w.members.map((u) => w.f.spendable(u))), [50, 50, 50], `${run.label}: once each after the repeat`);
    assert.equal(again.entries.length, 3, run.label);
    assert.equal((await okValue(s.operations.recent({ uid: w.f.admin }))).length, 1, `${run.label}: one operation listed`);
  },
};

for (const backend of backends()) {
  describe(`crash harness: workflows on ${backend.name}`, function () {
    this.timeout(600_000);
    after(() => backend.close());
    const open = () => backend.open();

    it('transfer send: all or nothing after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, transferSend)) > 10);
    });
    it('transfer reverse: all or nothing after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, transferReverse)) > 5);
    });
    it('loan repayment: charged once after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, loanRepay)) > 5);
    });
    it('loan write-off: takes the outstanding amount once after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, loanWriteOff)) > 5);
    });
    it('points operation: every member paid once and one record, after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, pointsOperation)) > 5);
    });
    it('loan grant: credited and open, or pending with nothing credited, after a crash before any write', async () => {
      assert.ok((await runCrashHarness(open, loanGrant)) > 5);
    });
    for (const approval of ['automatic', 'admin'] as const) {
      it(`loan application, ${approval} approval: one loan or none, and the member may apply again, after a crash before any write`, async () => {
        assert.ok((await runCrashHarness(open, loanApply(approval))) > 3);
      });
    }
  });
}
