/**
 * A JSON value the plugin stored in a hash field or a sorted-set member: the value, or null when it
 * is absent or unreadable (a record a crash cut short is treated as not written).
 */
export function parseStored<T>(raw: unknown): T | null {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
