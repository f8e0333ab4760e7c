import { okValue, refuses, type RefusalError, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import type { Counted } from '../../lib/kernel/errors';
import { DAY_MS } from '../../lib/modules/finance/domain';
import { FinanceLocks, LEASE_MS } from '../../lib/modules/finance/locks';
import { backends, openFinance, type Finance } from './harness';
import { withLoanAutoRepay } from '../../lib/modules/finance/loan-autorepay';

const refused = (code: string) => (e: RefusalError) => e.code === code;
let seq = 0;
const key = () => `r${String(++seq).padStart(8, '0')}`;

for (const backend of backends()) {
  describe(`finance: loans on ${backend.name}`, function () {
    this.timeout(60_000);
    let f: Finance;
    let me: { uid: number };

    beforeEach(async () => {
      f = await openFinance(await backend.open());
      await f.setSettings({ loanApproval: 'automatic', timeZone: 'UTC' });
      me = { uid: f.uid.activists };
    });
    after(() => backend.close());

    const loanOf = async () => (await f.services.loans.currentOf(me.uid))!;
    const writeOffs = async (uid: number) => (await f.services.ledger.history(uid, 1)).entries.filter((e) => e.reason === 'loan-write-off');

    it('only members of the allowed roles may borrow; amount and term within the limits; one loan at a time', async () => {
      for (const role of ['newcomers', 'participants', 'banned', 'plain']) {
        await refuses(f.services.loans.apply({ uid: f.uid[role] }, { amount: 100, months: 1 }), refused('error.loan.not-allowed'), role);
      }
      await refuses(f.services.loans.apply(me, { amount: 3001, months: 12 }), (e: RefusalError) => e.code === 'error.loan.amount' && (e.args[1] as Counted).count === 3000);
      await refuses(f.services.loans.apply(me, { amount: 3000, months: 13 }), refused('error.loan.term'));
      const loan = await okValue(f.services.loans.apply(me, { amount: 3000, months: 12 }));
      assert.equal(loan.state, 'open');
      assert.equal(await f.spendable(me.uid), 3000);
      await refuses(f.services.loans.apply(me, { amount: 10, months: 1 }), refused('error.loan.already-active'));
      for (const role of ['consultants', 'oldTimers', 'clubCouncil']) {
        assert.equal((await okValue(f.services.loans.apply({ uid: f.uid[role] }, { amount: 100, months: 1 }))).state, 'open', role);
      }
    });

    it('an application a crash stopped holds the member only for the lease of their lock; a loan record without its indexes is no loan', async () => {
      // a crash while the application held the member's lock: the lease was never released
      assert.equal(await new FinanceLocks(f.host.db, f.clock).tryLock(`loan-member:${me.uid}`), true);
      f.clock.advance(LEASE_MS + 1);
      // a crash after the loan's record, before the one write that indexes it
      await f.host.db.setObject('bonus:loan:9999', { id: 9999, uid: me.uid, amount: 100, months: 1, createdAt: f.clock.now() });
      assert.equal(await f.services.loans.status(9999), null);
      const loan = await okValue(f.services.loans.apply(me, { amount: 100, months: 1 }));
      assert.equal(loan.state, 'open');
      assert.equal((await f.services.loans.currentOf(me.uid))!.id, loan.id);
      await refuses(f.services.loans.apply(me, { amount: 100, months: 1 }), refused('error.loan.already-active'));
      // closed, the member may borrow again at once: nothing to give back
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 'all', key: 'repay-lease-01' }));
      assert.equal((await okValue(f.services.loans.apply(me, { amount: 50, months: 1 }))).state, 'open');
    });

    it('parallel applications by one member: exactly one loan', async () => {
      const results = await settleAll(Array.from({ length: 20 }, () => f.services.loans.apply(me, { amount: 500, months: 3 })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal(await f.spendable(me.uid), 500);
    });

    it('approval by an admin: pending until approved; reject frees the member to apply again', async () => {
      await f.setSettings({ loanApproval: 'admin' });
      const pending = await okValue(f.services.loans.apply(me, { amount: 1000, months: 2 }));
      assert.equal(pending.state, 'pending');
      assert.equal(await f.spendable(me.uid), 0);
      assert.ok(f.notifications.some((n) => n.notification.nid === `bonus:loan:${pending.id}:applied` && n.uids.includes(f.admin)));
      await refuses(f.services.loans.approve(me, pending.id), refused('error.no-privileges'));
      await okValue(f.services.loans.reject({ uid: f.admin }, pending.id));
      await refuses(f.services.loans.approve({ uid: f.admin }, pending.id), refused('error.loan.not-pending'));
      const second = await okValue(f.services.loans.apply(me, { amount: 800, months: 2 }));
      const [a, b] = await Promise.all([okValue(f.services.loans.approve({ uid: f.admin }, second.id)), okValue(f.services.loans.approve({ uid: f.admin }, second.id))]);
      assert.equal(a.state, 'open');
      assert.equal(b.state, 'open');
      assert.equal(await f.spendable(me.uid), 800, 'granted once');
    });

    it('repaid early in full: the loan closes, nothing is written off at the due date', async () => {
      await f.credit(me.uid, 200);
      const loan = await okValue(f.services.loans.apply(me, { amount: 1000, months: 1 }));
      f.clock.advance(3 * DAY_MS);
      const after = await okValue(f.services.loans.repay(me, { id: loan.id, amount: 'all', key: key() }));
      assert.equal(after.state, 'repaid');
      assert.equal(after.outstanding, 0);
      assert.equal(await f.spendable(me.uid), 200);
      assert.equal(await f.services.loans.currentOf(me.uid), null);
      f.clock.advance(60 * DAY_MS);
      await f.services.loans.runDue(f.clock.now());
      assert.equal((await writeOffs(me.uid)).length, 0);
      assert.equal(await f.spendable(me.uid), 200);
      // a new loan is possible again
      assert.equal((await okValue(f.services.loans.apply(me, { amount: 100, months: 1 }))).state, 'open');
    });

    it('repaid in parts: outstanding goes down; overpay and overdraft refused; a repeated key pays once', async () => {
      const loan = await okValue(f.services.loans.apply(me, { amount: 1000, months: 6 }));
      const k = key();
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 300, key: k }));
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 300, key: k }));
      assert.equal((await loanOf()).outstanding, 700);
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 701, key: key() }), (e: RefusalError) => e.code === 'error.loan.overpay' && (e.args[0] as Counted).count === 700);
      await f.services.ledger.spend({ uid: me.uid, amount: 600, key: 'test:spend', reason: 'order' });
      assert.equal(await f.spendable(me.uid), 100);
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 200, key: key() }), refused('error.loan.insufficient-points'));
      await refuses(f.services.loans.repay({ uid: f.uid.second }, { id: loan.id, amount: 10, key: key() }), refused('error.loan.not-found'));
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 100, key: key() }));
      assert.equal((await loanOf()).outstanding, 600);
      assert.equal((await loanOf()).repaid, 400);
      await f.credit(me.uid, 1000);
      // parallel repayments with their own keys never repay more than is owed
      const results = await settleAll(Array.from({ length: 10 }, () => f.services.loans.repay(me, { id: loan.id, amount: 100, key: key() })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 6);
      const status = (await f.services.loans.status(loan.id))!;
      assert.equal(status.state, 'repaid');
      assert.equal(await f.spendable(me.uid), 400);
    });

    it('reminded once some days before the due date; written off at it, once, even with two jobs at once', async () => {
      await f.setSettings({ loanReminderDays: '7' });
      const loan = await okValue(f.services.loans.apply(me, { amount: 1000, months: 1 }));
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 250, key: key() }));
      const dueAt = loan.dueAt;
      f.clock.set(dueAt - 8 * DAY_MS);
      await f.services.loans.runDue(f.clock.now());
      const reminders = () => f.notifications.filter((n) => n.notification.nid === `bonus:loan:${loan.id}:reminder`);
      assert.equal(reminders().length, 0);
      f.clock.set(dueAt - 7 * DAY_MS);
      await Promise.all([f.services.loans.runDue(f.clock.now()), f.services.loans.runDue(f.clock.now())]);
      await f.services.loans.runDue(f.clock.now() + DAY_MS);
      assert.equal(reminders().length, 1);
      assert.match(reminders()[0].notification.bodyShort, /notify\.loan-reminder, \[\[bonus:points\.count\.other, 750\]\],/);
      f.clock.set(dueAt - 1);
      await f.services.loans.runDue(f.clock.now());
      assert.equal((await loanOf()).view, 'open');
      f.clock.set(dueAt);
      assert.equal((await loanOf()).view, 'overdue');
      const before = await f.spendable(me.uid);
      const runs = await Promise.all([f.services.loans.runDue(f.clock.now()), f.services.loans.runDue(f.clock.now())]);
      await f.services.loans.runDue(f.clock.now() + DAY_MS);
      assert.equal(runs.reduce((n, r) => n + r.writtenOff, 0), 1);
      const entries = await writeOffs(me.uid);
      assert.equal(entries.length, 1);
      assert.equal(entries[0].kind, 'debit');
      assert.equal(entries[0].amount, 750);
      assert.equal(entries[0].key, `loan:${loan.id}:writeoff`);
      assert.equal(await f.spendable(me.uid), before - 750);
      const status = (await f.services.loans.status(loan.id))!;
      assert.equal(status.state, 'written-off');
      assert.equal(status.writtenOff, 750);
      assert.equal(f.notifications.filter((n) => n.notification.nid === `bonus:loan:${loan.id}:writeoff`).length, 1);
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 10, key: key() }), refused('error.loan.not-open'));
    });

    it('a write-off may take the balance below zero (PROGRAM §3)', async () => {
      const loan = await okValue(f.services.loans.apply(me, { amount: 2000, months: 1 }));
      await f.services.ledger.spend({ uid: me.uid, amount: 1500, key: 'test:order', reason: 'order' });
      f.clock.set(loan.dueAt);
      await f.services.loans.runDue(f.clock.now());
      assert.equal(await f.spendable(me.uid), -1500);
    });

    it('loans cannot be cycled: refused while the balance is negative or within the cooling period after a write-off, whoever approves', async () => {
      // borrow, give it all away, get written off: the balance is negative
      const first = await okValue(f.services.loans.apply(me, { amount: 3000, months: 1 }));
      await f.services.ledger.spend({ uid: me.uid, amount: 3000, key: 'test:away', reason: 'order' });
      f.clock.set(first.dueAt);
      await f.services.loans.runDue(f.clock.now());
      assert.ok((await f.services.ledger.balance(me.uid)).posted < 0);
      await refuses(f.services.loans.apply(me, { amount: 3000, months: 1 }), refused('error.loan.negative-balance'));
      // the balance made good again: still refused within the cooling period (12 months by default)
      await f.services.ledger.credit({ uid: me.uid, amount: 5000, key: 'test:earned', reason: 'other' });
      await refuses(f.services.loans.apply(me, { amount: 100, months: 1 }), (e: RefusalError) => e.code === 'error.loan.written-off' && e.args[0] === 12);
      // an application pending with admin approval is checked again when the admin grants it
      f.clock.set(first.dueAt + 366 * DAY_MS);
      await f.setSettings({ loanApproval: 'admin' });
      const pending = await okValue(f.services.loans.apply(me, { amount: 100, months: 1 }));
      assert.equal(pending.state, 'pending');
      await f.services.ledger.debit({ uid: me.uid, amount: 9000, key: 'test:penalty', reason: 'other' });
      await refuses(f.services.loans.approve({ uid: f.admin }, pending.id), refused('error.loan.negative-balance'));
      assert.equal((await f.services.loans.status(pending.id))!.state, 'pending', 'a refused approval changes nothing');
      // the period is a setting; 0 means at once
      await f.services.ledger.credit({ uid: me.uid, amount: 9000, key: 'test:earned2', reason: 'other' });
      await okValue(f.services.loans.reject({ uid: f.admin }, pending.id));
      f.clock.set(first.dueAt + 10 * DAY_MS);
      await f.setSettings({ loanApproval: 'automatic' });
      await refuses(f.services.loans.apply(me, { amount: 100, months: 1 }), refused('error.loan.written-off'));
      await f.setSettings({ loanWriteOffCoolingMonths: '0' });
      assert.equal((await okValue(f.services.loans.apply(me, { amount: 100, months: 1 }))).state, 'open');
    });

    it('ACP lists by state with totals', async () => {
      await f.setSettings({ loanApproval: 'admin' });
      const a = await okValue(f.services.loans.apply(me, { amount: 1000, months: 1 }));
      const b = await okValue(f.services.loans.apply({ uid: f.uid.consultants }, { amount: 500, months: 2 }));
      const c = await okValue(f.services.loans.apply({ uid: f.uid.oldTimers }, { amount: 300, months: 1 }));
      await okValue(f.services.loans.apply({ uid: f.uid.clubCouncil }, { amount: 50, months: 1 }));
      for (const l of [a, b, c]) await okValue(f.services.loans.approve({ uid: f.admin }, l.id));
      await okValue(f.services.loans.repay({ uid: f.uid.oldTimers }, { id: c.id, amount: 'all', key: key() }));
      await okValue(f.services.loans.repay({ uid: f.uid.consultants }, { id: b.id, amount: 100, key: key() }));
      f.clock.set((await f.services.loans.status(a.id))!.dueAt + 1);
      const admin = { uid: f.admin };
      const open = await okValue(f.services.loans.listByView(admin, 'open'));
      assert.deepEqual(open.loans.map((l) => l.id), [b.id]);
      assert.deepEqual(open.counts, { pending: 1, open: 1, overdue: 1, repaid: 1, 'written-off': 0, rejected: 0 });
      // few loans: the page counts the money totals itself when they are out of date
      assert.equal(open.stale, false);
      const totals = open.summary!.views;
      assert.deepEqual(totals.open, { count: 1, amount: 500, outstanding: 400 });
      assert.deepEqual(totals.overdue, { count: 1, amount: 1000, outstanding: 1000 });
      assert.deepEqual(totals.repaid, { count: 1, amount: 300, outstanding: 0 });
      assert.equal(totals.pending.count, 1);
      assert.deepEqual((await okValue(f.services.loans.listByView(admin, 'overdue'))).loans.map((l) => l.id), [a.id]);
      await f.services.loans.runDue(f.clock.now());
      const written = await okValue(f.services.loans.listByView(admin, 'written-off'));
      assert.equal(written.counts['written-off'], 1);
      assert.deepEqual(written.summary!.views['written-off'], { count: 1, amount: 1000, outstanding: 1000 }, 'a moved count: recounted');
      // a part repayment moves no count: the job's count stands for the hour, then is recounted
      await okValue(f.services.loans.repay({ uid: f.uid.consultants }, { id: b.id, amount: 100, key: key() }));
      assert.equal((await f.services.loans.summarise(f.clock.now() + 1000)).views.open.outstanding, 400);
      assert.equal((await f.services.loans.summarise(f.clock.now() + 60 * 60_000)).views.open.outstanding, 300);
      await refuses(f.services.loans.listByView(me, 'open'), refused('error.no-privileges'));
    });

    it('ACP list at scale: 1 201 pending applications are counted exactly and shown 50 a page, with a bounded number of reads', async () => {
      await f.setSettings({ loanApproval: 'admin' });
      // applications written straight through the store's path: one member may hold one loan, so many members
      for (let i = 0; i < 1201; i += 1) {
        const u = f.forum.createUser({ username: `borrower${i}`, groups: ['Activists'] });
        await okValue(f.services.loans.apply({ uid: u }, { amount: 10, months: 1 }));
      }
      let calls = 0;
      const counting = new Proxy(f.host.db, { get(t, p, r) { const v = Reflect.get(t, p, r) as unknown; return typeof v === 'function' ? (...a: unknown[]) => { calls += 1; return (v as (...x: unknown[]) => unknown).apply(t, a); } : v; } });
      const { createServices } = await import('../../lib/services');
      const s = createServices({ ...f.host, db: counting });
      const page = await okValue(s.loans.listByView({ uid: f.admin }, 'pending', 25));
      assert.equal(page.counts.pending, 1201, 'counted from the index, not capped at 1000');
      assert.equal(page.total, 1201);
      assert.deepEqual([page.summary, page.stale], [null, true], 'too many to count on a page view: left to the job');
      assert.equal(page.loans.length, 1, 'page 25 of 50 a page holds the 1201st');
      const first = await okValue(s.loans.listByView({ uid: f.admin }, 'pending', 1));
      assert.equal(first.loans.length, 50);
      assert.ok(calls < 600, `${calls} database calls for two pages (every loan read would be > 6000)`);
      assert.equal((await s.loans.summarise(f.clock.now(), true)).views.pending.count, 1201, 'the job counts them all, a page at a time');
    });
  
    it('auto-repayment: a share of each new earning repays the open loan, once per entry; off by default', async () => {
      const earning = withLoanAutoRepay(f.host, f.services.ledger, f.services.loans);
      const loan = await okValue(f.services.loans.apply(me, { amount: 100, months: 1 }));
      await earning.credit({ uid: me.uid, amount: 40, key: 'birthday:x:2026', reason: 'birthday' });
      assert.equal((await loanOf()).outstanding, 100, 'off by default');
      await f.setSettings({ loanAutoRepayPercent: '50' });
      await earning.credit({ uid: me.uid, amount: 40, key: 'birthday:y:2026', reason: 'birthday' });
      await earning.credit({ uid: me.uid, amount: 40, key: 'birthday:y:2026', reason: 'birthday' });
      assert.equal((await loanOf()).outstanding, 80, 'a replayed entry repays nothing again');
      await earning.credit({ uid: me.uid, amount: 40, key: 'warning:1:revoke', reason: 'warning' });
      assert.equal((await loanOf()).outstanding, 80, 'a refund is not an earning');
      await earning.creditPending({ uid: me.uid, amount: 200, key: 'earn:post:1', reason: 'reply', maturesAt: f.clock.now() });
      await earning.mature({ targetKey: 'earn:post:1' });
      const status = (await f.services.loans.status(loan.id))!;
      assert.equal(status.state, 'repaid', 'capped at what is owed');
      assert.equal(status.repaid, 100);
      assert.equal(await f.spendable(me.uid), 100 + 40 + 40 + 40 + 200 - 100);
    });
  });
}
