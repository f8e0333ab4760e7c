import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { takeLease } from '../../lib/kernel/lease';
import { backends } from '../ledger/backends';

/** `db` whose `n`-th write waits for `gate` (a caller stopped at that point while another runs). */
function pauseWrite(db: Database, n: number, gate: Promise<void>): Database {
  let writes = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!/^(sortedSet(IncrBy|Add|Remove)|incr|set|delete)/.test(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        writes += 1;
        if (writes === n) await gate;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * The lease every lock and claim of the plugin rests on (lib/kernel/lease.ts): one holder at a time,
 * and a stale lease taken over by exactly one of the callers that find it stale at once.
 */
for (const backend of backends()) {
  describe(`kernel: takeLease on ${backend.name}`, function () {
    this.timeout(60_000);
    const LEASE = 1000;
    after(() => backend.close());

    it('a stale lease is taken over by one caller however many race', async () => {
      const db = await backend.open();
      for (let round = 0; round < 30; round += 1) {
        const member = `m${round}`;
        assert.equal(await takeLease(db, 'test:leases', member, 1000, LEASE, async () => false), true);
        assert.equal(await takeLease(db, 'test:leases', member, 1500, LEASE, async () => false), false, 'held');
        const now = 5000 + round;
        const won = await Promise.all(Array.from({ length: 4 }, () => takeLease(db, 'test:leases', member, now, LEASE, async () => false)));
        assert.equal(won.filter(Boolean).length, 1, `round ${round}: ${won}`);
        assert.equal(await db.sortedSetScore('test:leases', member), now, 'scored by the winner');
        assert.equal(await takeLease(db, 'test:leases', member, now + 1, LEASE, async () => false), false, 'the winner holds it');
      }
    });

    it('two callers who both found the lease stale: the one stopped before its takeover write does not take it from the other', async () => {
      const db = await backend.open();
      assert.equal(await takeLease(db, 'test:leases', 'x', 1000, LEASE, async () => false), true);
      let open!: () => void;
      const gate = new Promise<void>((resolve) => { open = resolve; });
      // A reads the lease stale, then stops before its third write (its takeover) …
      const a = takeLease(pauseWrite(db, 3, gate), 'test:leases', 'x', 5000, LEASE, async () => false);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // … B finds it stale too and takes it over …
      const b = await takeLease(db, 'test:leases', 'x', 5001, LEASE, async () => false);
      // … then A goes on.
      open();
      const results = [await a, b];
      assert.equal(results.filter(Boolean).length, 1, `one holder: ${results}`);
      assert.equal(results[1], true, 'B, who took it first, keeps it');
      assert.equal(await db.sortedSetScore('test:leases', 'x'), 5001);
    });

    it('a stale lease whose work is done is not taken over', async () => {
      const db = await backend.open();
      assert.equal(await takeLease(db, 'test:leases', 'd', 1000, LEASE, async () => false), true);
      assert.equal(await takeLease(db, 'test:leases', 'd', 9000, LEASE, async () => true), false);
      assert.equal(await db.sortedSetScore('test:leases', 'd'), 1000);
    });
  });
}
