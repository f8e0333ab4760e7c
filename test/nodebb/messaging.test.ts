import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createNodebbHost } from '../../lib/nodebb';
import { setModuleLoader } from '../../lib/nodebb/require';
import type { Notification } from '../../lib/host/index';
import { createNodebbStubs, type NodebbStubs } from './nodebb-stubs';

/**
 * lib/nodebb's Messaging port (notify, sendPrivateMessage, sendEmail) on stubs shaped like NodeBB
 * 4.15's src/notifications.js, src/messaging/*.js, src/api/chats.js and src/emailer.js.
 */
describe('NodeBB adapter: messaging, notifications and e-mail on NodeBB-shaped modules', function () {
  let nb: NodebbStubs;
  const ADMIN = 1;
  const ANNA = 7;
  const BORIS = 8;

  beforeEach(async function () {
    nb = createNodebbStubs({ config: { defaultLang: 'en-GB' } });
    setModuleLoader(nb.load);
    await nb.seed.user({ uid: ADMIN, username: 'admin', email: 'admin@forum.test', groups: ['administrators'] });
    await nb.seed.user({ uid: ANNA, username: 'anna', email: 'anna@forum.test', settings: { userLang: 'ru' } });
    await nb.seed.user({ uid: BORIS, username: 'boris', email: 'boris@forum.test' });
  });

  afterEach(function () {
    setModuleLoader(null);
  });

  describe('notify (src/notifications.js create + push)', function () {
    const n: Notification = { type: 'bonus-order', nid: 'bonus:order:5:status', bodyShort: '[[bonus:notify.order-status, 5]]', path: '/bonus/orders/5', from: ADMIN };

    it('creates the notification under its nid and pushes it to the members, who find it unread', async function () {
      const { messaging } = createNodebbHost();
      await messaging.notify(n, [ANNA, BORIS]);
      const create = nb.modules['./src/notifications'].create as sinon.SinonSpy;
      sinon.assert.calledOnce(create);
      assert.deepEqual({ ...create.firstCall.args[0], datetime: undefined, importance: undefined }, { ...n, datetime: undefined, importance: undefined });
      const push = nb.modules['./src/notifications'].push as sinon.SinonSpy;
      sinon.assert.calledOnceWithExactly(push, sinon.match({ nid: n.nid, datetime: sinon.match.number }), [ANNA, BORIS]);
      await nb.deliveries();
      assert.equal(await nb.db.sortedSetScore(`uid:${ANNA}:notifications:unread`, n.nid) !== null, true);
      assert.equal(await nb.db.sortedSetScore(`uid:${BORIS}:notifications:unread`, n.nid) !== null, true);
      assert.deepEqual(await nb.db.getObjectFields(`notifications:${n.nid}`, ['type', 'bodyShort', 'path', 'from']), { type: 'bonus-order', bodyShort: n.bodyShort, path: n.path, from: String(ADMIN) });
    });

    it('leaves the caller’s notification untouched (NodeBB writes datetime and importance into what it is given)', async function () {
      const mine = { ...n };
      await createNodebbHost().messaging.notify(mine, [ANNA]);
      assert.deepEqual(mine, n);
    });

    it('no members: nothing created; no sender: NodeBB stores no `from`', async function () {
      const { messaging } = createNodebbHost();
      await messaging.notify(n, []);
      sinon.assert.notCalled(nb.modules['./src/notifications'].create as sinon.SinonSpy);
      await messaging.notify({ type: 'bonus-retail', nid: 'bonus:retail:applied:7', bodyShort: 'x', path: '/admin/plugins/bonus/sellers' }, [ADMIN]);
      assert.equal(await nb.db.getObjectField('notifications:bonus:retail:applied:7', 'from'), null);
      await nb.deliveries();
      assert.notEqual(await nb.db.sortedSetScore(`uid:${ADMIN}:notifications:unread`, 'bonus:retail:applied:7'), null);
    });

    it('create answering null (an older notification of that nid outranks it): nothing pushed, no error', async function () {
      await nb.db.setObject(`notifications:${n.nid}`, { nid: n.nid, importance: 9 });
      await createNodebbHost().messaging.notify(n, [ANNA]);
      sinon.assert.notCalled(nb.modules['./src/notifications'].push as sinon.SinonSpy);
    });

    it('NodeBB’s own filters apply: a member who blocked the sender or turned the type off gets nothing', async function () {
      await nb.db.sortedSetAdd(`uid:${ANNA}:blocked_uids`, 1, ADMIN);
      await nb.db.setObject(`user:${BORIS}:settings`, { 'notificationType_bonus-order': 'none' });
      await createNodebbHost().messaging.notify(n, [ANNA, BORIS]);
      await nb.deliveries();
      assert.equal(await nb.db.sortedSetScore(`uid:${ANNA}:notifications:unread`, n.nid), null);
      assert.equal(await nb.db.sortedSetScore(`uid:${BORIS}:notifications:unread`, n.nid), null);
    });

    it('a failing create (no nid) rejects, for the caller’s best-effort wrapper to log', async function () {
      await assert.rejects(createNodebbHost().messaging.notify({ ...n, nid: '' }, [ANNA]), /no-notification-id/);
    });
  });

  describe('sendPrivateMessage (src/messaging rooms.js + create.js, not src/api/chats.js)', function () {
    it('works without a request: NodeBB’s API (whose rate limiter reads caller.session) is not used — it would throw', async function () {
      const api = nb.modules['./src/api'].chats;
      await assert.rejects(api.create({ uid: ADMIN }, { uids: [ANNA] }), TypeError, 'the stub fails as NodeBB does without a session');
      api.create.resetHistory();
      await createNodebbHost().messaging.sendPrivateMessage(ADMIN, ANNA, 'Order 5: processing');
      sinon.assert.notCalled(api.create);
      sinon.assert.notCalled(api.post);
    });

    it('a room of the two (ALLMESSAGES), the message in it from the sender, unread for the member, NodeBB’s chat notification', async function () {
      await createNodebbHost().messaging.sendPrivateMessage(ADMIN, ANNA, 'Order 5: processing');
      const m = nb.modules['./src/messaging'];
      sinon.assert.calledOnceWithExactly(m.newRoom, ADMIN, { uids: [ANNA], notificationSetting: 3 });
      const roomId = await m.newRoom.firstCall.returnValue;
      assert.deepEqual(await nb.db.getSortedSetRange(`chat:room:${roomId}:uids`, 0, -1), [String(ADMIN), String(ANNA)]);
      assert.deepEqual(await nb.db.getObjectFields('message:1', ['content', 'fromuid', 'roomId']), { content: 'Order 5: processing', fromuid: String(ADMIN), roomId: String(roomId) });
      assert.notEqual(await nb.db.sortedSetScore(`uid:${ANNA}:chat:rooms:unread`, roomId), null);
      sinon.assert.calledOnceWithExactly(m.notifyUsersInRoom, ADMIN, roomId, sinon.match({ mid: 1 }));
      await nb.deliveries();
      assert.equal((await nb.db.getSortedSetRange(`uid:${ANNA}:notifications:unread`, 0, -1)).length, 1, 'the member is notified of the chat');
      assert.deepEqual(nb.log.filter((l) => l.level === 'error'), []);
    });

    it('one room per member, reused (the room id NodeBB returns as a number is remembered and read back)', async function () {
      const { messaging } = createNodebbHost();
      await messaging.sendPrivateMessage(ADMIN, ANNA, 'first');
      await messaging.sendPrivateMessage(ADMIN, ANNA, 'second');
      await messaging.sendPrivateMessage(ADMIN, BORIS, 'other member');
      const m = nb.modules['./src/messaging'];
      sinon.assert.calledTwice(m.newRoom);
      const rooms = await Promise.all([m.newRoom.firstCall.returnValue, m.newRoom.secondCall.returnValue]);
      assert.deepEqual(m.addMessage.getCalls().map((c: sinon.SinonSpyCall) => [c.args[0].roomId, c.args[0].content]), [[rooms[0], 'first'], [rooms[0], 'second'], [rooms[1], 'other member']]);
      assert.equal(typeof m.addMessage.secondCall.args[0].roomId, 'number');
    });

    it('a new room when the member left the old one or it was deleted', async function () {
      const { messaging } = createNodebbHost();
      const m = nb.modules['./src/messaging'];
      await messaging.sendPrivateMessage(ADMIN, ANNA, 'first');
      await m.leaveRoom([ANNA], 1);
      await messaging.sendPrivateMessage(ADMIN, ANNA, 'after leaving');
      assert.equal(m.addMessage.lastCall.args[0].roomId, 2);
      await nb.db.deleteAll(['chat:room:2', 'chat:room:2:uids']);
      await messaging.sendPrivateMessage(ADMIN, ANNA, 'after deletion');
      assert.equal(m.addMessage.lastCall.args[0].roomId, 3);
      sinon.assert.calledThrice(m.newRoom);
    });

    it('a failing notification of the chat is logged, never a failed message', async function () {
      const m = nb.modules['./src/messaging'];
      m.notifyUsersInRoom = sinon.stub().rejects(new Error('socket.io down'));
      const winston = nb.modules.winston;
      await createNodebbHost().messaging.sendPrivateMessage(ADMIN, ANNA, 'hello');
      await new Promise((resolve) => setImmediate(resolve));
      assert.match(String(winston.error.lastCall?.args[0]), /chat notification: Error: socket.io down/);
    });
  });

  describe('sendEmail (src/emailer.js send)', function () {
    it('emailer.send(template, uid, params): sent to the member’s address in their language', async function () {
      await createNodebbHost().messaging.sendEmail('bonus-codes', ANNA, { subject: '[[bonus:email.codes.subject, 5]]', orderId: 5 });
      sinon.assert.calledOnceWithExactly(nb.modules['./src/emailer'].send, 'bonus-codes', ANNA, { subject: '[[bonus:email.codes.subject, 5]]', orderId: 5 });
      assert.deepEqual(nb.sentEmails.map((e) => [e.template, e.email, e.language, e.params.orderId]), [['bonus-codes', 'anna@forum.test', 'ru', 5]]);
    });

    it('an unconfirmed address, no address, a banned member: skipped quietly, as NodeBB does; an expired ban: sent', async function () {
      await nb.seed.user({ uid: 20, username: 'unconfirmed', email: 'u@forum.test', confirmed: false });
      await nb.seed.user({ uid: 21, username: 'nomail' });
      await nb.seed.user({ uid: 22, username: 'banned', email: 'b@forum.test', bannedUntil: 0 });
      await nb.seed.user({ uid: 23, username: 'was-banned', email: 'w@forum.test', bannedUntil: Date.now() - 1000 });
      const { messaging } = createNodebbHost();
      for (const uid of [20, 21, 22, 23]) await messaging.sendEmail('bonus-codes', uid, { subject: 'x' });
      assert.deepEqual(nb.sentEmails.map((e) => e.email), ['w@forum.test']);
    });

    it('the emailer not ready (no web app in this process) rejects, for the caller’s best-effort wrapper to log', async function () {
      nb = createNodebbStubs({ emailerReady: false });
      setModuleLoader(nb.load);
      await assert.rejects(createNodebbHost().messaging.sendEmail('bonus-codes', ANNA, { subject: 'x' }), /App not ready/);
    });
  });
});
