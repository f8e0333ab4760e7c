/**
 * Expected refusals as values (issue 12, item 4). Every public use case of a module that can refuse
 * returns a `Result`: the value, or a typed `Refusal` (what kind of refusal, the translation key of
 * its message and the message's arguments). Callers decide what a refusal means for them; nothing
 * outside a module sees an expected refusal as an exception. Unexpected errors (a database down, a
 * bug) stay exceptions.
 *
 * Inside a module a rule may still raise its refusal (`throw new BonusError(…)`) from deep in a
 * helper or a workflow step; the module's public method is written as `refusable(async () => …)`,
 * which hands the raised refusal back as the method's Result. The HTTP status a refusal gets is
 * decided here, once (`refusalStatus`), for both hosts.
 */
import { BonusError, countedToken, type ErrorArg, type RefusalKind } from './errors';

export type { RefusalKind };

/** An expected refusal: a translation key of the `bonus` namespace and its arguments, of a kind. */
export interface Refusal {
  readonly kind: RefusalKind;
  readonly code: string;
  readonly args: readonly ErrorArg[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };
/** The refused half of any Result: it can be returned as a Result of any value. */
export type Refused = { readonly ok: false; readonly refusal: Refusal };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = (code: string, args: ErrorArg[] = [], kind: RefusalKind = 'invalid'): Refused => ({ ok: false, refusal: { kind, code, args } });

/**
 * Runs a use case and returns what it produced, or the refusal one of its rules raised. Anything else
 * thrown is unexpected and propagates unchanged.
 */
export async function refusable<T>(body: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await body());
  } catch (err) {
    if (err instanceof BonusError) return { ok: false, refusal: err.refusal };
    throw err;
  }
}

/** A Result's refusal raised again inside a module (a use case that builds on another module's). */
export function valueOrRaise<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new BonusError(result.refusal.code, [...result.refusal.args], result.refusal.kind);
}

/** Maps a successful value; a refusal passes through. */
export function mapOk<T, U>(result: Result<T>, fn: (value: T) => U): Result<U> {
  return result.ok ? ok(fn(result.value)) : result;
}

/** Chains an async step on a successful value; a refusal passes through. */
export async function andThen<T, U>(result: Result<T>, fn: (value: T) => Promise<Result<U>> | Result<U>): Promise<Result<U>> {
  return result.ok ? fn(result.value) : result;
}

/** The one place a refusal becomes an HTTP status (both hosts' API routes and pages). */
export const REFUSAL_STATUS: Readonly<Record<RefusalKind, 400 | 403 | 404 | 409>> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
};
export const refusalStatus = (refusal: Refusal): 400 | 403 | 404 | 409 => REFUSAL_STATUS[refusal.kind];

/** The refusal's message for a reader of `lang` (counts in that language's plural forms). */
export const refusalMessage = (refusal: Refusal, lang: string): string => countedToken(lang, refusal.code, [...refusal.args]);

/** A page's answer to a refusal: the host shows it as `refusalStatus` says. */
export const refusedPage = (result: Refused): { kind: 'refused'; refusal: Refusal } => ({ kind: 'refused', refusal: result.refusal });
