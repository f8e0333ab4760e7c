import assert from 'node:assert/strict';
import { createServices } from '../../lib/services';
import { ADMIN, MEMBER, testHost } from '../catalog/backends';
import { MiniForum } from '../earning/harness';
import { openFinance } from '../finance/harness';
import { ordersHost, readyMember, seedShop } from '../orders/harness';
import { MemoryDatabase } from './memory-db';
import { okValue } from './results';

/**
 * Every suite's harness (testHost, ordersHost, openFinance, the earning MiniForum) is the one fake
 * NodeBB of test/host/port.ts, with its strictness: the old hand-made hosts took e-mail to anyone,
 * notified uids with no account, chatted with nobody, answered 'en-GB' for every member, gave one
 * settings hash for every name and returned `[[tokens]]` untranslated (three assertions on
 * untranslated tokens passed there, one in a test "in their language" that never saw a language).
 */
describe('the suites\' harnesses are the shared fake host', function () {
  it('ordersHost: a code order of a member with an unconfirmed e-mail is paid, and no e-mail is sent (NodeBB\'s emailer skips them)', async () => {
    const h = ordersHost(new MemoryDatabase());
    const s = createServices(h);
    const shop = await seedShop(s);
    const confirmed = { uid: 7 };
    const unconfirmed = { uid: 8 };
    h.fake.forum.mustUser(unconfirmed.uid).emailConfirmed = false;
    for (const m of [confirmed, unconfirmed]) {
      await readyMember(s, m.uid, 5000);
      await okValue(s.cart.add(m, { productId: shop.license, quantity: 1, region: 'RU' }));
      const { order } = await okValue(s.checkout.pay(m, { idempotencyKey: `codes-${m.uid}-0001` }));
      assert.ok(order.id > 0);
    }
    assert.deepEqual(h.emails.map((e) => e.uid), [confirmed.uid], 'only the confirmed address gets the codes');
    assert.equal(h.fake.forum.mustUser(confirmed.uid).username, 'm7');
    assert.ok(await h.privileges.isAdmin(ADMIN.uid));
  });

  it('testHost: members exist as NodeBB users; a notification to a uid with no account reaches nobody; a chat with nobody fails', async () => {
    const h = testHost(new MemoryDatabase());
    assert.deepEqual((await h.users.getUsers([ADMIN.uid, MEMBER.uid, 99])).map((u) => u?.username ?? null), ['admin', 'member', null]);
    assert.deepEqual(await h.groups.getMembers('administrators', 0, -1), [ADMIN.uid]);
    await h.messaging.notify({ type: 'bonus', bodyShort: 'x', nid: 'test:1', path: '/' } as never, [MEMBER.uid, 99]);
    await h.messaging.notify({ type: 'bonus', bodyShort: 'y', nid: 'test:2', path: '/' } as never, [99]);
    assert.deepEqual(h.notifications.map((n) => n.uids), [[MEMBER.uid]]);
    await assert.rejects(h.messaging.sendPrivateMessage(ADMIN.uid, 99, 'hello'), /no-user/);
    await h.messaging.sendPrivateMessage(ADMIN.uid, MEMBER.uid, 'hello');
    assert.deepEqual(h.fake.messages, [{ fromUid: ADMIN.uid, toUid: MEMBER.uid, message: 'hello' }]);
  });

  it('testHost: settings are NodeBB\'s, saved in the database; the translator translates', async () => {
    const db = new MemoryDatabase();
    const h = testHost(db, { lowStockThreshold: '5' });
    assert.deepEqual(await h.settings.get('bonus'), { lowStockThreshold: '5' });
    assert.deepEqual(await db.getObject('settings:bonus'), { lowStockThreshold: '5' });
    assert.equal(await h.translator.translate('[[bonus:points.count.other, 250]]', 'en-GB'), '250 points');
  });

  it('openFinance: one settings hash per name, logs kept, members\' languages as set', async () => {
    const f = await openFinance(new MemoryDatabase());
    await f.setSettings({ transferMin: '10' });
    assert.deepEqual(await f.host.settings.get('other'), {}, 'the old harness answered every hash with the plugin\'s');
    f.forum.updateProfile(f.uid.activists, { language: 'ru' });
    assert.equal(await f.host.users.getLanguage(f.uid.activists), 'ru');
    f.host.log.warn('seen');
    assert.deepEqual(f.fake.logs, [{ level: 'warn', message: 'seen' }]);
  });

  it('earning MiniForum: the members\' languages and groups are the forum\'s; the plugin\'s replies are posts', async () => {
    const forum = new MiniForum(new MemoryDatabase());
    for (const uid of [1, 2, 5]) forum.addUser(uid);
    forum.fake.forum.updateProfile(5, { language: 'ru' });
    const host = forum.host();
    assert.equal(await host.users.getLanguage(5), 'ru', 'the old mini forum said en-GB for everybody');
    assert.deepEqual([await host.privileges.isAdmin(1), await host.privileges.isGlobalModerator(2), await host.privileges.isAdmin(5)], [true, true, false]);
    forum.groups.set(5, ['Activists']);
    assert.ok(await host.groups.isMember(5, 'Activists'));
    forum.groups.set(5, ['Consultants']);
    assert.deepEqual((await host.groups.getUserGroupNames([5]))[0].sort(), ['Consultants', 'registered-users']);
    const { tid } = forum.newTopic(5, 1);
    await assert.rejects(host.content.reply(tid + 1, 1, 'to a topic that is not there'), /no topic/);
    await host.content.reply(tid, 1, 'from the plugin');
    assert.deepEqual(forum.replies, [{ tid, uid: 1, content: 'from the plugin' }]);
  });
});
