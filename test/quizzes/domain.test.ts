/** Issue 18 part 1, the quizzes' rules by tables: grading, the audience, the member's views. */
import assert from 'node:assert/strict';
import { grade, isFor, isRight, questionStats, reviewView, takingView, textIn, type Question, type Quiz } from '../../lib/modules/quizzes/domain';

const t = (en: string, ru = `${en} (ru)`) => ({ 'en-GB': en, ru });
const q = (id: number, correct: number[], n = 3): Question => ({ id, text: t(`Q${id}`), options: Array.from({ length: n }, (_, i) => t(`o${i}`)), correct, explanation: t(`why ${id}`) });
const quiz: Quiz = { id: 7, title: t('Title'), lesson: t('Lesson'), questions: [q(1, [0]), q(2, [0, 2])], pointsPerAnswer: 20, published: true, programmes: ['sellers'], groups: ['Trainees'], createdAt: 0 };

describe('quizzes domain', () => {
  it('a question is right with exactly its correct options', () => {
    const table: [number[], number[], boolean][] = [
      [[0], [0], true], [[0], [1], false], [[0], [0, 1], false], [[0, 2], [2, 0], true], [[0, 2], [0], false], [[0, 2], [0, 2, 1], false], [[0, 2], [0, 0], false], [[1], [], false],
    ];
    for (const [correct, chosen, right] of table) assert.equal(isRight(q(1, correct), chosen), right, `${correct} / ${chosen}`);
  });

  it('grading: every question answered, options that exist, no unknown question', () => {
    const table: [Record<string, number[]>, ReturnType<typeof grade> | string][] = [
      [{ 1: [0], 2: [0, 2] }, { answers: { 1: [0], 2: [0, 2] }, right: [1, 2] }],
      [{ 1: [1], 2: [2, 0] }, { answers: { 1: [1], 2: [0, 2] }, right: [2] }],
      [{ 1: [0] }, 'incomplete'],
      [{ 1: [0], 2: [] }, 'incomplete'],
      [{ 1: [3], 2: [0] }, 'invalid'],
      [{ 1: [-1], 2: [0] }, 'invalid'],
      [{ 1: [0, 0], 2: [0] }, 'invalid'],
      [{ 1: [0], 2: [0], 9: [0] }, 'invalid'],
    ];
    for (const [answers, expected] of table) assert.deepEqual(grade(quiz, answers), expected, JSON.stringify(answers));
  });

  it('the audience: published, and a programme or a group of the member', () => {
    const table: [Partial<Quiz>, { programmes: ('club' | 'sellers')[]; groups: string[] }, boolean][] = [
      [{}, { programmes: ['club', 'sellers'], groups: [] }, true],
      [{}, { programmes: ['club'], groups: [] }, false],
      [{}, { programmes: ['club'], groups: ['Trainees'] }, true],
      [{ published: false }, { programmes: ['club', 'sellers'], groups: ['Trainees'] }, false],
      [{ programmes: ['club'], groups: [] }, { programmes: ['club'], groups: [] }, true],
      [{ programmes: [], groups: [] }, { programmes: ['club', 'sellers'], groups: ['Trainees'] }, false],
    ];
    for (const [change, member, may] of table) assert.equal(isFor({ ...quiz, ...change }, member), may, JSON.stringify([change, member]));
  });

  it('the member\'s language, or the other one where the admin left it empty', () => {
    assert.equal(textIn(t('A', 'Б'), 'ru'), 'Б');
    assert.equal(textIn(t('A', 'Б'), 'en-GB'), 'A');
    assert.equal(textIn(t('A', ''), 'ru'), 'A');
    assert.equal(textIn(t('', 'Б'), 'en-GB'), 'Б');
  });

  it('the view to take carries no correct option and no explanation; the review carries both', () => {
    const taking = JSON.stringify(takingView(quiz, 'en-GB'));
    assert.doesNotMatch(taking, /correct|why|explanation/);
    const review = reviewView(quiz, { answers: { 1: [1], 2: [0, 2] }, right: [2] }, 'ru');
    assert.equal(review.questions[0].right, false);
    assert.deepEqual(review.questions[0].options.map((o) => [o.chosen, o.correct]), [[false, true], [true, false], [false, false]]);
    assert.equal(review.questions[1].explanation, 'why 2 (ru)');
  });

  it('how a question is asked is the admin\'s flag, not its number of correct options', () => {
    const view = (qs: Question[]) => takingView({ ...quiz, questions: qs }, 'en-GB').questions.map((x) => [x.multiple, x.options[0].type]);
    // "choose several" with one correct option looks exactly like one with two
    assert.deepEqual(view([{ ...q(1, [0]), multiple: true }, { ...q(2, [0, 2]), multiple: true }]), [[true, 'checkbox'], [true, 'checkbox']]);
    assert.deepEqual(view([{ ...q(1, [1]), multiple: false }]), [[false, 'radio']]);
    // older quizzes (no flag): several when more than one is correct
    assert.deepEqual(view([q(1, [0]), q(2, [0, 2])]), [[false, 'radio'], [true, 'checkbox']]);
  });

  it('results per question', () => {
    assert.deepEqual(questionStats(quiz, [{ answers: {}, right: [1] }, { answers: {}, right: [1, 2] }]), [{ id: 1, right: 2, of: 2 }, { id: 2, right: 1, of: 2 }]);
  });
});
