/**
 * Every ledger key the quizzes module writes (in the `sellers` ledger), one function each (the
 * scheme: earning/ledger-keys.ts, under the `quizzes:` kind). One key per member and question: a
 * question pays once whatever happens (a double submit, two tabs, a retry after a crash).
 */

/** A correct answer to one question of one quiz by one member. */
export const answerKey = (quizId: number, questionId: number, uid: number): string => `quizzes:${quizId}:q${questionId}:u${uid}`;
