import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Birthday gifts: reads only the index entries whose window may hold today; the ledger key pays once. */
export function birthdaysJob(services: Services): Job {
  return {
    name: 'bonus:birthdays:gift',
    cronTime: '7 * * * *',
    async onTick() {
      await services.birthdays.run(services.host.clock.now());
    },
  };
}
