/**
 * The one place member and admin input is turned into numbers and checked as a whole (issue 11,
 * item 7). Ids and quantities are canonical integers: a JSON integer, or a string of decimal digits
 * without sign, leading zeros, exponent or hex (`"16"`, never `"0x10"`, `"1e0"`, `"01"`, `""`,
 * `null`, `false` or `[]`). Every schema and route parameter uses these, so nothing is coerced
 * loosely anywhere. A refusal names what is wrong: the fields at fault, the unknown fields, or a
 * body that is not an object.
 */
import { z } from 'zod';
import { BonusError } from './errors';
import { ok, type Result } from './result';

const CANONICAL = /^(0|[1-9][0-9]{0,15})$/;

/** A canonical integer within [min, max] (JSON number or decimal string). */
export const canonicalInt = (min: number, max: number = Number.MAX_SAFE_INTEGER) => z.union([
  z.number().int().min(min).max(max),
  z.string().regex(CANONICAL).transform(Number).pipe(z.number().int().min(min).max(max)),
]);

/** An id of a product, order, claim, loan, member (positive). */
export const idSchema = canonicalInt(1);

/** A route or query parameter as an id; null when it is not a canonical positive integer. */
export function parseId(raw: unknown): number | null {
  const r = idSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * A route parameter that must be an id: anything else is 0, an id no record has, so the use case
 * answers "not found" as for a missing record (an adapter never refuses on its own).
 */
export function idParam(raw: unknown): number {
  return parseId(raw) ?? 0;
}

/**
 * Parses input with a schema, or throws a translated refusal naming what is wrong: a body that is
 * not an object, the unknown fields, or the fields whose values are invalid.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, key = 'error.catalog.invalid-fields'): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues;
  if (issues.some((i) => i.path.length === 0 && i.code === 'invalid_type')) throw new BonusError('error.body-not-object');
  const unknown = issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : []));
  if (unknown.length) throw new BonusError('error.unknown-fields', [[...new Set(unknown)].join(', ')]);
  const fields = [...new Set(issues.map((i) => i.path.join('.')).filter(Boolean))];
  throw new BonusError(key, [fields.join(', ')]);
}

/** `parseOrThrow` as a Result: for an adapter, which answers a refusal rather than raising it. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, key = 'error.catalog.invalid-fields'): Result<T> {
  try {
    return ok(parseOrThrow(schema, input, key));
  } catch (err) {
    if (err instanceof BonusError) return { ok: false, refusal: err.refusal };
    throw err;
  }
}
