/**
 * Points are whole numbers (PROGRAM: "баллы", BAL). Two branded types keep amounts honest:
 * `Points` is a non-negative integer (an amount moved by a ledger entry, a price, a balance floor),
 * `PointsDelta` is any signed integer (an admin adjustment, a balance that a penalty took below 0).
 * The constructors are the only way to make them, and they refuse anything else.
 */
declare const pointsBrand: unique symbol;
declare const deltaBrand: unique symbol;

export type Points = number & { readonly [pointsBrand]: 'Points' };
export type PointsDelta = number & { readonly [deltaBrand]: 'PointsDelta' };

/** Largest amount a single entry may move; keeps every sum far inside Number.MAX_SAFE_INTEGER. */
export const MAX_ENTRY_POINTS = 1_000_000_000;

export function isPoints(value: unknown): value is Points {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isPointsDelta(value: unknown): value is PointsDelta {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** A non-negative integer amount; throws RangeError otherwise (a programming error, not a refusal). */
export function points(value: number): Points {
  if (!isPoints(value)) throw new RangeError(`points: not a non-negative integer: ${String(value)}`);
  return value;
}

/** A signed integer amount; throws RangeError otherwise. */
export function pointsDelta(value: number): PointsDelta {
  if (!isPointsDelta(value)) throw new RangeError(`pointsDelta: not an integer: ${String(value)}`);
  return value;
}

/** An amount a single ledger entry may carry: a positive integer up to MAX_ENTRY_POINTS. */
export function isEntryAmount(value: unknown): value is Points {
  return isPoints(value) && value > 0 && value <= MAX_ENTRY_POINTS;
}

/** Parses a stored string (Redis returns strings) as an integer; null for anything else. */
export function parseStoredInt(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
