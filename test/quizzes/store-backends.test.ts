/**
 * Issue 18 part 1 on each database backend (memory, and Redis when REDIS_URL is set): many parallel
 * submits of one member (a double click, two tabs) record one attempt and pay each correct answer
 * once; a retry after the attempt pays nothing more.
 */
import assert from 'node:assert/strict';
import type { Database, Host } from '../../lib/host';
import { QuizzesService } from '../../lib/modules/quizzes';
import { LedgerStore } from '../../lib/modules/ledger/store';
import type { SellersService } from '../../lib/modules/retail';
import { backends, TestClock } from '../ledger/backends';
import { DEMO_QUIZ } from '../host/sandbox-quizzes';

for (const backend of backends()) {
  describe(`quizzes on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    beforeEach(async () => { db = await backend.open(); });
    after(() => backend.close());

    function service() {
      const clock = new TestClock();
      const ledger = new LedgerStore(db, clock, 'sellers');
      const host = { db, clock, privileges: { isAdmin: async (uid: number) => uid === 1 }, groups: { isMemberOfAny: async () => false } } as unknown as Host;
      const sellers = { isActive: async () => true, ledger: { credit: (i: { uid: number; amount: number; key: string; reason: string; actorUid: number }) => ledger.append({ kind: 'credit', ...i }) } } as unknown as SellersService;
      return { quizzes: new QuizzesService(host, sellers), ledger };
    }

    it('parallel submits: one attempt, each correct answer paid once', async () => {
      const { quizzes, ledger } = service();
      const saved = await quizzes.save({ uid: 1 }, 0, DEMO_QUIZ);
      assert.ok(saved.ok);
      const id = saved.ok ? saved.value.id : 0;
      assert.ok((await quizzes.publish({ uid: 1 }, id, true)).ok);
      // two members, twelve submits each at once (two of three right for member 7, three for member 8)
      const results = await Promise.all(Array.from({ length: 24 }, (_, i) => quizzes.submit({ uid: i % 2 ? 8 : 7 }, id, i % 2 ? { 1: [0], 2: [0, 1], 3: [0] } : { 1: [0], 2: [1], 3: [0] })));
      for (const uid of [7, 8]) {
        const mine = results.filter((_, i) => (i % 2 ? 8 : 7) === uid);
        assert.equal(mine.filter((r) => r.ok).length, 1, `member ${uid}: one attempt`);
        for (const r of mine) if (!r.ok) assert.match(r.refusal.code, /^error\.quizzes\.(busy|taken)$/);
      }
      assert.equal((await ledger.readCounters(7)).spendable, 40);
      assert.equal((await ledger.readCounters(8)).spendable, 60);
      // a retry later: refused as taken, nothing more paid
      const again = await quizzes.submit({ uid: 7 }, id, { 1: [0], 2: [0, 1], 3: [0] });
      assert.equal(again.ok ? '' : again.refusal.code, 'error.quizzes.taken');
      assert.equal((await ledger.readCounters(7)).spendable, 40);
      assert.equal((await quizzes.store.attempts(id)).length, 2);
    });

    it('an attempt written but not paid (a crash between the two): the next submit pays it, once, and is refused as taken', async () => {
      const { quizzes, ledger } = service();
      const saved = await quizzes.save({ uid: 1 }, 0, DEMO_QUIZ);
      const id = saved.ok ? saved.value.id : 0;
      assert.ok((await quizzes.publish({ uid: 1 }, id, true)).ok);
      await quizzes.store.writeAttempt(id, { uid: 9, at: 1, answers: { 1: [0], 2: [1], 3: [0] }, right: [1, 3] });
      const rs = await Promise.all([1, 2, 3].map(() => quizzes.submit({ uid: 9 }, id, { 1: [0], 2: [0, 1], 3: [0] })));
      assert.ok(rs.every((r) => !r.ok));
      assert.equal((await ledger.readCounters(9)).spendable, 40, 'the recorded attempt is paid, not the new answers');
    });
  });
}
