// ---------------------------------------------------------------------------------------------
// Database: the subset of NodeBB's database API the plugin uses (src/database/*).
// Semantics are Redis's: hash values and set members read back as strings, numbers must be parsed
// at the store boundary. Hash reads may be served from a per-process cache in a real forum, so a
// money decision must never rest on them; decide on the return value of an atomic increment.
// ---------------------------------------------------------------------------------------------

export type HashValue = string | number;
export type StoredHash = Record<string, string>;

export interface ScoredValue {
  value: string;
  score: number;
}

export interface Database {
  // hashes
  setObject(key: string, data: Record<string, HashValue>): Promise<void>;
  setObjectField(key: string, field: string, value: HashValue): Promise<void>;
  /** Many hashes written in one batch (NodeBB's `setObjectBulk`); an empty list writes nothing. */
  setObjectBulk(items: [key: string, data: Record<string, HashValue>][]): Promise<void>;
  getObject(key: string): Promise<StoredHash | null>;
  getObjects(keys: string[]): Promise<(StoredHash | null)[]>;
  getObjectField(key: string, field: string): Promise<string | null>;
  getObjectFields(key: string, fields: string[]): Promise<Record<string, string | null>>;
  getObjectsFields(keys: string[], fields: string[]): Promise<Record<string, string | null>[]>;
  getObjectKeys(key: string): Promise<string[]>;
  isObjectField(key: string, field: string): Promise<boolean>;
  deleteObjectField(key: string, field: string): Promise<void>;
  deleteObjectFields(key: string, fields: string[]): Promise<void>;
  /** Atomic; returns the new value. */
  incrObjectField(key: string, field: string): Promise<number>;
  /** Atomic; returns the new value. */
  decrObjectField(key: string, field: string): Promise<number>;
  /** Atomic; integers only; returns the new value. */
  incrObjectFieldBy(key: string, field: string, by: number): Promise<number>;
  /** Many increments in one batch (NodeBB's `incrObjectFieldByBulk`): each atomic, integers only; returns nothing. */
  incrObjectFieldByBulk(items: [key: string, increments: Record<string, number>][]): Promise<void>;

  // sorted sets (ordered by score, then by value lexicographically, as Redis orders them)
  sortedSetAdd(key: string, score: number, value: string | number): Promise<void>;
  sortedSetAddBulk(items: [key: string, score: number, value: string | number][]): Promise<void>;
  /** Many members into one set in one command (NodeBB's `sortedSetAdd` given lists; one ZADD on Redis); none adds nothing. */
  sortedSetAddMany(key: string, members: [score: number, value: string | number][]): Promise<void>;
  /** One value or many (one ZREM); an empty list removes nothing. */
  sortedSetRemove(key: string, value: string | number | (string | number)[]): Promise<void>;
  sortedSetsRemove(keys: string[], value: string | number): Promise<void>;
  /** Many removals of one value from one set each, in one batch (NodeBB's `sortedSetRemoveBulk`). */
  sortedSetRemoveBulk(items: [key: string, value: string | number][]): Promise<void>;
  sortedSetsRemoveRangeByScore(keys: string[], min: number | '-inf', max: number | '+inf'): Promise<void>;
  /** Inclusive indices; negative indices count from the end (stop -1 = last). */
  getSortedSetRange(key: string, start: number, stop: number): Promise<string[]>;
  getSortedSetRevRange(key: string, start: number, stop: number): Promise<string[]>;
  getSortedSetRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]>;
  getSortedSetRevRangeWithScores(key: string, start: number, stop: number): Promise<ScoredValue[]>;
  /** count -1 = no limit. */
  getSortedSetRangeByScore(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<string[]>;
  getSortedSetRevRangeByScore(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<string[]>;
  getSortedSetRangeByScoreWithScores(key: string, start: number, count: number, min: number | '-inf', max: number | '+inf'): Promise<ScoredValue[]>;
  getSortedSetRevRangeByScoreWithScores(key: string, start: number, count: number, max: number | '+inf', min: number | '-inf'): Promise<ScoredValue[]>;
  sortedSetScore(key: string, value: string | number): Promise<number | null>;
  sortedSetScores(key: string, values: (string | number)[]): Promise<(number | null)[]>;
  /** One value's score in each of many sets, in one batch (NodeBB's `sortedSetsScore`). */
  sortedSetsScore(keys: string[], value: string | number): Promise<(number | null)[]>;
  sortedSetCard(key: string): Promise<number>;
  /** The sizes of many sets, in one batch (NodeBB's `sortedSetsCard`). */
  sortedSetsCard(keys: string[]): Promise<number[]>;
  sortedSetCount(key: string, min: number | '-inf', max: number | '+inf'): Promise<number>;
  /** Atomic; returns the new score. */
  sortedSetIncrBy(key: string, increment: number, value: string | number): Promise<number>;
  isSortedSetMember(key: string, value: string | number): Promise<boolean>;

  // sets
  setAdd(key: string, value: string | number | (string | number)[]): Promise<void>;
  /** One value into each of many sets, in one batch (NodeBB's `setsAdd`). */
  setsAdd(keys: string[], value: string | number): Promise<void>;
  setRemove(key: string, value: string | number | (string | number)[]): Promise<void>;
  isSetMember(key: string, value: string | number): Promise<boolean>;
  getSetMembers(key: string): Promise<string[]>;
  setCount(key: string): Promise<number>;

  // keys
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  deleteAll(keys: string[]): Promise<void>;
  /** Atomic counter on a plain key; returns the new value. */
  increment(key: string): Promise<number>;
}
