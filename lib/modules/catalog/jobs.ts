import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Finishes license-code imports a crash interrupted (CodesService.repairImports). */
export function codesRepairJob(services: Services): Job {
  return {
    name: 'bonus:codes:repair',
    cronTime: '*/10 * * * *',
    async onTick() {
      const n = await services.codes.repairImports();
      if (n > 0) services.host.log.warn(`[bonus] finished ${n} interrupted code import(s)`);
    },
  };
}
