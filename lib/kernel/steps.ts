/**
 * Durable steps: one way for every workflow to survive a crash between any two database writes.
 *
 * A workflow is a named list of steps, each with its action and (optionally) its compensation. A run
 * records its progress in the database before and after every step, so that whatever a crash
 * stopped is finished (rolled forward) or undone (compensated) by one recovery job (`recover`).
 *
 * Rules for the steps:
 * - an action is idempotent, keyed by the workflow id (ledger keys make each money step happen once;
 *   sorted-set adds and removes are idempotent by nature): recovery runs again the step a crash
 *   stopped, whose action may already have taken effect;
 * - an action refuses (throws a `BonusError`) only when it knows its effect did not happen and will
 *   not: the run then compensates the refused step and every earlier one, in reverse order, and
 *   ends `undone`; a compensation, too, is idempotent and safe when its action never took effect;
 * - `StepWait` (the outcome is not known yet, e.g. a ledger key held by an operation a crash stopped)
 *   leaves the workflow open: the recovery job tries again later.
 * - steps after one without a compensation should not refuse (what is done there is only rolled forward).
 *
 * Storage (keys under `bonus:steps:`; nothing here grows with the number of finished workflows except
 * their own small hash):
 * - `bonus:steps:{workflow}:{id}` (hash): `data` (the input, JSON, written once), `step` (steps done,
 *   an atomic counter), `undo` (1 once the run decided to compensate), `undone` (compensations done),
 *   `finished` (1 at the end), `running` (the step under way, for people), `startedAt`.
 * - `bonus:steps:open` (sorted set `{workflow}|{id}` → the time its current runner took it): the
 *   unfinished workflows, and their lease: a runner owns the workflow while its time is younger than
 *   the lease; the recovery job takes over those older (`takeLease`). A finished one leaves the set.
 *
 * Decisions read the counters atomically (an increment by 0), never a (per-process cached) hash read.
 */
import type { Clock, Database } from '../host/index';
import { BonusError } from './errors';
import { takeLease } from './lease';
import { parseStored } from './json';

/** The outcome of a step is not known yet: leave the workflow open for the recovery job. */
export class StepWait extends Error {
  constructor(reason: string) {
    super(`step waits: ${reason}`);
    this.name = 'StepWait';
  }
}

export interface StepContext {
  /** The workflow's id. */
  id: string;
  /** Runs `fn` at most once for this workflow and tag (a notification, a display counter). */
  once(tag: string, fn: () => Promise<unknown>): Promise<void>;
  /**
   * A write the step leaves for the runner to issue alongside its next progress write (issue 14:
   * one round trip less): the step counts as done without it, so it must be one whose loss a crash
   * may cause safely (recovery repairs it, or it only narrows what a re-run knows). Every deferred
   * write is issued before the run ends, whatever its end.
   */
  defer(write: () => Promise<unknown>): void;
}

export interface Step<D> {
  name: string;
  /**
   * This step may start alongside the progress write of the step before it (issue 14: one round
   * trip less). Only where running the earlier step again after this one ran is safe: after a stop
   * between the two, recovery re-runs the earlier step, then this one, and if the earlier one
   * refuses then, this one is undone too. So never on a commit point (the order's capture): an
   * earlier step run again after the commit could refuse and undo what the commit made final.
   * Without it, the progress is written first, in a round trip of its own.
   */
  withPrevious?: boolean;
  /**
   * This step has nothing to do for this input (e.g. a club order's prize gate): it is counted as
   * done with the next progress write, without a round trip of its own. Its undo still runs when a
   * later step refuses (an undo is safe where its action never took effect).
   */
  skip?(data: D): boolean;
  run(data: D, ctx: StepContext): Promise<void>;
  undo?(data: D, ctx: StepContext): Promise<void>;
}

export interface Workflow<D> {
  /** Letters, digits and dashes. */
  name: string;
  steps: Step<D>[];
  /**
   * Optional exclusion for the recovery job: runs `fn` under the lock the workflow's normal runs
   * hold (e.g. the loan's lock), or returns false without running it when that lock is taken.
   */
  exclusive?(data: D, fn: () => Promise<void>): Promise<boolean>;
}

export type StepsOutcome = 'done' | 'undone' | 'open';

export interface RunOptions {
  /**
   * The id was just allocated by the caller (an order's new id), so no other runner can know it: no
   * lease to contend for, no claim to read, the input written with the open-set entry in one round
   * trip, and a run that ends within half the lease without a refusal needs no re-read of its undo
   * mark (no takeover could have happened).
   */
  fresh?: boolean;
  /** Issued alongside the workflow leaving the open set (the caller's lock released), on every end. */
  atEnd?: () => Promise<unknown>;
}

