/**
 * The durable-steps runner shared by every workflow (lib/kernel/steps.ts): services register their
 * workflows on it when they are built, and the one recovery job (lib/modules/ledger/jobs-steps.ts) finishes or undoes
 * whatever a crash stopped.
 */
import type { Host } from '../host/index';
import { StepWait, StepsStore } from './steps';

export { StepWait, type Step, type StepContext, type StepsRun, type Workflow } from './steps';

export class StepsService extends StepsStore {
  constructor(host: Host) {
    super(host.db, host.clock);
  }
}

/**
 * A keyed step's result (a ledger entry, for one): written now or before, not known yet (`busy`: the
 * key is held by an operation a crash stopped, so the step waits), or a fault (thrown as an error,
 * never a refusal: a step refuses only what it knows did not happen).
 */
export function settled(r: { ok: boolean; code?: string }, what: string): void {
  if (r.ok) return;
  if (r.code === 'busy') throw new StepWait(what);
  throw new Error(`[bonus] ${what}: ledger refused (${r.code})`);
}
