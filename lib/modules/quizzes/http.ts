/**
 * The training quizzes over HTTP (issue 18 part 1): the list `/bonus/sellers/quizzes`, a quiz
 * `/bonus/sellers/quizzes/:id` (to take: no correct option and no explanation in the page or its
 * JSON; once taken: what was right and why), the ACP `/admin/plugins/bonus/quizzes` and the write API.
 * A quiz's texts are admin-written words: shown escaped, never keys.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { countedToken, counted } from '../../kernel/errors';
import { mapOk, refusedPage } from '../../kernel/result';
import { parseId } from '../../kernel/input';
import { dateTimeText } from '../../kernel/dates';
import { isMultiple, LANGS, PROGRAMMES, reviewView, takingView, textIn, type Quiz } from './domain';
import type { Attempt } from './store';

const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body as Record<string, unknown> : {});
const crumbs = (last: { text: string; url?: string }[]) => [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:retail.title]]', url: '/bonus/sellers' }, ...last];

function scoreText(lang: string, quiz: Quiz, attempt: Attempt): { score: string; earned: string } {
  return {
    score: countedToken(lang, 'quizzes.score', [attempt.right.length, counted(quiz.questions.length, 'questions.gen')]),
    earned: countedToken(lang, 'quizzes.earned', [counted(attempt.right.length * quiz.pointsPerAnswer, 'sellerpoints.count')]),
  };
}

/** `/bonus/sellers/quizzes`: the quizzes this member may take, taken or not. */
export async function quizzesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const list = await services.quizzes.available(ctx.uid);
  return {
    kind: 'render', template: 'bonus/quizzes', title: '[[bonus:quizzes.title]]',
    breadcrumbs: crumbs([{ text: '[[bonus:quizzes.title]]' }]),
    data: {
      quizzes: list.map(({ quiz, attempt }) => ({
        id: quiz.id, title: textIn(quiz.title, ctx.lang), url: `${ctx.relativePath}/bonus/sellers/quizzes/${quiz.id}`, taken: !!attempt,
        size: countedToken(ctx.lang, 'quizzes.size', [counted(quiz.questions.length, 'questions.count'), counted(quiz.pointsPerAnswer, 'sellerpoints.count')]),
        ...(attempt ? scoreText(ctx.lang, quiz, attempt) : { score: '', earned: '' }),
      })),
      hasQuizzes: list.length > 0,
    },
  };
}

/** `/bonus/sellers/quizzes/:id`: the quiz to take, or the member's answers reviewed. */
export async function quizPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const id = parseId(ctx.params.id);
  if (!id) return { kind: 'not-found' };
  const r = await services.quizzes.open({ uid: ctx.uid }, id);
  if (!r.ok) return refusedPage(r);
  const { quiz, attempt } = r.value;
  const data: Record<string, unknown> = attempt
    ? { ...reviewView(quiz, attempt, ctx.lang), taken: true, ...scoreText(ctx.lang, quiz, attempt) }
    : { ...takingView(quiz, ctx.lang), taken: false, perAnswer: countedToken(ctx.lang, 'quizzes.per-answer', [counted(quiz.pointsPerAnswer, 'sellerpoints.count')]) };
  data.listUrl = `${ctx.relativePath}/bonus/sellers/quizzes`;
  return {
    kind: 'render', template: 'bonus/quiz', title: '[[bonus:quizzes.title]]',
    // the quiz's own title is an admin's words: shown in the page (escaped), not in the breadcrumbs
    breadcrumbs: crumbs([{ text: '[[bonus:quizzes.title]]', url: '/bonus/sellers/quizzes' }]),
    data,
  };
}

/** How many of a quiz's attempts the ACP lists by name (the newest). */
export const LATEST_ATTEMPTS = 20;

