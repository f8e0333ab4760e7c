/** What admins and members send to the quizzes (zod). */
import { z } from 'zod';
import { LIMITS } from './domain';

const texts = (max: number, required = true) => z.object({
  'en-GB': z.string().trim().max(max),
  ru: z.string().trim().max(max),
}).strict().refine((t) => !required || (t['en-GB'] !== '' && t.ru !== ''), { message: 'both languages' });

export const questionSchema = z.object({
  text: texts(LIMITS.question),
  options: z.array(texts(LIMITS.option)).min(2).max(LIMITS.options),
  correct: z.array(z.number().int().min(0)).min(1).max(LIMITS.options),
  /** Several options may be chosen (absent: several when more than one is correct). */
  multiple: z.boolean().optional(),
  explanation: texts(LIMITS.explanation),
}).strict()
  .refine((q) => new Set(q.correct).size === q.correct.length && q.correct.every((c) => c < q.options.length), { message: 'correct', path: ['correct'] })
  // a "choose one" question has exactly one correct option
  .refine((q) => q.multiple !== false || q.correct.length === 1, { message: 'multiple', path: ['multiple'] })
  .transform((q) => ({ ...q, multiple: q.multiple ?? q.correct.length > 1 }));

export const quizSchema = z.object({
  title: texts(LIMITS.title),
  lesson: texts(LIMITS.lesson, false),
  questions: z.array(questionSchema).min(1).max(LIMITS.questions),
  pointsPerAnswer: z.number().int().min(0).max(LIMITS.points),
  programmes: z.array(z.enum(['club', 'sellers'])).max(2),
  groups: z.array(z.string().trim().min(1).max(200)).max(LIMITS.groups),
}).strict();
export type QuizInput = z.infer<typeof quizSchema>;

/** Question id → the options chosen (their indexes). */
export const answersSchema = z.record(z.string().regex(/^\d{1,3}$/), z.array(z.number().int().min(0).max(99)).max(LIMITS.options));
