/** Child process: increments one hash field N times against Redis, then reports its results. */
import { RedisDatabase } from '../host/redis-db';

async function main(): Promise<void> {
  const [url, key, times] = process.argv.slice(2);
  const db = await RedisDatabase.connect(url);
  const results = await Promise.all(Array.from({ length: Number(times) }, () => db.incrObjectFieldBy(key, 'n', 1)));
  process.send?.(results);
  await db.client.quit();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
