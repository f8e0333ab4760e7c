import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';

/**
 * Every page in Russian, as members and admins of the sandbox demo read them (issue 15, items 1–3):
 * no count in the wrong form ("21 баллов", "2 баллов"), no ISO week code, no hex id, no ISO UTC time.
 */
const D = 86_400_000;

/** The text a reader sees: tags, scripts and attributes gone, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, '\u00a0').replace(/&#44;/g, ',').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'")
    .replace(/[ \t\r\n]+/g, ' ');
}

/** What a Russian reader would stumble on in the text. */
export function russianDefects(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(\d[\d\u00a0\u202f]*)\s+(баллов|месяцев|участников)/g)) {
    const n = Number(m[1].replace(/\D/g, ''));
    // 1 балл, 2–4 балла; only 11–14 and numbers ending 0, 5–9 take "баллов"
    if (n % 10 >= 1 && n % 10 <= 4 && !(n % 100 >= 11 && n % 100 <= 14)) found.push(`wrong form: "${m[0]}"`);
  }
  for (const m of text.matchAll(/\bW\d\d\b/g)) found.push(`ISO week code: "${m[0]}"`);
  for (const m of text.matchAll(/\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b/g)) found.push(`hex id: "${m[0]}"`);
  for (const m of text.matchAll(/\d{4}-\d\d-\d\d[ T]\d\d:\d\d|\bUTC\b/g)) found.push(`ISO/UTC time: "${m[0]}"`);
  // one minus sign before a number (issue 15, item 8): a deduction written "−−500" or "- −500"
  for (const m of text.matchAll(/[\u2212-]\s?[\u2212-]\s?\d/g)) found.push(`two minus signs: "${m[0]}"`);
  return found;
}

describe('every page in Russian reads right (issue 15 sweep)', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  before(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    // a week and a month on: the top prizes are paid, the loan is due, the posts have matured
    fake.clock.advance(8 * D);
    await fake.runJobs();
    fake.clock.advance(32 * D);
    await fake.runJobs();
    await fake.plugin.services.ledger.credit({ uid: uid('anna'), amount: 21, key: 'sweep:21', reason: 'event' });
    await fake.plugin.services.ledger.credit({ uid: uid('anna'), amount: 1002, key: 'sweep:1002', reason: 'event' });
  });

  it('balances, totals and history amounts are written the Russian way: "25 000", "+20 000", one minus sign', async () => {
    const s = fake.plugin.services;
    await s.ledger.credit({ uid: uid('olga'), amount: 20_000, key: 'sweep:big', reason: 'event' });
    const text = (html: string) => visibleText(html).replace(/[\u00a0\u202f]/g, ' ');
    const balance = (await s.ledger.balance(uid('olga'))).spendable;
    const points = await fake.agent(uid('olga')).get('/bonus/points?lang=ru').expect(200);
    const grouped = new Intl.NumberFormat('ru').format(balance).replace(/[\u00a0\u202f]/g, ' ');
    assert.match(text(points.text), new RegExp(`Доступно ${grouped} `));
    assert.match(text(points.text), /\+20 000 /);
    await okValue(s.operations.submit({ uid: uid('admin') }, { operationKey: 'sweepdeduct01', usernames: ['olga'], direction: 'deduct', amount: 12_000, reason: 'rule-violation', comment: '' }));
    const ops = await fake.agent(uid('admin')).get('/admin/plugins/bonus/operations?lang=ru').expect(200);
    assert.match(text(ops.text), /\u221212 000 olga/);
    assert.doesNotMatch(text(ops.text), /-12 ?000/);
  });

  it('the checker itself finds each defect and passes good Russian', function () {
    assert.deepEqual(russianDefects('Оплатить 2 баллов · 21 баллов · 1 001 баллов · неделя 2026-W36 · операция 92cbe9a5 · 2026-09-01 09:00 UTC · списать −−500 · - −20').length, 9);
    assert.deepEqual(russianDefects('Оплатить 2 балла · 11 баллов · 112 баллов · 25 баллов · 21 балл · за неделю 31 авг. – 6 сент. 2026 г. · 1 сент. 2026 г., 14:05'), []);
  });

  it('no wrong plural form, week code, hex id or UTC time on any page, for members and admins', async () => {
    const orders = [...(await okValue(fake.plugin.services.orders.memberOrders({ uid: uid('konstantin') })))].map((s) => s.order.id);
    const claims = await okValue(fake.plugin.services.claims.memberClaims({ uid: uid('konstantin') }));
    const member = ['/bonus', '/bonus/points', '/bonus/store', '/bonus/store/product/1', '/bonus/store/product/2', '/bonus/cart',
      '/bonus/checkout?step=1', '/bonus/checkout?step=2', '/bonus/checkout?step=3', '/bonus/orders', '/bonus/purchases', '/bonus/top', '/bonus/top?kind=month',
      '/bonus/warnings', '/bonus/transfer', '/bonus/loans', '/bonus/charity', '/bonus/sellers', '/user/anna/bonus', '/user/anna/bonus-warnings'];
    const pages: [string, string][] = [
      ...member.flatMap((p) => ['anna', 'olga', 'konstantin', 'boris', 'irina'].map((u) => [u, p] as [string, string])),
      ...orders.map((id) => ['konstantin', `/bonus/orders/${id}`] as [string, string]),
      ...claims.map((c) => ['konstantin', `/bonus/claims/${c.claim.id}`] as [string, string]),
      ...['/admin/plugins/bonus', '/admin/plugins/bonus/catalog', '/admin/plugins/bonus/catalog/1', '/admin/plugins/bonus/claims', '/admin/plugins/bonus/loans',
        '/admin/plugins/bonus/operations', '/admin/plugins/bonus/orders', '/admin/plugins/bonus/sellers', '/admin/plugins/bonus/settings', '/admin/plugins/bonus/transfers', '/bonus/warnings/all',
        '/user/anna/bonus', '/user/boris/bonus-warnings', '/user/anna/bonus-send']
        .map((p) => ['admin', p] as [string, string]),
    ];
    const problems: string[] = [];
    let seen = 0;
    for (const [who, path] of pages) {
      const res = await fake.agent(uid(who)).get(`${path}${path.includes('?') ? '&' : '?'}lang=ru`);
      if (res.status !== 200) continue;
      seen += 1;
      for (const d of russianDefects(visibleText(res.text))) problems.push(`${who} ${path}: ${d}`);
    }
    assert.ok(seen > 60, `pages rendered: ${seen}`);
    assert.deepEqual([...new Set(problems)], []);
  });
});

