import type { Job } from '../../host/index';
import type { Services } from '../../services';

/** Matures (or cancels, after re-reading the forum) the post points whose hold window has passed. */
export function settleJob(services: Services): Job {
  return {
    name: 'bonus:earning:settle',
    cronTime: '*/5 * * * *',
    async onTick() {
      // Runs until a batch comes back short, so a backlog after downtime drains in one tick.
      for (let i = 0; i < 20; i++) {
        const r = await services.earning.settleDue(services.host.clock.now());
        if (r.matured + r.cancelled < 500) break;
      }
    },
  };
}
