/**
 * The sellers' training quizzes (issue 18 items 1–2) as admins and members meet them.
 *
 * - Admins write a quiz (both languages), publish it for programmes and groups, and read its
 *   results per question. A quiz's questions cannot change once a member has taken it (the results
 *   and the payments would no longer match); its publication can.
 * - A member takes a quiz once: under the member's lock for the quiz (a lease), the attempt is
 *   written once, then every correct answer pays `pointsPerAnswer` seller points with its own
 *   ledger key (member + question), so a double submit, two tabs or a retry pay nothing twice.
 *   A submit that finds the attempt already written re-pays its keys (nothing, unless a crash
 *   stopped the first one half-way) and is refused as taken.
 * - The correct options and the explanations leave the server only in `review`, after the attempt.
 */
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host';
import { BonusError, translationToken } from '../../kernel/errors';
import { LeaseLocks } from '../../kernel/lease';
import { parseOrThrow } from '../../kernel/input';
import { assertAdmin } from '../catalog';
import type { SellersService } from '../retail';
import { grade, isFor, isMultiple, questionStats, type Programme, type Quiz } from './domain';
import { answerKey } from './ledger-keys';
import { answersSchema, quizSchema } from './input';
import { QUIZZES_KEYS, QuizzesStore, type Attempt } from './store';

const LOCK_MS = 30_000;

/**
 * The admin's quiz, or a refusal naming the fields to check as the editor numbers them (question 2,
 * option 1: counted from one, not zod's zero-based indexes).
 */
function parseQuiz(input: unknown) {
  const r = quizSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues;
  // a body that is not an object, or unknown fields: the shared refusals
  if (issues.some((i) => i.path.length === 0 || i.code === 'unrecognized_keys')) return parseOrThrow(quizSchema, input, 'error.quizzes.invalid-fields');
  const fields = [...new Set(issues.map((i) => i.path.map((p) => (typeof p === 'number' ? String(p + 1) : String(p))).join('.')))];
  throw new BonusError('error.quizzes.invalid-fields', [fields.join(', ')]);
}

export class QuizzesService {
  readonly store: QuizzesStore;
  private readonly locks: LeaseLocks;

  constructor(private readonly host: Host, private readonly sellers: SellersService) {
    this.store = new QuizzesStore(host.db);
    this.locks = new LeaseLocks(host.db, QUIZZES_KEYS.locks, QUIZZES_KEYS.lockLeases);
  }