/** The editor's form of one quiz (an empty quiz when new). */
function editorView(quiz: Quiz | null) {
  const t = (x: Record<string, string> | undefined, field: string) => LANGS.map((lang) => ({ lang, value: x?.[lang] ?? '', langText: `[[bonus:quizzes.lang.${lang.toLowerCase()}]]`, inputId: `bonus-quiz-${field}-${lang}` }));
  const questions = quiz?.questions ?? [{ id: 1, text: { 'en-GB': '', ru: '' }, options: [{ 'en-GB': '', ru: '' }, { 'en-GB': '', ru: '' }], correct: [0], explanation: { 'en-GB': '', ru: '' } }];
  return {
    id: quiz?.id ?? 0, title: t(quiz?.title, 'title'), lesson: t(quiz?.lesson, 'lesson'), pointsPerAnswer: quiz?.pointsPerAnswer ?? 20,
    programmes: PROGRAMMES.map((p) => ({ value: p, text: `[[bonus:quizzes.programme.${p}]]`, checked: quiz ? quiz.programmes.includes(p) : p === 'sellers' })),
    groups: (quiz?.groups ?? []).join(', '),
    questions: questions.map((q, n) => ({
      number: n + 1, text: t(q.text, `q${n + 1}-text`), explanation: t(q.explanation, `q${n + 1}-explanation`),
      options: t(Object.fromEntries(LANGS.map((lang) => [lang, q.options.map((o) => o[lang]).join('\n')])), `q${n + 1}-options`),
      correctId: `bonus-quiz-q${n + 1}-correct`,
      correct: q.correct.map((c) => c + 1).join(', '),
      multipleId: `bonus-quiz-q${n + 1}-multiple`,
      multiple: isMultiple(q),
    })),
  };
}

/** `/admin/plugins/bonus/quizzes[?edit=id]`: every quiz with its results per question; the editor. */
export async function adminQuizzesPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const q = services.quizzes;
  const s = await services.settings.get();
  const all = await q.store.quizzes();
  const rows = [];
  for (const quiz of all) {
    const r = await q.results({ uid: ctx.uid }, quiz.id);
    if (!r.ok) return refusedPage(r);
    // the latest attempts by name (the figures above count them all): a page stays short with thousands
    const latest = [...r.value.attempts].sort((a, b) => b.at - a.at).slice(0, LATEST_ATTEMPTS);
    const users = await services.host.users.getUsers(latest.map((a) => a.uid));
    rows.push({
      id: quiz.id, title: textIn(quiz.title, ctx.lang), published: quiz.published, editUrl: `${ctx.relativePath}/admin/plugins/bonus/quizzes?edit=${quiz.id}`,
      attempts: countedToken(ctx.lang, 'quizzes.attempts', [counted(r.value.attempts.length, 'members.count')]),
      paid: countedToken(ctx.lang, 'quizzes.paid', [counted(r.value.attempts.reduce((n, a) => n + a.right.length, 0) * quiz.pointsPerAnswer, 'sellerpoints.count')]),
      questions: r.value.perQuestion.map((p, i) => ({ number: i + 1, text: textIn(quiz.questions[i].text, ctx.lang), right: p.right, of: p.of, share: p.of ? Math.round((p.right / p.of) * 100) : 0 })),
      members: latest.map((a, i) => ({ member: users[i]?.username ?? `#${a.uid}`, score: `${a.right.length}/${quiz.questions.length}`, at: dateTimeText(a.at, ctx.lang, s.timeZone) })),
      hasMembers: latest.length > 0,
      moreText: r.value.attempts.length > latest.length ? countedToken(ctx.lang, 'quizzes.more-attempts', [counted(r.value.attempts.length - latest.length, 'members.count')]) : '',
    });
  }
  const editId = parseId(ctx.query.edit);
  const editing = editId ? all.find((x) => x.id === editId) ?? null : null;
  return {
    kind: 'render', template: 'admin/plugins/bonus-quizzes', title: '[[bonus:quizzes.admin-title]]',
    data: { quizzes: rows, hasQuizzes: rows.length > 0, editor: editorView(editing), isNew: !editing, newUrl: `${ctx.relativePath}/admin/plugins/bonus/quizzes` },
  };
}

const idOf = (ctx: ApiContext) => parseId(ctx.params.id) ?? 0;

export function quizzesApi(services: Services): ApiRoute[] {
  const q = services.quizzes;
  return [
    { method: 'post', path: '/bonus/sellers/quizzes/:id/answers', access: 'member', handler: async (ctx) => mapOk(await q.submit({ uid: ctx.uid }, idOf(ctx), body(ctx).answers), (a) => ({ right: a.right.length })) },
    { method: 'post', path: '/bonus/admin/quizzes', access: 'admin', handler: async (ctx) => mapOk(await q.save({ uid: ctx.uid }, 0, body(ctx)), (x) => ({ id: x.id })) },
    { method: 'put', path: '/bonus/admin/quizzes/:id', access: 'admin', handler: async (ctx) => mapOk(await q.save({ uid: ctx.uid }, idOf(ctx), body(ctx)), (x) => ({ id: x.id })) },
    { method: 'put', path: '/bonus/admin/quizzes/:id/published', access: 'admin', handler: async (ctx) => mapOk(await q.publish({ uid: ctx.uid }, idOf(ctx), body(ctx).published), (x) => ({ published: x.published })) },
  ];
}
