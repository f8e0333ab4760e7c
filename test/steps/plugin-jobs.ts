/** What the crash cases share: the plugin's jobs and services on another database (a crashing one). */
import type { Database, Job as HostJob } from '../../lib/host/index';
import { features } from '../../lib/features';
import { createServices, type Services } from '../../lib/services';
import type { Finance } from '../finance/harness';
import type { Job } from './crash-harness';

/** Every job of the plugin, as the forum would schedule them. */
export function pluginJobs(f: Finance): Job[] {
  const jobs: HostJob[] = features.flatMap((make) => make(f.host, f.services).jobs ?? []);
  return jobs.map((job) => ({ name: job.name, run: async () => { await job.onTick(); } }));
}

export const on = (f: Finance, db: Database): Services => createServices({ ...f.host, db });
export const DAY = 24 * 60 * 60_000;

