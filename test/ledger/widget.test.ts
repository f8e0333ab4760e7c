import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { formatCount } from '../../lib/kernel/plural';

/**
 * The "My points" widget (issue 21) through the fake NodeBB: offered by `filter:widgets.getWidgets`
 * and rendered by `filter:widget.render:bonus-points`, both hooks loaded from plugin.json as NodeBB
 * loads them; the HTML is final (NodeBB ≥ 4.14 does not translate it), in the page's language.
 */
describe('the "My points" widget through the fake host', function () {
  let fake: FakeHost;
  let anna: number;
  let boris: number;

  beforeEach(async function () {
    fake = await createFakeHost();
    anna = fake.forum.createUser({ username: 'anna', language: 'en-GB' });
    boris = fake.forum.createUser({ username: 'boris', language: 'ru' });
    const ledger = fake.plugin.services.ledger;
    await ledger.credit({ uid: anna, amount: 12500, key: 'test:anna', reason: 'other' });
    await ledger.creditPending({ uid: anna, amount: 30, key: 'earn:post:1', reason: 'reply', source: { type: 'post', id: 1 }, maturesAt: fake.clock.now() + 86_400_000 });
    await ledger.credit({ uid: boris, amount: 25000, key: 'test:boris', reason: 'other' });
  });

  // the widget's visible text, one space between words (Russian groups thousands with a no-break space)
  const texts = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

  it('is offered in ACP › Extend › Widgets beside the others, named, described and with its form, translated', async function () {
    const others = [{ widget: 'html', name: 'HTML', description: 'Any text, html, or embedded script.', content: '<textarea name="html"></textarea>' }];
    const widgets = await fake.filter('filter:widgets.getWidgets', others);
    assert.deepEqual(widgets.map((w) => w.widget), ['html', 'bonus-points', 'bonus-top', 'bonus-new']);
    assert.deepEqual(widgets[0], others[0]);
    const [, ours, top, fresh] = widgets;
    assert.equal(top.name, 'Bonus program: top of the week / month');
    assert.match(top.content, /<select class="form-select" id="bonus-widget-top-kind" name="kind">/);
    assert.match(top.content, /name="count"/);
    assert.equal(fresh.name, 'Bonus program: new in the store');
    assert.match(fresh.content, /name="count"/);
    for (const w of [top, fresh]) for (const text of [w.name, w.description, w.content]) assert.doesNotMatch(text, /\[\[|bonus:/);
    assert.equal(ours.widget, 'bonus-points');
    assert.equal(ours.name, 'Bonus program: my points');
    assert.match(ours.description, /club points/);
    assert.match(ours.content, /data-bonus-widget-form="points"/);
    assert.match(ours.content, /no settings of its own/);
    for (const text of [ours.name, ours.description, ours.content]) assert.doesNotMatch(text, /\[\[|bonus:/);
  });

  it('shows a member their available and pending points with links, in their language', async function () {
    const en = await fake.renderWidget('bonus-points', anna);
    assert.match(en, /data-bonus-widget="points"/);
    assert.match(en, /aria-label="My points"/);
    assert.match(en, new RegExp(`data-bonus="spendable">${formatCount('en-GB', 12500)}<`));
    assert.match(en, /data-bonus="pending">30</);
    assert.match(en, /<a href="\/bonus\/points" data-bonus="points-link">/);
    assert.match(en, /<a href="\/bonus\/store" data-bonus="store-link">/);
    assert.equal(texts(en), 'Available 12500 Pending 30 History Store');

    const ru = await fake.renderWidget('bonus-points', boris);
    // Russian groups thousands ("25 000")
    assert.match(ru, new RegExp(`data-bonus="spendable">${formatCount('ru', 25000)}<`));
    assert.equal(texts(ru), 'Доступно 25 000 Ожидают начисления 0 История Магазин');
    assert.match(ru, /aria-label="Мои баллы"/);
    for (const html of [en, ru]) assert.doesNotMatch(html, /\[\[|bonus:/);
  });

  it('follows the page\'s ?lang= over the member\'s setting, as NodeBB renders the page', async function () {
    assert.equal(texts(await fake.renderWidget('bonus-points', boris, { lang: 'en-GB' })), 'Available 25000 Pending 0 History Store');
    assert.match(texts(await fake.renderWidget('bonus-points', anna, { lang: 'ru' })), /^Доступно 12 500 Ожидают начисления 30 История Магазин$/);
  });

  it('asks a guest to sign in, in the page\'s language, and reads no balance', async function () {
    const en = await fake.renderWidget('bonus-points', 0);
    assert.match(en, /<a href="\/login" data-bonus="sign-in">Sign in to see your points\.<\/a>/);
    assert.doesNotMatch(en, /data-bonus="spendable"/);
    const ru = await fake.renderWidget('bonus-points', 0, { lang: 'ru' });
    assert.match(ru, /<a href="\/login" data-bonus="sign-in">Войдите, чтобы увидеть свои баллы\.<\/a>/);
    for (const html of [en, ru]) assert.doesNotMatch(html, /\[\[|bonus:/);
  });

  it('marks a balance below zero', async function () {
    await fake.plugin.services.ledger.debit({ uid: boris, amount: 26000, key: 'test:boris-debit', reason: 'other' });
    assert.match(await fake.renderWidget('bonus-points', boris, { lang: 'en-GB' }), /text-danger" data-bonus="spendable">−1000</);
    assert.match(await fake.renderWidget('bonus-points', boris), new RegExp(`text-danger" data-bonus="spendable">${formatCount('ru', -1000)}<`));
  });

  it('escapes what it puts in attributes (a forum path with quotes and tags)', async function () {
    fake.http.hookRequest = async () => ({ lang: 'en-GB', relativePath: '/f"><img src=x>' });
    for (const uid of [anna, 0]) {
      const html = await fake.renderWidget('bonus-points', uid);
      assert.doesNotMatch(html, /<img/);
      assert.match(html, /href="\/f&quot;&gt;&lt;img src&#x3D;x&gt;\/(bonus\/points|login)"/);
    }
  });

  it('"Top of the week / month": the current period\'s most active, ranked as on the leaderboard, with post counts, in the page\'s language', async function () {
    const cid = fake.forum.createCategory('Talk');
    await fake.host.settings.set('bonus', { earningCids: String(cid) });
    const carl = fake.forum.createUser({ username: 'carl<b>', language: 'en-GB' });
    const { tid } = fake.forum.createTopic(anna, cid, 'Hello', 'First');
    for (let i = 0; i < 2; i += 1) fake.forum.reply(boris, tid, `reply ${i}`);
    fake.forum.reply(carl, tid, 'one reply');
    await fake.settle();
    const en = await fake.renderWidget('bonus-top', 0, { lang: 'en-GB', data: { kind: 'week', count: '2' } });
    assert.match(en, /aria-label="Top of the week"/);
    assert.equal((en.match(/data-bonus="top-row"/g) ?? []).length, 2, 'the count the admin chose');
    assert.match(texts(en), /^1\. boris 2 posts 1\. anna 1 post|^1\. boris 2 posts 2\. (anna|carl&lt;b&gt;) 1 post/);
    assert.match(en, /href="\/bonus\/top\?kind&#x3D;week" data-bonus="top-link"/);
    const ru = await fake.renderWidget('bonus-top', 0, { lang: 'ru', data: { kind: 'month' } });
    assert.match(ru, /aria-label="Лидеры месяца"/);
    assert.match(texts(ru), /boris 2 сообщения/);
    assert.doesNotMatch(ru, /<b>/, 'a username is text');
    for (const html of [en, ru]) assert.doesNotMatch(html, /\[\[|bonus:/);
    const empty = await createFakeHost();
    assert.match(texts(await empty.renderWidget('bonus-top', 0, { lang: 'en-GB' })), /Nobody has posted in the earning categories this week yet\./);
  });

  it('"New in the store": the club store\'s newest products on sale, newest first, with prices; drafts and the sellers\' prizes left out', async function () {
    const admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    const c = fake.plugin.services.catalogAdmin;
    const make = async (title: string, extra: Record<string, unknown> = {}) => {
      const r = await c.create({ uid: admin }, { kind: 'souvenir', title: { 'en-GB': title, ru: `${title} (ru)` }, priceInPoints: 150, visibility: 'on-sale', stockMode: 'unlimited', ...extra });
      assert.ok(r.ok, JSON.stringify(r));
      fake.clock.advance(60_000);
    };
    await make('Mug');
    await make('Cap <i>');
    await make('Draft hoodie', { visibility: 'draft' });
    await make('Prize', { programme: 'sellers' });
    const en = await fake.renderWidget('bonus-new', anna, { lang: 'en-GB' });
    assert.equal(texts(en), 'Cap &lt;i&gt; 150 points Mug 150 points To the store');
    const ru = await fake.renderWidget('bonus-new', boris, { lang: 'ru', data: { count: '1' } });
    assert.equal(texts(ru), 'Cap &lt;i&gt; (ru) 150 баллов В магазин');
    for (const html of [en, ru]) assert.doesNotMatch(html, /\[\[|bonus:|<i>/);
  });
});
