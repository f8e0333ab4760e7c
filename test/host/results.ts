/**
 * Test helpers for use cases that answer with a `Result` (lib/kernel/result.ts): `okValue` is the
 * value of one that must succeed (a refusal fails the test, naming it); `refuses` asserts a refusal
 * and checks it as `assert.rejects` checks an error (a RegExp against the refusal's message token,
 * its code, a predicate, or an object of expected fields).
 */
import assert, { AssertionError } from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import { refusalStatus, type Refusal, type Result } from '../../lib/kernel/result';

export async function okValue<T>(p: Promise<Result<T>> | Result<T>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new AssertionError({ message: `expected success, but it was refused: ${asError(r.refusal).message} (${r.refusal.kind})` });
  return r.value;
}

/** The refusal as the error it used to be thrown as: `code`, `args`, `kind`, its message token and HTTP `status`. */
export type RefusalError = BonusError & { status: number };
export function asError(refusal: Refusal): RefusalError {
  return Object.assign(new BonusError(refusal.code, [...refusal.args], refusal.kind), { status: refusalStatus(refusal) });
}

export type RefusalMatcher = RegExp | string | ((e: RefusalError) => boolean | void) | Partial<Pick<RefusalError, 'code' | 'kind' | 'status' | 'message'>>;

export async function refuses(p: Promise<Result<unknown>> | Result<unknown>, expected?: RefusalMatcher, message?: string): Promise<RefusalError> {
  const r = await p;
  if (r.ok) throw new AssertionError({ message: message ?? `expected a refusal, but it succeeded: ${JSON.stringify(r.value)?.slice(0, 300)}` });
  const e = asError(r.refusal);
  if (expected === undefined) return e;
  if (expected instanceof RegExp) assert.match(e.message, expected, message);
  else if (typeof expected === 'string') assert.equal(e.code, expected, message);
  else if (typeof expected === 'function') {
    const verdict = expected(e);
    if (verdict === false) throw new AssertionError({ message: message ?? `the refusal did not match: ${e.message} (${e.kind})` });
  } else {
    for (const [k, v] of Object.entries(expected)) assert.deepEqual((e as unknown as Record<string, unknown>)[k], v, message ?? `refusal ${k}`);
  }
  return e;
}

/**
 * The use case's value, or its refusal thrown as the `BonusError` it stands for: for races among
 * many calls (`Promise.allSettled`), where each outcome is sorted by whether it was refused.
 */
export async function asThrown<T>(p: Promise<Result<T>> | Result<T>): Promise<T> {
  const r = await p;
  if (!r.ok) throw asError(r.refusal);
  return r.value;
}

/** `Promise.allSettled` over use cases: a refused one is "rejected" with its refusal as the error. */
export function settleAll<T>(ps: Iterable<Promise<Result<T>>>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled([...ps].map((p) => asThrown(p)));
}
