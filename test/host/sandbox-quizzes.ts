/**
 * Issue 18 part 1, the sellers' training quizzes in the sandbox (`npm start`, the quizzes' browser
 * test): one published quiz of three questions for the sellers' programme, taken by irina (two of
 * three right); marat and denis have not taken it yet.
 */
import type { FakeHost } from './index';
import { okValue } from './results';

export const DEMO_QUIZ = {
  title: { 'en-GB': 'Security suites: what to tell a customer', ru: 'Антивирус: что сказать покупателю' },
  lesson: {
    'en-GB': 'A box holds a card with the activation code; the customer enters it in the app. A renewal extends the current licence, keeping its devices. A security suite protects against malware, ransomware and phishing sites, not against hardware faults.',
    ru: 'В коробке — карточка с кодом активации; покупатель вводит его в приложении. Продление продлевает текущую лицензию на тех же устройствах. Антивирус защищает от вредоносных программ, вымогателей и фишинговых сайтов, но не от поломок техники.',
  },
  pointsPerAnswer: 20,
  programmes: ['sellers' as const],
  groups: [] as string[],
  questions: [
    {
      text: { 'en-GB': 'A customer\'s licence ends next month. What should they buy?', ru: 'Лицензия покупателя заканчивается в следующем месяце. Что ему купить?' },
      options: [
        { 'en-GB': 'A renewal licence', ru: 'Лицензию на продление' },
        { 'en-GB': 'Nothing: it renews itself', ru: 'Ничего: она продлится сама' },
        { 'en-GB': 'A new computer', ru: 'Новый компьютер' },
      ],
      correct: [0],
      explanation: { 'en-GB': 'A renewal extends the licence the customer has, on the same devices.', ru: 'Продление продлевает имеющуюся лицензию на тех же устройствах.' },
    },
    {
      text: { 'en-GB': 'What does a security suite protect against?', ru: 'От чего защищает антивирус?' },
      options: [
        { 'en-GB': 'Phishing sites', ru: 'Фишинговые сайты' },
        { 'en-GB': 'Ransomware', ru: 'Программы-вымогатели' },
        { 'en-GB': 'A cracked screen', ru: 'Разбитый экран' },
      ],
      correct: [0, 1],
      explanation: { 'en-GB': 'Phishing and ransomware, yes; a cracked screen is a hardware fault.', ru: 'Фишинг и вымогатели — да; разбитый экран — поломка техники.' },
    },
    {
      text: { 'en-GB': 'Where is the activation code?', ru: 'Где код активации?' },
      options: [
        { 'en-GB': 'On the card inside the box', ru: 'На карточке внутри коробки' },
        { 'en-GB': 'In the barcode on the outside', ru: 'В штрихкоде снаружи' },
        { 'en-GB': 'On the receipt', ru: 'В чеке' },
      ],
      correct: [0],
      // asked as "choose every correct answer" though one is: the page does not tell how many
      multiple: true,
      explanation: { 'en-GB': 'The code is on the card inside; the barcode outside identifies the product.', ru: 'Код — на карточке внутри; штрихкод снаружи обозначает товар.' },
    },
  ],
};

/** The demo quiz, published for sellers; irina has taken it (questions 1 and 3 right). */
export async function seedQuizzes(fake: FakeHost): Promise<number> {
  const s = fake.plugin.services;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const admin = { uid: uid('admin') };
  const quiz = await okValue(s.quizzes.save(admin, 0, DEMO_QUIZ));
  await okValue(s.quizzes.publish(admin, quiz.id, true));
  await okValue(s.quizzes.submit({ uid: uid('irina') }, quiz.id, { 1: [0], 2: [0], 3: [0] }));
  await fake.settle();
  return quiz.id;
}
