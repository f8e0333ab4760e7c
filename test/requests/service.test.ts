/**
 * Issue 20, the requests' use cases on each database backend (memory, and Redis when REDIS_URL is
 * set): who may read and write a request, internal notes, the status flow, the daily limit, racing
 * submits and replies, and the reminder / automatic-close job with the clock moved.
 */
import assert from 'node:assert/strict';
import type { Database, Host } from '../../lib/host';
import { RequestsService } from '../../lib/modules/requests';
import { DAY, DEFAULT_TIMING as T, type Draft } from '../../lib/modules/requests/domain';
import { backends, TestClock } from '../ledger/backends';

const MEMBER = 7, OTHER = 8, STAFF = 3, ADMIN = 1;
const draft: Draft = { typeId: 'application', licenceId: 'L7', subject: 'It fails', description: 'Error 0x1', os: 'Windows 11', version: '21.3' };

for (const backend of backends()) {
  describe(`requests on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    let clock: TestClock;
    let svc: RequestsService;
    beforeEach(async () => {
      db = await backend.open();
      clock = new TestClock();
      const host = { db, clock, messaging: { notify: async () => {}, sendEmail: async () => {} } } as unknown as Host;
      svc = new RequestsService(host, { ownsLicence: async (uid, id) => id === `L${uid}`, ownsOrder: async (uid, id) => id === uid * 100 }, { isStaff: async (uid) => uid === STAFF || uid === ADMIN }, { timing: T, dailyLimit: 3 });
      await svc.seedTypes();
    });
    after(() => backend.close());

    async function file(uid = MEMBER, d: Draft = draft) {
      const r = await svc.submit({ uid }, d);
      assert.ok(r.ok, JSON.stringify(r));
      return r.value;
    }

    it('a draft with a problem is refused with its reason and writes nothing', async () => {
      for (const [d, code] of [
        [{ ...draft, typeId: 'nope' }, 'error.requests.draft.type'],
        [{ ...draft, licenceId: 'L8' }, 'error.requests.draft.licence-not-yours'],
        [{ ...draft, typeId: 'order', licenceId: undefined, orderId: 800 }, 'error.requests.draft.order-not-yours'],
        [{ ...draft, typeId: 'viruslab' }, 'error.requests.draft.file-required'],
      ] as [Draft, string][]) {
        const r = await svc.submit({ uid: MEMBER }, d);
        assert.ok(!r.ok && r.refusal.code === code, `${code}: ${JSON.stringify(r)}`);
      }
      assert.equal((await svc.submit({ uid: 0 }, draft)).ok, false);
      const mine = await svc.mine({ uid: MEMBER });
      assert.ok(mine.ok && mine.value.length === 0);
    });

    it('who sees a request: the requester and staff; another member and a guest get "not found"; internal notes only staff', async () => {
      const req = await file();
      assert.ok((await svc.post({ uid: STAFF }, req.id, 'internal: check the logs', true)).ok);
      assert.ok((await svc.post({ uid: STAFF }, req.id, 'Please send the log')).ok);
      const member = await svc.view({ uid: MEMBER }, req.id);
      assert.ok(member.ok);
      assert.deepEqual(member.value.messages.map((m) => m.text), ['Please send the log']);
      for (const uid of [STAFF, ADMIN]) {
        const v = await svc.view({ uid }, req.id);
        assert.ok(v.ok && v.value.messages.length === 2, `staff ${uid}`);
      }
      for (const uid of [OTHER, 0]) {
        const v = await svc.view({ uid }, req.id);
        assert.ok(!v.ok && v.refusal.kind === 'not-found', `uid ${uid}`);
        const p = await svc.post({ uid }, req.id, 'hello');
        assert.ok(!p.ok && p.refusal.kind === 'not-found');
        assert.equal((await svc.close({ uid }, req.id)).ok, false);
      }
      // a member cannot write an internal note, even on their own request
      assert.equal((await svc.post({ uid: MEMBER }, req.id, 'x', true)).ok, false);
      const other = await svc.mine({ uid: OTHER });
      assert.ok(other.ok && other.value.length === 0);
    });

    it('the status flow: new → waiting for the member → waiting for staff → closed → reopened; time to first reply kept', async () => {
      const req = await file();
      clock.ms += 3600_000;
      const a = await svc.post({ uid: STAFF }, req.id, 'Which version?');
      assert.ok(a.ok && a.value.status === 'member' && a.value.firstReplyAt === req.createdAt + 3600_000);
      const b = await svc.post({ uid: MEMBER }, req.id, '21.3');
      assert.ok(b.ok && b.value.status === 'staff');
      const c = await svc.close({ uid: STAFF }, req.id);
      assert.ok(c.ok && c.value.status === 'closed' && c.value.closedBy === 'staff');
      const d = await svc.post({ uid: MEMBER }, req.id, 'one more thing');
      assert.ok(!d.ok && d.refusal.code === 'error.requests.closed');
      const e = await svc.reopen({ uid: MEMBER }, req.id);
      assert.ok(e.ok && e.value.status === 'staff' && e.value.closedAt === undefined);
      assert.ok((await svc.close({ uid: MEMBER }, req.id)).ok);
      clock.ms += T.reopenWindow + 1;
      const f = await svc.reopen({ uid: MEMBER }, req.id);
      assert.ok(!f.ok && f.refusal.code === 'error.requests.reopen-window-passed');
      assert.ok((await svc.reopen({ uid: STAFF }, req.id)).ok);
    });

    it('the daily limit holds against parallel submits', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => svc.submit({ uid: MEMBER }, draft)));
      const mine = await svc.mine({ uid: MEMBER });
      assert.ok(mine.ok);
      assert.ok(mine.value.length <= 3 && mine.value.length === results.filter((r) => r.ok).length);
      for (const r of results) if (!r.ok) assert.match(r.refusal.code, /^error\.requests\.(busy|daily-limit)$/);
      assert.equal(mine.value.length, 3, 'each submit waits for the one before it, so exactly the limit is filed');
      const over = await svc.submit({ uid: MEMBER }, draft);
      assert.ok(!over.ok && over.refusal.code === 'error.requests.daily-limit');
      clock.ms += DAY + 1;
      assert.ok((await svc.submit({ uid: MEMBER }, draft)).ok);
    });

    it('two staff and the member writing at once: every message lands (each waits for the lock of the request)', async () => {
      const req = await file();
      const results = await Promise.all([svc.post({ uid: STAFF }, req.id, 'one'), svc.post({ uid: ADMIN }, req.id, 'two'), svc.post({ uid: MEMBER }, req.id, 'three')]);
      assert.ok(results.every((r) => r.ok), JSON.stringify(results));
      const v = await svc.view({ uid: STAFF }, req.id);
      assert.ok(v.ok);
      assert.deepEqual(v.value.messages.map((m) => m.text).sort(), ['one', 'three', 'two']);
      assert.equal(v.value.request.firstReplyAt !== undefined, true);
    });

    it('the staff queue: only staff; filters by type, status, assignee and age; assignment only to staff', async () => {
      const a = await file();
      clock.ms += 2 * DAY;
      const b = await file(OTHER, { typeId: 'presale', subject: 'Price?', description: 'How much?' });
      for (const uid of [MEMBER, OTHER, 0]) assert.equal((await svc.queue({ uid }, {})).ok, false, `uid ${uid}`);
      const ids = async (f: Parameters<RequestsService['queue']>[1]) => { const q = await svc.queue({ uid: STAFF }, f); assert.ok(q.ok); return q.value.map((r) => r.id); };
      assert.deepEqual(await ids({}), [b.id, a.id]);
      assert.deepEqual(await ids({ typeId: 'presale' }), [b.id]);
      assert.deepEqual(await ids({ olderThan: DAY }), [a.id]);
      assert.ok((await svc.post({ uid: STAFF }, a.id, 'hi')).ok);
      assert.deepEqual(await ids({ status: 'member' }), [a.id]);
      assert.deepEqual(await ids({ status: 'new' }), [b.id]);
      const bad = await svc.assign({ uid: STAFF }, a.id, OTHER);
      assert.ok(!bad.ok && bad.refusal.code === 'error.requests.assignee');
      assert.equal((await svc.assign({ uid: MEMBER }, a.id, STAFF)).ok, false);
      assert.ok((await svc.assign({ uid: ADMIN }, a.id, STAFF)).ok);
      assert.deepEqual(await ids({ assignee: STAFF }), [a.id]);
      assert.deepEqual(await ids({ assignee: 0 }), [b.id]);
      assert.ok((await svc.assign({ uid: STAFF }, a.id, 0)).ok);
      assert.deepEqual(await ids({ assignee: 0 }), [b.id, a.id]);
    });

    it('the job with the clock moved: each reminder once, then the close; repeated and concurrent runs agree', async () => {
      const req = await file();
      assert.ok((await svc.post({ uid: STAFF }, req.id, 'Send the log, please')).ok);
      clock.ms += T.remindEvery - 1;
      assert.deepEqual(await svc.runJob(), { reminded: [], closed: [] });
      clock.ms += 1;
      const runs = await Promise.all([svc.runJob(), svc.runJob(), svc.runJob()]);
      assert.equal(runs.flatMap((r) => r.reminded).length, 1);
      assert.deepEqual(await svc.runJob(), { reminded: [], closed: [] });
      clock.ms += T.autoCloseAfter;
      const closing = await Promise.all([svc.runJob(), svc.runJob()]);
      assert.deepEqual(closing.flatMap((r) => r.closed), [req.id]);
      assert.deepEqual(closing.flatMap((r) => r.reminded), []);
      const v = await svc.view({ uid: MEMBER }, req.id);
      assert.ok(v.ok && v.value.request.status === 'closed' && v.value.request.closedBy === 'auto');
      assert.deepEqual(await svc.runJob(), { reminded: [], closed: [] });
      // the member reopens within the window; the job leaves a request waiting for staff alone
      assert.ok((await svc.reopen({ uid: MEMBER }, req.id)).ok);
      clock.ms += 100 * DAY;
      assert.deepEqual(await svc.runJob(), { reminded: [], closed: [] });
    });

    it('the ACP dashboard\'s figures (issue 21): open by status, the oldest waiting for staff, the median time to a first staff reply per period', async () => {
      const HOUR = 60 * 60 * 1000;
      const start = clock.ms;
      const a = await file(MEMBER);
      clock.ms += HOUR;
      const b = await file(OTHER, { ...draft, licenceId: 'L8' });
      clock.ms += HOUR;
      assert.ok((await svc.post({ uid: STAFF }, a.id, 'Please send the log')).ok); // a: 2 h to a first reply
      clock.ms += 3 * HOUR;
      assert.ok((await svc.post({ uid: STAFF }, b.id, 'internal: look at it', true)).ok); // a note is not a reply
      const c = await file(MEMBER);
      assert.ok((await svc.post({ uid: STAFF }, b.id, 'Fixed in 21.4')).ok); // b: 4 h
      assert.ok((await svc.close({ uid: MEMBER }, c.id)).ok);
      const period = { from: start, until: clock.ms + 1 };
      const before = { from: start - 10 * DAY, until: start };
      const d = await svc.dashboardSummary([period, before]);
      assert.equal(d.open, 2, 'a and b; c is closed');
      assert.deepEqual(d.byStatus, { new: 0, staff: 0, member: 2 });
      assert.equal(d.oldestWaitingAt, null, 'nobody waits for staff');
      assert.deepEqual(d.firstReply[0], { created: 3, answered: 2, medianMs: 3 * HOUR });
      assert.deepEqual(d.firstReply[1], { created: 0, answered: 0, medianMs: null });
      // the member answers: a waits for staff since then
      clock.ms += HOUR;
      assert.ok((await svc.post({ uid: MEMBER }, a.id, 'Here it is')).ok);
      const e = await svc.dashboardSummary([period, before]);
      assert.deepEqual(e.byStatus, { new: 0, staff: 1, member: 1 });
      assert.equal(e.oldestWaitingAt, clock.ms);
    });
  });
}
