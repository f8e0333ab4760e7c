import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Finishes warnings and revocations a crash interrupted, and frees stale claims (WarningService.repair). */
export function warningsRepairJob(services: Services): Job {
  return {
    name: 'bonus:warnings:repair',
    cronTime: '*/10 * * * *',
    async onTick() {
      const r = await services.warnings.repair();
      if (r.deducted + r.released > 0) services.host.log.warn(`[bonus] warnings repair: ${r.deducted} deducted, ${r.released} claims released`);
    },
  };
}
