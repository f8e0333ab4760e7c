import type { Job } from '../../host/index';
import type { Services } from '../../services';

/**
 * Every few minutes: finishes or undoes the workflows a crash stopped (transfers, reversals, loan
 * repayments and write-offs; lib/kernel/steps.ts). Safe on several hosts at once and in any order with
 * the other jobs (each workflow is leased; every step is idempotent).
 */
export function stepsRecoverJob(services: Services): Job {
  return {
    name: 'bonus:steps:recover',
    cronTime: '*/5 * * * *',
    async onTick() {
      const n = await services.steps.recover();
      if (n > 0) services.host.log.warn(`[bonus] steps: ${n} interrupted workflow(s) finished or undone`);
    },
  };
}
