/**
 * `fn` over `items` with at most `limit` calls under way at once; the results in the items' order.
 * For jobs that work through a page of independent items (each post's settlement, each member's
 * gift): their round trips overlap instead of adding up (issue 14, goal 4). The first failure is
 * thrown once the calls under way have ended; no new call starts after it.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
  return results;
}
