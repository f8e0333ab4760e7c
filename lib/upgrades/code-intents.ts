/**
 * NodeBB plugin upgrade (plugin.json `upgrades`, run once by `./nodebb upgrade`): license-code imports
 * an earlier version started and a crash stopped (its import intents, `bonus:catalog:codes:intents`)
 * are finished as durable-steps workflows (`code-import`), the one recovery mechanism now. Idempotent.
 */
import { plugin } from '../runtime';

export const name = 'Bonus: interrupted code imports finished on durable steps';
export const timestamp = Date.UTC(2026, 11, 3, 13);

export async function method(this: { progress?: { total: number; incr(n?: number): void } } | undefined): Promise<void> {
  const finished = await plugin().services.codes.finishLegacyImports();
  if (this?.progress) this.progress.total = finished;
  this?.progress?.incr(finished);
}
