/**
 * The training quizzes on the database port, under `bonus:quizzes:` (private to the module).
 *
 * A quiz is one hash (its JSON); the quizzes a sorted set by creation time. A member's attempt is
 * ONE field of the quiz's attempts hash (uid → the graded answers), written once under the
 * member's lock for that quiz; the payments themselves are guarded by ledger keys.
 */
import type { Database } from '../../host';
import { parseStored as parseJson } from '../../kernel/json';
import type { Graded, Quiz } from './domain';

const K = {
  ids: 'bonus:quizzes:ids',
  all: 'bonus:quizzes:all',
  quiz: (id: number) => `bonus:quizzes:quiz:${id}`,
  attempts: (id: number) => `bonus:quizzes:attempts:${id}`,
  locks: 'bonus:quizzes:locks',
  lockLeases: 'bonus:quizzes:lock-leases',
} as const;
export const QUIZZES_KEYS = K;

export interface Attempt extends Graded {
  uid: number;
  at: number;
}

export class QuizzesStore {
  constructor(readonly db: Database) {}

  nextId(): Promise<number> {
    return this.db.incrObjectField(K.ids, 'quiz');
  }

  async write(quiz: Quiz): Promise<void> {
    await this.db.setObject(K.quiz(quiz.id), { id: quiz.id, json: JSON.stringify(quiz) });
    await this.db.sortedSetAdd(K.all, quiz.createdAt, quiz.id);
  }

  async quiz(id: number): Promise<Quiz | null> {
    const raw = await this.db.getObjectField(K.quiz(id), 'json');
    return parseJson<Quiz>(raw);
  }

  /** Every quiz, newest first. */
  async quizzes(): Promise<Quiz[]> {
    const ids = await this.db.getSortedSetRevRange(K.all, 0, -1);
    const all = await Promise.all(ids.map((id) => this.quiz(Number(id))));
    return all.filter((q): q is Quiz => q !== null);
  }

  async attempt(quizId: number, uid: number): Promise<Attempt | null> {
    return parseJson<Attempt>(await this.db.getObjectField(K.attempts(quizId), String(uid)));
  }

  async writeAttempt(quizId: number, attempt: Attempt): Promise<void> {
    await this.db.setObjectField(K.attempts(quizId), String(attempt.uid), JSON.stringify(attempt));
  }

  async attempts(quizId: number): Promise<Attempt[]> {
    const all = (await this.db.getObject(K.attempts(quizId))) ?? {};
    return Object.values(all).map((v) => parseJson<Attempt>(v)).filter((a): a is Attempt => a !== null).sort((a, b) => a.at - b.at);
  }

  async hasAttempts(quizId: number): Promise<boolean> {
    const all = await this.db.getObject(K.attempts(quizId));
    return !!all && Object.keys(all).length > 0;
  }
}