export interface StepsRun {
  outcome: StepsOutcome;
  /** False when this call did not start the workflow (it was finished or started before). */
  started: boolean;
  /** The refusal that undid the workflow (on the run that refused). */
  refusal?: BonusError;
}

export const STEPS_LEASE_MS = 60_000;
const OPEN = 'bonus:steps:open';
const BATCH = 200;

const keyOf = (workflow: string, id: string) => `bonus:steps:${workflow}:${id}`;
const memberOf = (workflow: string, id: string) => `${workflow}|${id}`;

export class StepsStore {
  private readonly workflows = new Map<string, Workflow<unknown>>();

  constructor(private readonly db: Database, private readonly clock: Pick<Clock, 'now'>, private readonly leaseMs = STEPS_LEASE_MS) {}

  register<D>(workflow: Workflow<D>): Workflow<D> {
    if (!/^[a-z0-9-]+$/.test(workflow.name)) throw new Error(`bad workflow name ${workflow.name}`);
    this.workflows.set(workflow.name, workflow as Workflow<unknown>);
    return workflow;
  }

  /**
   * Starts the workflow `id` with `data` and runs it to its end, or resumes it if it was started
   * before and is not owned by a live runner. A refusal is thrown after the compensations; a
   * `StepWait` or a fault leaves the workflow open (the fault is thrown, the wait returns `open`).
   */
  async run<D>(workflow: Workflow<D>, id: string, data: D, opts: RunOptions = {}): Promise<StepsRun> {
    const key = keyOf(workflow.name, id);
    const member = memberOf(workflow.name, id);
    const now = this.clock.now();
    if (opts.fresh) {
      // The open-set entry and the input together: a crash between them leaves either an entry
      // without input (recovery drops it: nothing ran) or an input nothing names (nothing ran).
      const json = JSON.stringify(data);
      await Promise.all([
        this.db.sortedSetAdd(OPEN, Math.max(1, now), member),
        this.db.setObject(key, { workflow: workflow.name, id, data: json, startedAt: now, claim: 1 }),
      ]);
      return { ...(await this.drive(workflow, id, JSON.parse(json) as D, { undo: 0, step: 0, since: now }, opts.atEnd)), started: true };
    }
    const won = await takeLease(this.db, OPEN, member, now, this.leaseMs, () => this.isFinished(key));
    if (!won) return { outcome: (await this.isFinished(key)) ? await this.outcomeOf(key) : 'open', started: false };
    // the claim is taken in the same round trip as the check (a finished workflow's claim counter
    // only grows: nothing reads it but the first runner's `=== 1`)
    const [finished, claim] = await Promise.all([this.isFinished(key), this.db.incrObjectField(key, 'claim')]);
    if (finished) {
      await this.db.sortedSetRemove(OPEN, member);
      return { outcome: await this.outcomeOf(key), started: false };
    }
    let started = false;
    let stored: D | null;
    if (claim === 1) {
      const json = JSON.stringify(data);
      await this.db.setObject(key, { workflow: workflow.name, id, data: json, startedAt: now });
      started = true;
      stored = JSON.parse(json) as D; // what was just written, as a resume would read it back
    } else {
      stored = await this.dataOf<D>(key);
    }
    if (stored === null) {
      // The first runner stopped between its claim and its data: nothing ran; this input is the
      // workflow's, and this call is the one that starts it.
      await this.db.setObject(key, { workflow: workflow.name, id, data: JSON.stringify(data), startedAt: now });
      started = true;
    }
    // a workflow this call started has run nothing: its counters are known (no read)
    const result = await this.drive(workflow, id, stored ?? data, started && claim === 1 ? { undo: 0, step: 0 } : undefined, opts.atEnd);
    return { ...result, started };
  }

  /**
   * Records the workflow `id` with `data` as open and stopped (nothing run), for the recovery job or a
   * caller holding its lock (`resumeHeld`) to run: how an upgrade hands over work an earlier version
   * left half done. `fromStep`: the steps before it count as done (their compensations still run if a
   * later step refuses; each is safe when its action never took effect). Idempotent: an id already
   * started keeps its input and progress.
   */
  async enqueue<D>(workflow: Workflow<D>, id: string, data: D, fromStep = 0): Promise<void> {
    const key = keyOf(workflow.name, id);
    if ((await this.db.incrObjectField(key, 'claim')) === 1 || (await this.dataOf(key)) === null) {
      if ((await this.db.incrObjectFieldBy(key, 'step', 0)) === 0 && fromStep > 0) await this.db.incrObjectFieldBy(key, 'step', fromStep);
      await this.db.setObject(key, { workflow: workflow.name, id, data: JSON.stringify(data), startedAt: this.clock.now() });
    }
    if (!(await this.isFinished(key))) await this.db.sortedSetAdd(OPEN, 0, memberOf(workflow.name, id));
  }

