/**
 * Every ledger key the game module writes (in the `sellers` ledger), one function each (the scheme:
 * earning/ledger-keys.ts, under the `game:` kind). One key per session: a session pays once.
 */

/** A verified game session's seller points. */
export const sessionKey = (sessionId: number): string => `game:session:${sessionId}`;
