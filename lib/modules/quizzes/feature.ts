import type { FeatureFactory } from '../../feature';
import { adminQuizzesPage, quizPage, quizzesApi, quizzesPage } from './http';

/** The sellers' training quizzes (issue 18 part 1): the list and quiz pages, the ACP and the API. */
export const quizzesFeature: FeatureFactory = (_host, services) => ({
  name: 'quizzes',
  pages: [
    { path: '/bonus/sellers/quizzes', access: 'member', handler: (ctx) => quizzesPage(services, ctx) },
    { path: '/bonus/sellers/quizzes/:id', access: 'member', handler: (ctx) => quizPage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus/quizzes', access: 'admin', handler: (ctx) => adminQuizzesPage(services, ctx) },
  ],
  api: quizzesApi(services),
});