  /**
   * Resumes an open workflow now, whatever its lease: for a caller that holds the lock every runner
   * of this workflow holds (so no runner is live), e.g. a loan's lock before changing the loan.
   */
  async resumeHeld(workflow: Workflow<unknown>, id: string): Promise<StepsRun> {
    const key = keyOf(workflow.name, id);
    await this.db.sortedSetAdd(OPEN, this.clock.now(), memberOf(workflow.name, id));
    const data = await this.dataOf(key);
    if (data === null || (await this.isFinished(key))) {
      await this.db.sortedSetRemove(OPEN, memberOf(workflow.name, id));
      return { outcome: data === null ? 'undone' : await this.outcomeOf(key), started: false };
    }
    return { ...(await this.drive(workflow, id, data)), started: false };
  }

  /** Ids of the open workflows of one kind whose id starts with `prefix` (the open set is small). */
  async openIds(workflow: string, prefix = ''): Promise<string[]> {
    const head = memberOf(workflow, prefix);
    const out: string[] = [];
    for (let start = 0; ; start += BATCH) {
      const members = await this.db.getSortedSetRange(OPEN, start, start + BATCH - 1);
      for (const m of members) if (m.startsWith(head)) out.push(m.slice(workflow.length + 1));
      if (members.length < BATCH) break;
    }
    return out;
  }

  /**
   * The recovery job: every open workflow whose runner stopped (lease older than `leaseMs`) is
   * finished or undone. Safe concurrently (the lease), repeatedly and in any order with other jobs.
   * `only`: these workflows only (a module's own job). Returns how many it brought to an end.
   */
  async recover(only?: readonly string[]): Promise<number> {
    const now = this.clock.now();
    const stale = await this.db.getSortedSetRangeByScore(OPEN, 0, BATCH, '-inf', now - this.leaseMs);
    let ended = 0;
    for (const member of stale) {
      const bar = member.indexOf('|');
      if (only && !only.includes(member.slice(0, bar))) continue;
      const workflow = this.workflows.get(member.slice(0, bar));
      const id = member.slice(bar + 1);
      if (!workflow) continue;
      const key = keyOf(workflow.name, id);
      const data = await this.dataOf(key);
      const resume = async (): Promise<void> => {
        // A runner that stopped between its end and leaving the open set: only the entry is left.
        if (await this.isFinished(key)) {
          await this.db.sortedSetRemove(OPEN, member);
          return;
        }
        if (!(await takeLease(this.db, OPEN, member, this.clock.now(), this.leaseMs, () => this.isFinished(key)))) return;
        if (data === null || (await this.isFinished(key))) {
          // Stopped before its data was written (nothing ran), or after its end: only the entry is left.
          await this.db.sortedSetRemove(OPEN, member);
          return;
        }
        try {
          if ((await this.drive(workflow, id, data)).outcome !== 'open') ended += 1;
        } catch (err) {
          if (!(err instanceof BonusError)) throw err;
          ended += 1;
        }
      };
      if (workflow.exclusive && data !== null) await workflow.exclusive(data, resume);
      else await resume();
    }
    return ended;
  }

  /** The input a workflow was started with (null if it was never started): who started a claimed id. */
  input<D>(workflow: string, id: string): Promise<D | null> {
    return this.dataOf<D>(keyOf(workflow, id));
  }

  /** The state of one workflow (tests and the ACP). */
  async state(workflow: string, id: string): Promise<{ outcome: StepsOutcome; step: number; undone: number } | null> {
    const key = keyOf(workflow, id);
    if ((await this.db.incrObjectFieldBy(key, 'claim', 0)) === 0) return null;
    const finished = await this.isFinished(key);
    return {
      outcome: finished ? await this.outcomeOf(key) : 'open',
      step: await this.db.incrObjectFieldBy(key, 'step', 0),
      undone: await this.db.incrObjectFieldBy(key, 'undone', 0),
    };
  }

