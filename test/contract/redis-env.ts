/**
 * Suites that need a real Redis run when REDIS_URL is set. Without it they are skipped with one line
 * saying how to enable them; in CI (CI=true) a skip is a failure.
 */
const told = new Set<string>();

export function redisUrl(suite: string): string | undefined {
  const url = process.env.REDIS_URL;
  if (url) return url;
  if (process.env.CI === 'true') throw new Error(`${suite} needs REDIS_URL in CI`);
  if (told.has(suite)) return undefined;
  told.add(suite);
  console.log(`  (${suite} skipped: set REDIS_URL=redis://127.0.0.1:6379/15 and run a redis-server, e.g. apt-get install redis-server)`);
  return undefined;
}
