/**
 * Issue 20: a submit stopped before any of its writes. The member retries with the same key (the
 * form keeps it until an answer arrives): one request, with the number the first attempt reserved
 * when it got that far, listed once, never half written to anyone who reads it.
 */
import assert from 'node:assert/strict';
import type { Host } from '../../lib/host';
import { RequestsService } from '../../lib/modules/requests';
import { DEFAULT_TIMING, type Draft } from '../../lib/modules/requests/domain';
import { MemoryDatabase } from '../host/memory-db';
import { TestClock } from '../ledger/backends';

const MEMBER = 7, STAFF = 3;
const KEY = 'form-1a2b3c4d5e6f';
const draft: Draft = { typeId: 'points', subject: 'Where are my points?', description: 'Nothing came for my birthday.' };

async function setup() {
  const db = new MemoryDatabase();
  const clock = new TestClock();
  const host = { db, clock, messaging: { notify: async () => {}, sendEmail: async () => {} } } as unknown as Host;
  const svc = new RequestsService(host, { ownsLicence: async () => false, ownsOrder: async () => false }, { isStaff: async (uid) => uid === STAFF }, { timing: DEFAULT_TIMING, dailyLimit: 5 });
  await svc.seedTypes();
  return { db, clock, svc };
}

describe('requests: a submit stopped before any write, then retried with its key', function () {
  this.timeout(60_000);

  it('one request, listed once and once in the queue, its number kept, whatever write the first submit stopped before', async () => {
    let points = 0;
    for (let n = 1; ; n += 1) {
      const { db, clock, svc } = await setup();
      db.failAfterWrites(n);
      let crashed = false;
      try {
        const r = await svc.submit({ uid: MEMBER }, draft, KEY);
        if (!r.ok) throw new Error(JSON.stringify(r));
      } catch (err) {
        if (!(err instanceof Error) || !/crash|write/i.test(err.message)) throw err;
        crashed = true;
      }
      db.failAfterWrites(Infinity);
      if (!crashed) break;
      points += 1;
      // what readers see right after the stop: nothing, or the whole request
      const seen = await svc.mine({ uid: MEMBER });
      assert.ok(seen.ok && seen.value.length <= 1, `stop at write ${n}: ${JSON.stringify(seen)}`);
      for (const r of seen.ok ? seen.value : []) assert.equal(r.draft.subject, draft.subject);
      // the stopped submit's lock lapses (a stop between taking the lock and writing its lease leaves
      // the lease to the next caller, who starts it: "busy" once more, then free)
      let again = await svc.submit({ uid: MEMBER }, draft, KEY);
      for (let tries = 0; !again.ok && again.refusal.code === 'error.requests.busy' && tries < 2; tries += 1) {
        clock.ms += 31_000;
        again = await svc.submit({ uid: MEMBER }, draft, KEY);
      }
      assert.ok(again.ok, `stop at write ${n}: ${JSON.stringify(again)}`);
      const twice = await svc.submit({ uid: MEMBER }, draft, KEY);
      assert.ok(twice.ok && twice.value.id === again.value.id, 'the same number again');
      const mine = await svc.mine({ uid: MEMBER });
      assert.ok(mine.ok);
      assert.deepEqual(mine.value.map((r) => r.id), [again.value.id], `stop at write ${n}: one request, listed once`);
      const queue = await svc.queue({ uid: STAFF }, {});
      assert.ok(queue.ok);
      assert.deepEqual(queue.value.map((r) => r.id), [again.value.id], `stop at write ${n}: once in the queue`);
      if (seen.ok && seen.value.length === 1) assert.equal(again.value.id, seen.value[0].id, 'the number the member may have seen');
    }
    assert.ok(points >= 4, `${points} stop points`);
  });
});