  private async drive<D>(
    workflow: Workflow<D>, id: string, data: D, known?: { undo: number; step: number; since?: number }, atEnd?: () => Promise<unknown>,
  ): Promise<Omit<StepsRun, 'started'>> {
    const key = keyOf(workflow.name, id);
    const deferred: (() => Promise<unknown>)[] = [];
    const flush = () => deferred.splice(0).map((write) => write());
    const ctx = this.context(key, id, deferred);
    const member = memberOf(workflow.name, id);
    let refusal: BonusError | undefined;
    // both counters read in one round trip (issue 14), or known to the caller that just started it
    const [undo, from] = known ? [known.undo, known.step] : await Promise.all([this.db.incrObjectFieldBy(key, 'undo', 0), this.db.incrObjectFieldBy(key, 'step', 0)]);
    // the progress past the steps just run (or skipped), not yet written: written with the next
    // step's first calls where that step allows it (`Step.withPrevious`), otherwise alone before it
    let due = 0;
    const progress = () => {
      const by = due;
      due = 0;
      return by > 0 ? this.db.incrObjectFieldBy(key, 'step', by) : null;
    };
    let ranToEnd = false;
    try {
      if (undo === 0) {
        for (let i = from; i < workflow.steps.length; i += 1) {
          const step = workflow.steps[i];
          if (step.skip?.(data)) {
            due += 1;
            continue;
          }
          if (due > 0 && !step.withPrevious) await Promise.all([progress(), ...flush()]);
          try {
            // `running` names the step under way for whoever inspects a stopped workflow (nothing
            // decides on it): written alongside the step's first calls, not in a round trip of its own
            // (a fault of either stops the workflow here, as it would have stopped it before the step)
            const before = flush();
            const [wrote, moved, ran, ...rest] = await Promise.allSettled([this.db.setObjectField(key, 'running', step.name), progress(), step.run(data, ctx), ...before]);
            for (const r of [moved, ran, wrote, ...rest]) if (r.status === 'rejected') throw r.reason;
          } catch (err) {
            if (err instanceof StepWait) return { outcome: 'open' };
            if (!(err instanceof BonusError)) throw err;
            refusal = err;
            await Promise.all([this.db.incrObjectField(key, 'undo'), ...flush()]);
            break;
          }
          due += 1;
        }
        ranToEnd = !refusal;
      }
      // A fresh run that ended in time without a refusal knows its undo mark is 0 (no other runner
      // can have taken it over): its progress and its end are written together.
      if (ranToEnd && known?.since !== undefined && this.clock.now() - known.since < this.leaseMs / 2) {
        await Promise.all([progress(), this.db.incrObjectField(key, 'finished'), ...flush()]);
        await Promise.all([this.db.sortedSetRemove(OPEN, member), atEnd?.()]);
        atEnd = undefined;
        return { outcome: 'done' };
      }
      const [undoNow] = await Promise.all([this.db.incrObjectFieldBy(key, 'undo', 0), progress(), ...flush()]);
      if (undoNow > 0) {
        // Compensate the refused step (index `step`) and every earlier one, newest first — and the
        // step after it when that one starts alongside its progress (`withPrevious`): after a stop
        // between the two, it may have run before the earlier one refused on its re-run. (At most
        // that one: a runner goes on only once a step's calls have all settled.) A compensation is
        // safe where its action never took effect.
        const at = await this.db.incrObjectFieldBy(key, 'step', 0);
        const refused = Math.min(at + (workflow.steps[at + 1]?.withPrevious ? 1 : 0), workflow.steps.length - 1);
        for (let j = refused - (await this.db.incrObjectFieldBy(key, 'undone', 0)); j >= 0; j -= 1) {
          const step = workflow.steps[j];
          await this.db.setObjectField(key, 'running', `undo:${step.name}`);
          await step.undo?.(data, ctx);
          await Promise.all([this.db.incrObjectField(key, 'undone'), ...flush()]);
        }
      }
      await this.db.incrObjectField(key, 'finished');
      // finished first (a crash before the removal leaves it open: recovery sees it finished); the
      // outcome is read in the same round trip as the removal
      const [, outcome] = await Promise.all([this.db.sortedSetRemove(OPEN, member), this.outcomeOf(key), atEnd?.()]);
      atEnd = undefined;
      if (refusal) throw refusal;
      return { outcome };
    } finally {
      // whatever the end (a wait, a fault): nothing deferred is left behind, the caller's lock is released
      await Promise.allSettled([...flush(), atEnd?.()]);
    }
  }

  private context(key: string, id: string, deferred: (() => Promise<unknown>)[]): StepContext {
    return {
      id,
      defer: (write) => {
        deferred.push(write);
      },
      once: async (tag, fn) => {
        if ((await this.db.incrObjectField(key, `once:${tag}`)) === 1) await fn();
      },
    };
  }

  private async isFinished(key: string): Promise<boolean> {
    return (await this.db.incrObjectFieldBy(key, 'finished', 0)) > 0;
  }

  private async outcomeOf(key: string): Promise<StepsOutcome> {
    return (await this.db.incrObjectFieldBy(key, 'undo', 0)) > 0 ? 'undone' : 'done';
  }

  private async dataOf<D>(key: string): Promise<D | null> {
    return parseStored<D>(await this.db.getObjectField(key, 'data'));
  }
}
