/**
 * The durable-steps runner shared by every workflow (lib/kernel/steps.ts): services register their
 * workflows on it when they are built, and the one recovery job (lib/modules/ledger/jobs-steps.ts) finishes or undoes
 * whatever a crash stopped.
 */
import type { Host } from '../host/index';
import { StepsStore } from './steps';

export { StepWait, type Step, type StepContext, type StepsRun, type Workflow } from './steps';

export class StepsService extends StepsStore {
  constructor(host: Host) {
    super(host.db, host.clock);
  }
}