  private async underLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    if (!(await this.locks.tryLock(name, this.host.clock.now(), LOCK_MS))) throw new BonusError('error.quizzes.busy', [], 'conflict');
    try {
      return await fn();
    } finally {
      await this.locks.unlock(name);
    }
  }

  /** The member's programmes and groups, as a quiz's audience reads them. */
  private async mayTake(uid: number, quiz: Quiz): Promise<boolean> {
    if (!(uid > 0) || !quiz.published) return false;
    const programmes: Programme[] = ['club'];
    if (quiz.programmes.includes('sellers') && (await this.sellers.isActive(uid))) programmes.push('sellers');
    const groups = quiz.groups.length && (await this.host.groups.isMemberOfAny(uid, quiz.groups)) ? quiz.groups : [];
    return isFor(quiz, { programmes, groups });
  }

  /** The published quizzes this member may take, with their attempt if they took it. */
  async available(uid: number): Promise<{ quiz: Quiz; attempt: Attempt | null }[]> {
    const out: { quiz: Quiz; attempt: Attempt | null }[] = [];
    for (const quiz of await this.store.quizzes()) {
      if (await this.mayTake(uid, quiz)) out.push({ quiz, attempt: await this.store.attempt(quiz.id, uid) });
    }
    return out;
  }

  /** One quiz for this member (refused when it is not for them) with their attempt, if any. */
  open(caller: Caller, quizId: number): Promise<Result<{ quiz: Quiz; attempt: Attempt | null }>> {
    return refusable(async () => {
      const quiz = await this.store.quiz(quizId);
      if (!quiz || !(await this.mayTake(caller.uid, quiz))) throw new BonusError('error.quizzes.no-quiz', [], 'not-found');
      return { quiz, attempt: await this.store.attempt(quizId, caller.uid) };
    });
  }

  /** The member's answers: graded, recorded once, every correct answer paid once. */
  submit(caller: Caller, quizId: number, answers: unknown): Promise<Result<Attempt>> {
    return refusable(() => this.doSubmit(caller, quizId, answers));
  }

  private async doSubmit(caller: Caller, quizId: number, rawAnswers: unknown): Promise<Attempt> {
    if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
    const quiz = await this.store.quiz(quizId);
    if (!quiz || !(await this.mayTake(caller.uid, quiz))) throw new BonusError('error.quizzes.no-quiz', [], 'not-found');
    const answers = parseOrThrow(answersSchema, rawAnswers, 'error.quizzes.answers');
    const graded = grade(quiz, answers);
    if (graded === 'incomplete') throw new BonusError('error.quizzes.incomplete');
    if (graded === 'invalid') throw new BonusError('error.quizzes.answers', ['']);
    return this.underLock(`attempt:${quizId}:${caller.uid}`, async () => {
      const before = await this.store.attempt(quizId, caller.uid);
      if (before) {
        await this.pay(quiz, before);
        throw new BonusError('error.quizzes.taken', [], 'conflict');
      }
      const attempt: Attempt = { uid: caller.uid, at: this.host.clock.now(), ...graded };
      await this.store.writeAttempt(quizId, attempt);
      await this.pay(quiz, attempt);
      return attempt;
    });
  }

  private async pay(quiz: Quiz, attempt: Attempt): Promise<void> {
    if (quiz.pointsPerAnswer <= 0) return;
    for (const qid of attempt.right) {
      const paid = await this.sellers.ledger.credit({ uid: attempt.uid, amount: quiz.pointsPerAnswer, key: answerKey(quiz.id, qid, attempt.uid), reason: translationToken('quizzes.reason.answer', [quiz.id]), actorUid: attempt.uid });
      if (!paid.ok) throw new BonusError(`error.${paid.code}`, [], 'conflict');
    }
  }

  // --- admins ---

  /** Creates (id 0) or changes a quiz; its questions are fixed once a member has taken it. */
  save(caller: Caller, quizId: number, input: unknown): Promise<Result<Quiz>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const data = parseQuiz(input);
      const old = quizId > 0 ? await this.store.quiz(quizId) : null;
      if (quizId > 0 && !old) throw new BonusError('error.quizzes.no-quiz', [], 'not-found');
      const questions = data.questions.map((q, i) => ({ ...q, id: i + 1 }));
      if (old && (await this.store.hasAttempts(old.id)) && JSON.stringify(old.questions.map((q) => [q.options.length, q.correct, isMultiple(q)])) !== JSON.stringify(questions.map((q) => [q.options.length, q.correct, isMultiple(q)]))) {
        throw new BonusError('error.quizzes.taken-already', [], 'conflict');
      }
      const quiz: Quiz = {
        id: old?.id ?? (await this.store.nextId()), title: data.title, lesson: data.lesson, questions, pointsPerAnswer: data.pointsPerAnswer,
        programmes: [...new Set(data.programmes)], groups: [...new Set(data.groups)], published: old?.published ?? false, createdAt: old?.createdAt ?? this.host.clock.now(),
      };
      await this.store.write(quiz);
      return quiz;
    });
  }

  /** Publishes or withdraws a quiz (a published quiz needs an audience). */
  publish(caller: Caller, quizId: number, published: unknown): Promise<Result<Quiz>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      if (typeof published !== 'boolean') throw new BonusError('error.quizzes.invalid-fields', ['published']);
      const quiz = await this.store.quiz(quizId);
      if (!quiz) throw new BonusError('error.quizzes.no-quiz', [], 'not-found');
      if (published && quiz.programmes.length === 0 && quiz.groups.length === 0) throw new BonusError('error.quizzes.no-audience');
      const next = { ...quiz, published };
      await this.store.write(next);
      return next;
    });
  }

  /** A quiz's results: attempts, points paid, and per question how many answered right. */
  results(caller: Caller, quizId: number): Promise<Result<{ quiz: Quiz; attempts: Attempt[]; perQuestion: { id: number; right: number; of: number }[] }>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const quiz = await this.store.quiz(quizId);
      if (!quiz) throw new BonusError('error.quizzes.no-quiz', [], 'not-found');
      const attempts = await this.store.attempts(quizId);
      return { quiz, attempts, perQuestion: questionStats(quiz, attempts) };
    });
  }
}
