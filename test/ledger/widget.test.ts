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
    assert.equal(widgets.length, 2);
    assert.deepEqual(widgets[0], others[0]);
    const ours = widgets[1];
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
});
