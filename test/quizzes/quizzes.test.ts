/**
 * Issue 18 part 1 through the fake forum on the sandbox's data: the correct answers and the
 * explanations are absent from the quiz page and its JSON until the member submits, then shown;
 * parallel submits over HTTP pay once per question; refusals over HTTP in the member's language
 * write nothing; the ACP's results per question; a quiz's texts are shown escaped, never as keys.
 */
import assert from 'node:assert/strict';
import { okValue, refuses } from '../host/results';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { DEMO_QUIZ, seedQuizzes } from '../host/sandbox-quizzes';
import { withoutScripts } from '../host/translator';

describe('training quizzes through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  let quizId: number;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const balance = async (name: string) => (await fake.plugin.services.sellers.ledger.balance(uid(name))).spendable;
  const SECRETS = [/extends the licence the customer has/, /Продление продлевает имеющуюся/, /a cracked screen is a hardware fault/, /"correct"/, /"explanation"/, /barcode outside identifies/, /data-correct/];

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    quizId = await seedQuizzes(fake);
  });

  it('no correct answer nor explanation before submitting (page and JSON, both languages); the review after', async () => {
    const marat = fake.agent(uid('marat'));
    for (const lang of ['en-GB', 'ru']) {
      const html = (await marat.get(`/bonus/sellers/quizzes/${quizId}?lang=${lang}`).expect(200)).text;
      const json = (await marat.get(`/api/bonus/sellers/quizzes/${quizId}?lang=${lang}`).expect(200)).text;
      for (const secret of SECRETS) {
        assert.doesNotMatch(html, secret, `${lang} page`);
        assert.doesNotMatch(json, secret, `${lang} JSON`);
      }
      assert.match(html, lang === 'ru' ? /Где код активации\?/ : /Where is the activation code\?/);
      assert.match(json, /"taken":false/);
    }
    // over HTTP the member submits (two of three right), then the page shows what was right and why
    const before = await balance('marat');
    await marat.post(`/api/v3/plugins/bonus/sellers/quizzes/${quizId}/answers`, { answers: { 1: [0], 2: [0], 3: [0] } }).expect(200);
    assert.equal(await balance('marat'), before + 40);
    const review = (await marat.get(`/bonus/sellers/quizzes/${quizId}?lang=ru`).expect(200)).text;
    assert.match(review, /Продление продлевает имеющуюся лицензию/);
    assert.match(review, /Правильно: 2 из 3 вопросов/);
    assert.match(review, /Начислено: 40 баллов продавца/);
    assert.match(review, /data-correct/);
    // the list says taken; the sellers' page links to it
    assert.match((await marat.get('/bonus/sellers/quizzes?lang=en-GB').expect(200)).text, /2 of 3 questions right/);
    assert.match((await marat.get('/bonus/sellers?lang=en-GB').expect(200)).text, /href="\/bonus\/sellers\/quizzes"/);
  });

  it('parallel submits over HTTP (a double click, two tabs): one attempt, each question paid once', async () => {
    const denis = fake.agent(uid('denis'));
    const before = await balance('denis');
    const answers = { 1: [0], 2: [1, 0], 3: [0] };
    const rs = await Promise.all(Array.from({ length: 6 }, () => denis.post(`/api/v3/plugins/bonus/sellers/quizzes/${quizId}/answers?lang=en-GB`, { answers })));
    assert.equal(rs.filter((r) => r.status === 200).length, 1);
    for (const r of rs) if (r.status !== 200) assert.equal(r.status, 409);
    assert.equal(await balance('denis'), before + 60);
    const again = await denis.post(`/api/v3/plugins/bonus/sellers/quizzes/${quizId}/answers?lang=ru`, { answers }).expect(409);
    assert.equal(again.body.status.message, 'Вы уже прошли этот тест.');
    assert.equal(await balance('denis'), before + 60);
  });

  it('refusals over HTTP in the member\'s language write nothing', async () => {
    const s = fake.plugin.services;
    const marat = fake.agent(uid('marat'));
    const url = `/api/v3/plugins/bonus/sellers/quizzes/${quizId}/answers`;
    const before = await balance('marat');
    assert.equal((await marat.post(`${url}?lang=ru`, { answers: { 1: [0] } }).expect(400)).body.status.message, 'Ответьте, пожалуйста, на все вопросы.');
    assert.equal((await marat.post(`${url}?lang=en-GB`, { answers: { 1: [7], 2: [0], 3: [0] } }).expect(400)).body.status.message, 'These answers do not fit the quiz\'s questions.');
    await marat.post(`${url}?lang=en-GB`, { answers: 'all of them' }).expect(400);
    // anna is not a seller: the quiz is not for her
    const anna = await fake.agent(uid('anna')).post(`${url}?lang=ru`, { answers: { 1: [0], 2: [0], 3: [0] } }).expect(404);
    assert.equal(anna.body.status.message, 'Такого теста нет, или он вам недоступен.');
    await fake.agent(uid('anna')).get(`/bonus/sellers/quizzes/${quizId}`).expect(404);
    assert.equal(await balance('marat'), before);
    assert.equal((await s.quizzes.store.attempts(quizId)).length, 1, 'only irina\'s');
    // admins: a quiz without both languages, or a correct option that does not exist, is refused
    const admin = fake.agent(uid('admin'));
    const bad = await admin.post('/api/v3/plugins/bonus/admin/quizzes?lang=en-GB', { ...DEMO_QUIZ, title: { 'en-GB': 'Only English', ru: '' } }).expect(400);
    assert.match(bad.body.status.message, /title/);
    const wrong = await admin.post('/api/v3/plugins/bonus/admin/quizzes?lang=ru', { ...DEMO_QUIZ, questions: [DEMO_QUIZ.questions[0], { ...DEMO_QUIZ.questions[1], correct: [5] }] }).expect(400);
    assert.equal(wrong.body.status.message, 'Проверьте поля: questions.2.correct.', 'the question counted as the editor counts it');
    await admin.post('/api/v3/plugins/bonus/admin/quizzes?lang=en-GB', { ...DEMO_QUIZ, extra: 1 }).expect(400);
    // a "choose one" question with two correct options cannot be answered right
    const one = await admin.post('/api/v3/plugins/bonus/admin/quizzes?lang=ru', { ...DEMO_QUIZ, questions: [{ ...DEMO_QUIZ.questions[0], correct: [0, 1], multiple: false }] }).expect(400);
    assert.equal(one.body.status.message, 'Проверьте поля: questions.1.multiple.');
    await fake.agent(uid('marat')).post('/api/v3/plugins/bonus/admin/quizzes?lang=en-GB', DEMO_QUIZ).expect(403);
    assert.equal((await s.quizzes.store.quizzes()).length, 1);
    // once taken, the options and correct answers are fixed
    await refuses(s.quizzes.save({ uid: uid('admin') }, quizId, { ...DEMO_QUIZ, questions: DEMO_QUIZ.questions.map((q) => ({ ...q, correct: [1] })) }), 'error.quizzes.taken-already');
    await okValue(s.quizzes.save({ uid: uid('admin') }, quizId, { ...DEMO_QUIZ, title: { 'en-GB': 'Renamed', ru: 'Переименован' } }));
  });

  it('the ACP: results per question; a quiz\'s texts are escaped and never read as keys', async () => {
    const s = fake.plugin.services;
    const admin = { uid: uid('admin') };
    const hostile = '<b>Bold</b> [[bonus:home.title]]';
    const q2 = await okValue(s.quizzes.save(admin, 0, { ...DEMO_QUIZ, title: { 'en-GB': hostile, ru: hostile }, questions: [{ ...DEMO_QUIZ.questions[0], text: { 'en-GB': hostile, ru: hostile } }] }));
    await okValue(s.quizzes.publish(admin, q2.id, true));
    const page = withoutScripts((await fake.agent(uid('marat')).get(`/bonus/sellers/quizzes/${q2.id}?lang=ru`).expect(200)).text);
    assert.match(page, /&lt;b&gt;Bold&lt;\/b&gt;/);
    assert.doesNotMatch(page, /<b>Bold/);
    assert.doesNotMatch(page, /Бонусная программа<\/h1>/);
    const acp = (await fake.agent(uid('admin')).get('/admin/plugins/bonus/quizzes?lang=en-GB').expect(200)).text;
    assert.match(acp, /Taken by 1 member/);
    assert.match(acp, /40 seller points paid/);
    assert.match(acp, /1 \/ 1 \(100 %\)/);
    assert.match(acp, /0 \/ 1 \(0 %\)/);
    await fake.agent(uid('marat')).get('/admin/plugins/bonus/quizzes').expect((r) => assert.notEqual(r.status, 200));
  });

  it('the ACP lists the newest 20 attempts by name and counts the rest (its figures count them all)', async () => {
    const s = fake.plugin.services;
    const q = (await s.quizzes.store.quizzes())[0];
    // 30 attempts written as submits write them, a minute apart
    for (let i = 0; i < 30; i += 1) await s.quizzes.store.writeAttempt(q.id, { uid: 5000 + i, at: Date.parse('2026-09-01T10:00:00Z') + i * 60_000, answers: {}, right: i % 2 ? [1] : [] });
    const all = await s.quizzes.store.attempts(q.id);
    const acp = (await fake.agent(uid('admin')).get('/admin/plugins/bonus/quizzes?lang=ru').expect(200)).text;
    const table = acp.slice(acp.indexOf('data-bonus="per-member"'));
    assert.equal((table.slice(0, table.indexOf('</table>')).match(/<tr>/g) ?? []).length, 1 + 20, 'a header and 20 rows');
    assert.match(acp, new RegExp(`раньше тест прошли ещё ${all.length - 20} участник`));
    assert.match(acp, new RegExp(`Прошли: ${all.length} участник`));
  });
});
