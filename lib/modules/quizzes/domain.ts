/**
 * The sellers' training quizzes (seed 004 §6.2.3, issue 18 items 1–2): pure rules, no I/O, no clock.
 *
 * A quiz is admin-written text in both languages (title, a short lesson, questions with options,
 * one or more correct options, an explanation): people's words, shown escaped, never translation
 * keys. A question is answered right when the member chose exactly its correct options. The member's
 * view of a quiz before they submit carries no correct option and no explanation (`takingView`).
 */

export const LANGS = ['en-GB', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
/** A text in both languages. */
export type Texts = Record<Lang, string>;

export interface Question {
  /** Stable within its quiz (1, 2, …): part of the once-per-question ledger key. */
  id: number;
  text: Texts;
  options: Texts[];
  /** Indexes (0-based) of the correct options: at least one. */
  correct: number[];
  /**
   * The admin's choice of how the question is asked: several options may be chosen (checkboxes), or
   * one (radio buttons, exactly one correct option). The page shows this, never how many are correct:
   * a "choose several" question may have one correct option. Older quizzes have no flag: theirs is
   * `correct.length > 1` (`isMultiple`).
   */
  multiple?: boolean;
  explanation: Texts;
}

export type Programme = 'club' | 'sellers';
export const PROGRAMMES: readonly Programme[] = ['club', 'sellers'];

export interface Quiz {
  id: number;
  title: Texts;
  lesson: Texts;
  questions: Question[];
  /** Seller points per correct answer (default 20, seed §6.2.3). */
  pointsPerAnswer: number;
  published: boolean;
  /** Who may take it: members of these programmes, or of these forum groups. */
  programmes: Programme[];
  groups: string[];
  createdAt: number;
}

export const DEFAULT_POINTS = 20;
export const LIMITS = { title: 200, lesson: 4000, question: 1000, option: 300, explanation: 2000, questions: 30, options: 8, points: 10_000, groups: 20 } as const;

/** The member's language's text, or the other language's when an admin left it empty. */
export function textIn(t: Texts, lang: string): string {
  const ru = String(lang).startsWith('ru');
  return (ru ? t.ru || t['en-GB'] : t['en-GB'] || t.ru) ?? '';
}

/** How the question is asked (the admin's flag, or for older quizzes: more than one correct option). */
export function isMultiple(q: Pick<Question, 'correct' | 'multiple'>): boolean {
  return q.multiple ?? q.correct.length > 1;
}

/** Exactly the correct options, in any order, each once. */
export function isRight(q: Question, chosen: readonly number[]): boolean {
  const set = new Set(chosen);
  if (set.size !== chosen.length || set.size !== q.correct.length) return false;
  return q.correct.every((c) => set.has(c));
}

/** Does a member with these programmes and groups see the quiz (published, and in its audience)? */
export function isFor(quiz: Pick<Quiz, 'published' | 'programmes' | 'groups'>, member: { programmes: readonly Programme[]; groups: readonly string[] }): boolean {
  if (!quiz.published) return false;
  return quiz.programmes.some((p) => member.programmes.includes(p)) || quiz.groups.some((g) => member.groups.includes(g));
}

export interface Graded {
  /** Question id → the options chosen. */
  answers: Record<string, number[]>;
  /** The ids of the questions answered right. */
  right: number[];
}

/** Grades a submission: every question of the quiz answered (an option index that exists, no repeats). */
export function grade(quiz: Pick<Quiz, 'questions'>, answers: Record<string, readonly number[]>): Graded | 'incomplete' | 'invalid' {
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(answers)) if (!quiz.questions.some((q) => String(q.id) === key)) return 'invalid';
  for (const q of quiz.questions) {
    const chosen = answers[String(q.id)];
    if (!chosen || chosen.length === 0) return 'incomplete';
    if (chosen.some((i) => !Number.isSafeInteger(i) || i < 0 || i >= q.options.length) || new Set(chosen).size !== chosen.length) return 'invalid';
    out[String(q.id)] = [...chosen].sort((a, b) => a - b);
  }
  return { answers: out, right: quiz.questions.filter((q) => isRight(q, out[String(q.id)])).map((q) => q.id) };
}

/** The quiz as a member takes it, in their language: no correct option, no explanation. */
export function takingView(quiz: Quiz, lang: string) {
  return {
    id: quiz.id, quizTitle: textIn(quiz.title, lang), lesson: textIn(quiz.lesson, lang), pointsPerAnswer: quiz.pointsPerAnswer,
    questions: quiz.questions.map((q, n) => ({
      id: q.id, number: n + 1, text: textIn(q.text, lang), multiple: isMultiple(q),
      options: q.options.map((o, i) => ({ index: i, text: textIn(o, lang), type: isMultiple(q) ? 'checkbox' : 'radio', name: `q${q.id}`, inputId: `bonus-q${q.id}-${i}` })),
    })),
  };
}

/** The quiz after the member submitted: what they chose, what was right, the explanations. */
export function reviewView(quiz: Quiz, graded: Graded, lang: string) {
  return {
    id: quiz.id, quizTitle: textIn(quiz.title, lang), lesson: textIn(quiz.lesson, lang), pointsPerAnswer: quiz.pointsPerAnswer,
    questions: quiz.questions.map((q, n) => {
      const chosen = graded.answers[String(q.id)] ?? [];
      return {
        id: q.id, number: n + 1, text: textIn(q.text, lang), right: graded.right.includes(q.id), explanation: textIn(q.explanation, lang),
        options: q.options.map((o, i) => ({ index: i, text: textIn(o, lang), chosen: chosen.includes(i), correct: q.correct.includes(i), wrongChoice: chosen.includes(i) && !q.correct.includes(i) })),
      };
    }),
  };
}

/** Per question: how many members answered it right, of how many attempts. */
export function questionStats(quiz: Pick<Quiz, 'questions'>, attempts: readonly Graded[]): { id: number; right: number; of: number }[] {
  return quiz.questions.map((q) => ({ id: q.id, right: attempts.filter((a) => a.right.includes(q.id)).length, of: attempts.length }));
}
