import type { Job } from '../../host/index';
import type { Services } from '../../services';

export const BACKFILL_LOOKBACK_MS = 24 * 3_600_000;

/** Posts of the last day whose post.save hook was lost become pending (idempotent per post). */
export function backfillJob(services: Services): Job {
  return {
    name: 'bonus:earning:backfill',
    cronTime: '*/10 * * * *',
    async onTick() {
      await services.earning.backfill(services.host.clock.now(), BACKFILL_LOOKBACK_MS);
    },
  };
}