describe('how to earn, on /bonus (issue 15, item 4)', function () {
  it('a newcomer with 0 points reads what earns, the check, the prizes, the gifts and the costs, from the settings', async () => {
    const fake = await createFakeHost();
    await seedDemo(fake);
    await okValue(fake.plugin.services.settings.update({ pointsReply: 21, holdWindowHours: 24, giftConsultants: 0 }));
    const nina = [...fake.forum.users.values()].find((u) => u.username === 'nina')!.uid;
    const ru = visibleText((await fake.agent(nina).get('/bonus?lang=ru').expect(200)).text);
    assert.match(ru, /Как получить баллы/);
    assert.match(ru, /Новая тема приносит 2 балла, ответ — 21 балл, в категориях: Club life, Reviews\./);
    assert.match(ru, /проверка длится 24 часа|она длится 24 часа/);
    assert.match(ru, /первые 3 за неделю получают по 200 баллов, за месяц — по 500 баллов/);
    assert.match(ru, /За первое вступление в группу: Активисты — 100 баллов, Старожилы — 500 баллов, Совет клуба — 1[\u00a0 ]000 баллов\./);
    assert.match(ru, /Предупреждение модератора стоит 500 баллов, блокировка — 1[\u00a0 ]000 баллов/);
    const en = visibleText((await fake.agent(nina).get('/bonus?lang=en-GB').expect(200)).text);
    assert.match(en, /A new topic earns 2 points and a reply 21 points in these categories: Club life, Reviews\./);
    assert.deepEqual(russianDefects(ru), []);
    assert.doesNotMatch(ru, /символ|за день/, 'the anti-farming rules are off by default and not mentioned');
    // the anti-farming rules, when set, are explained there too (issue 15, item 11)
    await okValue(fake.plugin.services.settings.update({ minPostLength: 21, dailyEarningPosts: 3 }));
    const ru2 = visibleText((await fake.agent(nina).get('/bonus?lang=ru').expect(200)).text);
    assert.match(ru2, /не меньше 21 символа текста \(цитаты и картинки не считаются\)/);
    assert.match(ru2, /Баллы приносят только первые 3 сообщения за день\./);
    const en2 = visibleText((await fake.agent(nina).get('/bonus?lang=en-GB').expect(200)).text);
    assert.match(en2, /earn from 21 characters of text/);
    assert.match(en2, /Only your first 3 posts of each day earn\./);
  });
});
