import { type RefusalError } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import { StepWait, StepsStore, STEPS_LEASE_MS, type Workflow } from '../../lib/kernel/steps';
import { backends, TestClock } from '../ledger/backends';

interface Data { n: number }

for (const backend of backends()) {
  describe(`durable steps on ${backend.name}`, () => {
    let steps: StepsStore;
    let clock: TestClock;
    let log: string[];
    let refuseAt: string | null;
    let waitOnce: boolean;
    let flow: Workflow<Data>;

    beforeEach(async () => {
      clock = new TestClock();
      steps = new StepsStore(await backend.open(), clock);
      log = [];
      refuseAt = null;
      waitOnce = false;
      const step = (name: string) => ({
        name,
        run: async (d: Data) => {
          if (name === refuseAt) throw new BonusError('error.test.refused');
          if (name === 'b' && waitOnce) {
            waitOnce = false;
            throw new StepWait('not known yet');
          }
          log.push(`${name}:${d.n}`);
        },
        undo: async (d: Data) => { log.push(`undo-${name}:${d.n}`); },
      });
      flow = steps.register({ name: 'test-flow', steps: [step('a'), step('b'), step('c')] });
    });
    after(() => backend.close());

    it('runs the steps in order, records the end and leaves the open set; a repeat changes nothing', async () => {
      assert.deepEqual(await steps.run(flow, '1', { n: 7 }), { outcome: 'done', started: true });
      assert.deepEqual(log, ['a:7', 'b:7', 'c:7']);
      assert.deepEqual(await steps.state('test-flow', '1'), { outcome: 'done', step: 3, undone: 0 });
      assert.deepEqual(await steps.openIds('test-flow'), []);
      assert.deepEqual(await steps.run(flow, '1', { n: 8 }), { outcome: 'done', started: false });
      assert.deepEqual(log, ['a:7', 'b:7', 'c:7']);
    });

    it('a refusal undoes the refused step and every earlier one, newest first, then is thrown', async () => {
      refuseAt = 'c';
      await assert.rejects(steps.run(flow, '2', { n: 1 }), (e: RefusalError) => e.code === 'error.test.refused');
      assert.deepEqual(log, ['a:1', 'b:1', 'undo-c:1', 'undo-b:1', 'undo-a:1']);
      assert.deepEqual(await steps.state('test-flow', '2'), { outcome: 'undone', step: 2, undone: 3 });
      assert.deepEqual(await steps.openIds('test-flow'), []);
    });

    it('withPrevious: a step starts with the progress of the one before; after a stop between them, an earlier step that refuses on its re-run undoes that step too', async () => {
      const db = await backend.open();
      const s2 = new StepsStore(db, clock);
      const seen: string[] = [];
      let stopAtProgress = false;
      let aRefuses = false;
      const wf = s2.register<Data>({
        name: 'test-with-previous',
        steps: [
          { name: 'a', run: async () => { if (aRefuses) throw new BonusError('error.test.late'); seen.push('a'); }, undo: async () => { seen.push('undo-a'); } },
          { name: 'b', withPrevious: true, run: async () => { seen.push('b'); }, undo: async () => { seen.push('undo-b'); } },
          { name: 'c', run: async () => { seen.push('c'); } },
        ],
      });
      // in a normal run, b's start and a's progress share a round trip; all three run
      assert.deepEqual(await s2.run(wf, 'ok', { n: 1 }), { outcome: 'done', started: true });
      assert.deepEqual(seen.splice(0), ['a', 'b', 'c']);
      assert.deepEqual(await s2.state('test-with-previous', 'ok'), { outcome: 'done', step: 3, undone: 0 });
      // a stop: a's progress write fails while b runs (the process dies there)
      const incrBy = db.incrObjectFieldBy.bind(db);
      db.incrObjectFieldBy = async (key: string, field: string, by: number) => {
        if (stopAtProgress && field === 'step' && by > 0) throw new Error('stopped');
        return incrBy(key, field, by);
      };
      stopAtProgress = true;
      await assert.rejects(s2.run(wf, 'stop', { n: 2 }), /stopped/);
      assert.deepEqual(seen.splice(0), ['a', 'b']);
      assert.equal((await s2.state('test-with-previous', 'stop'))?.step, 0, 'a\'s progress was not written');
      stopAtProgress = false;
      // recovery re-runs a, which now refuses (its window passed): b, which ran, is undone with a
      aRefuses = true;
      clock.ms += STEPS_LEASE_MS + 1;
      await s2.recover(['test-with-previous']);
      assert.deepEqual(seen.splice(0), ['undo-b', 'undo-a']);
      assert.equal((await s2.state('test-with-previous', 'stop'))?.outcome, 'undone');
    });

    it('a fresh run: a skipped step costs nothing and still counts, a deferred write lands with the next progress, the caller\'s end runs once', async () => {
      const db = await backend.open();
      const s2 = new StepsStore(db, clock);
      const seen: string[] = [];
      let refuse = false;
      const wf = s2.register<Data>({
        name: 'test-fresh',
        steps: [
          { name: 'a', run: async (d, ctx) => { ctx.defer(async () => { seen.push('deferred'); await db.setObjectField(`t:fresh:${d.n}`, 'a', 1); }); }, undo: async () => { seen.push('undo-a'); } },
          { name: 'gate', skip: () => true, run: async () => { throw new Error('a skipped step must not run'); }, undo: async () => { seen.push('undo-gate'); } },
          { name: 'b', run: async () => { if (refuse) throw new BonusError('error.test.late'); seen.push('b'); } },
        ],
      });
      let ended = 0;
      const atEnd = async () => { ended += 1; };
      assert.deepEqual(await s2.run(wf, '1', { n: 1 }, { fresh: true, atEnd }), { outcome: 'done', started: true });
      assert.deepEqual(seen.splice(0), ['deferred', 'b'], 'the deferred write went out before b ran');
      assert.equal(String(await db.getObjectField('t:fresh:1', 'a')), '1');
      assert.equal(ended, 1);
      assert.deepEqual(await s2.state('test-fresh', '1'), { outcome: 'done', step: 3, undone: 0 });
      assert.deepEqual(await s2.openIds('test-fresh'), []);
      // a refusal: every step before it undone (the skipped one too: its undo is safe), the end once
      refuse = true;
      await assert.rejects(s2.run(wf, '2', { n: 2 }, { fresh: true, atEnd }), /error.test.late/);
      assert.deepEqual(seen.splice(0), ['deferred', 'undo-gate', 'undo-a']);
      assert.equal(ended, 2);
      assert.equal((await s2.state('test-fresh', '2'))?.outcome, 'undone');
      assert.deepEqual(await s2.openIds('test-fresh'), []);
    });

    it('a step whose outcome is not known leaves the workflow open; the recovery job ends it after the lease, once', async () => {
      waitOnce = true;
      assert.deepEqual(await steps.run(flow, '3', { n: 2 }), { outcome: 'open', started: true });
      assert.deepEqual(await steps.openIds('test-flow'), ['3']);
      assert.equal(await steps.recover(), 0, 'its runner still holds the lease');
      clock.ms += STEPS_LEASE_MS + 1;
      // Two hosts at once: the lease lets one of them run it.
      const ended = await Promise.all([steps.recover(), steps.recover()]);
      assert.equal(ended[0] + ended[1], 1);
      assert.deepEqual(log, ['a:2', 'b:2', 'c:2']);
      assert.deepEqual(await steps.state('test-flow', '3'), { outcome: 'done', step: 3, undone: 0 });
      assert.equal(await steps.recover(), 0);
    });

    it('a runner that stopped mid-way is resumed from the step it was in, with the data it started with', async () => {
      waitOnce = true;
      await steps.run(flow, '4', { n: 3 });
      assert.deepEqual(await steps.run(flow, '4', { n: 99 }), { outcome: 'open', started: false }, 'a live runner owns it');
      clock.ms += STEPS_LEASE_MS + 1;
      assert.deepEqual(await steps.run(flow, '4', { n: 99 }), { outcome: 'done', started: false });
      assert.deepEqual(log, ['a:3', 'b:3', 'c:3']);
    });
  });
}
