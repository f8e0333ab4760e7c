/**
 * The crash harness: one way to test every workflow against a crash between any two database writes.
 *
 * For a workflow (`CrashCase`), for every n = 0, 1, 2, … until the workflow runs to its end:
 * 1. a fresh world is opened on a clean database (memory, or Redis);
 * 2. the workflow runs on a database that stops it before its (n+1)-th write: in `crash` mode every
 *    later write of that process fails (the process died); in `pause` mode the workflow waits there
 *    while `during` runs (something else happening at that moment, e.g. the post is deleted), then
 *    goes on;
 * 3. the clock moves past every lease and the recovery jobs run `rounds` times, in an order drawn
 *    from the seed, some of them two at a time (jobs run concurrently on several hosts);
 * 4. `check` asserts the outcome (all-or-nothing, no record half-written), and the harness asserts
 *    the ledger's own invariants for the members involved: nothing in flight, every member's counters
 *    equal the fold of their journal, and the sum of their points is what `total` says it must be.
 * Each seed repeats the whole sweep with another order of the jobs.
 */
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { LedgerStore } from '../../lib/modules/ledger/store';
import { LedgerRecovery } from '../../lib/modules/ledger/store-recovery';
import { LEDGER_KEYS } from '../../lib/modules/ledger/store-codec';
import { foldEntries } from '../../lib/modules/ledger/domain';
import { BonusError } from '../../lib/kernel/errors';
import { Crash, WRITES } from '../ledger/backends';

export interface Job { name: string; run(): Promise<unknown> }

export interface CrashCase<W> {
  name: string;
  /** A fresh world on a clean database, up to just before the workflow. */
  open(db: Database): Promise<W>;
  /** The workflow, on a database that crashes (or pauses) before one of its writes. */
  act(world: W, db: Database): Promise<unknown>;
  /** In `pause` mode: what happens while the workflow is stopped. */
  during?(world: W): Promise<void>;
  /** The recovery jobs (every job of the plugin that may touch this workflow's records). */
  jobs(world: W): Job[];
  advance(world: W, ms: number): void;
  /** Members whose points must balance; `total`: the sum their posted + pending points must have. */
  money(world: W): { db: Database; now(): number; uids: number[]; total(): Promise<number> };
  /** The workflow's outcome: all-or-nothing, no record half-written. */
  check(world: W, run: RunInfo): Promise<void>;
}

export interface RunInfo { n: number; seed: number; stopped: boolean; label: string }

export interface HarnessOptions {
  mode?: 'crash' | 'pause';
  seeds?: number[];
  rounds?: number;
  /** The clock moves this much before recovery (past every lease). */
  afterMs?: number;
  maxWrites?: number;
}

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(list: T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A database that dies (crash) or waits (pause) before its (n+1)-th write. */
function stopping(db: Database, n: number, mode: 'crash' | 'pause', reached: () => void, gate: Promise<void>): Database {
  let writes = 0;
  let fired = false;
  let dead = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (!WRITES.has(String(prop))) return value.bind(target);
      return async (...args: unknown[]) => {
        if (writes === n && !fired) {
          fired = true;
          reached();
          if (mode === 'crash') dead = true;
          else await gate;
        }
        if (dead) throw new Crash(`crash before write ${n + 1} (${String(prop)})`);
        writes += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Runs the jobs `rounds` times in a seeded order, some two at a time. */
export async function runJobs(jobs: Job[], random: () => number, rounds: number, between: () => void): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const order = shuffle(jobs, random);
    while (order.length > 0) {
      const together = order.length > 1 && random() < 0.3 ? 2 : 1;
      const batch = order.splice(0, together);
      // A job that throws is logged by the scheduler and runs again at its next tick.
      await Promise.all(batch.map((job) => job.run().catch(() => undefined)));
    }
    between();
  }
}

/** The ledger's invariants for `uids`: nothing in flight, counters = fold of the journal, the sum as expected. */
export async function assertLedgerSound(money: ReturnType<CrashCase<unknown>['money']>, label: string): Promise<void> {
  const { db, uids } = money;
  assert.deepEqual(await db.getSortedSetRange(LEDGER_KEYS.inflight, 0, -1), [], `${label}: a ledger operation is left in flight`);
  const store = new LedgerStore(db, { now: money.now });
  const recovery = new LedgerRecovery(store, 60_000, 0);
  let sum = 0;
  for (const uid of uids) {
    const { entries } = await recovery.journal(uid);
    const good = entries.filter((e): e is NonNullable<typeof e> => e !== null);
    assert.equal(good.length, entries.length, `${label}: uid ${uid} has a missing journal entry`);
    const folded = foldEntries(good);
    const counters = await store.readCounters(uid);
    assert.deepEqual(
      { pending: counters.pending, posted: counters.posted, held: counters.held },
      folded, `${label}: uid ${uid}'s counters differ from the journal`,
    );
    sum += folded.posted + folded.pending;
  }
  assert.equal(sum, await money.total(), `${label}: points were created or lost (members ${uids.join(', ')})`);
}

/** The sweep (see the file comment); returns how many writes the workflow has. */
export async function runCrashHarness<W>(open: () => Promise<Database>, c: CrashCase<W>, options: HarnessOptions = {}): Promise<number> {
  const mode = options.mode ?? 'crash';
  const seeds = options.seeds ?? [1, 2, 3];
  const rounds = options.rounds ?? 3;
  const afterMs = options.afterMs ?? 15 * 60_000;
  const maxWrites = options.maxWrites ?? 200;
  let writes = 0;
  const failures: string[] = [];
  for (const seed of seeds) {
    for (let n = 0; n <= maxWrites; n += 1) {
      const db = await open();
      const world = await c.open(db);
      let stopped = false;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      let onReached: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => { onReached = resolve; });
      const stopDb = stopping(db, n, mode, () => { stopped = true; onReached(); }, gate);
      const label = `${c.name} (${mode}, seed ${seed}, before write ${n + 1})`;
      const acting = c.act(world, stopDb).then(() => undefined, (err: unknown) => {
        if (err instanceof Crash || err instanceof BonusError) return;
        throw err;
      });
      if (mode === 'pause') {
        const first = await Promise.race([acting.then(() => 'done' as const), reached.then(() => 'paused' as const)]);
        if (first === 'paused' && c.during) await c.during(world);
        release();
      }
      await acting;
      c.advance(world, afterMs);
      const random = rng(seed * 7919 + n);
      await runJobs(c.jobs(world), random, rounds, () => c.advance(world, afterMs));
      const run = { n, seed, stopped, label };
      try {
        await c.check(world, run);
        await assertLedgerSound(c.money(world) as ReturnType<CrashCase<unknown>['money']>, label);
      } catch (err) {
        if (!(err instanceof assert.AssertionError)) throw err;
        failures.push(err.message.split('\n').slice(0, 12).join('\n'));
      }
      if (!stopped) {
        writes = Math.max(writes, n);
        break;
      }
    }
  }
  // Every stop point that went wrong, not only the first (one defect must not hide another).
  if (failures.length > 0) assert.fail(`${failures.length} stop point(s) went wrong:\n\n${failures.join('\n\n')}`);
  return writes;
}
