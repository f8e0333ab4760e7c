import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Weekly and monthly top-3 once each period has ended and settled (TopService: exactly once). */
export function topJob(services: Services): Job {
  return {
    name: 'bonus:top:award',
    cronTime: '*/15 * * * *',
    async onTick() {
      await services.top.run(services.host.clock.now());
    },
  };
}
