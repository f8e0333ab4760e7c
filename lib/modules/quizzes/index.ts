/**
 * The public face of the quizzes module (the sellers' training quizzes, issue 18 part 1): the
 * composition root imports only this file.
 */
export { QuizzesService } from './service';
export { quizzesFeature } from './feature';
