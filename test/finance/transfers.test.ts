import { okValue, refuses, type RefusalError, settleAll } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError, type Counted } from '../../lib/kernel/errors';
import { backends, openFinance, ROLE_GROUPS, type Finance } from './harness';

const refused = (code: string) => (e: RefusalError) => e.code === code;
let seq = 0;
const key = () => `k${String(++seq).padStart(8, '0')}`;

for (const backend of backends()) {
  describe(`finance: transfers on ${backend.name}`, function () {
    this.timeout(60_000);
    let f: Finance;

    beforeEach(async () => {
      f = await openFinance(await backend.open());
      await f.setSettings({ transferMin: '10', transferMax: '500', transferDayLimit: '1000', charityUsername: 'gooddeed' });
    });
    after(() => backend.close());

    describe('group rules, each program role as sender and as recipient (defaults)', function () {
      const roles = Object.keys(ROLE_GROUPS) as (keyof typeof ROLE_GROUPS)[];
      const maySend: Record<string, boolean> = { newcomers: false, participants: false, activists: true, consultants: true, oldTimers: true, clubCouncil: true, banned: false, plain: true };
      for (const role of [...roles, 'banned', 'plain']) {
        it(`${role} as sender: ${maySend[role] ? 'sends' : 'refused'}`, async () => {
          await f.credit(f.uid[role], 100);
          const send = f.services.transfers.send({ uid: f.uid[role] }, { to: 'second', amount: 50, key: key() });
          if (maySend[role]) {
            assert.equal((await okValue(send)).transfer.amount, 50);
            assert.equal(await f.spendable(f.uid[role]), 50);
          } else {
            await refuses(send, refused('error.transfer.sender-not-allowed'));
            assert.equal(await f.spendable(f.uid[role]), 100, 'a refusal changes nothing');
          }
        });
        if (role === 'activists') continue;
        it(`${role} as recipient: ${role === 'banned' ? 'refused' : 'receives'}`, async () => {
          await f.credit(f.uid.activists, 100);
          const send = f.services.transfers.send({ uid: f.uid.activists }, { to: role, amount: 40, key: key() });
          if (role === 'banned') {
            await refuses(send, refused('error.transfer.recipient-not-allowed'));
            assert.equal(await f.spendable(f.uid.activists), 100);
          } else {
            await okValue(send);
            assert.equal(await f.spendable(f.uid[role]), 40);
          }
        });
      }
    });

    it('a notification that cannot be sent leaves the transfer and a loan approval done, and is logged', async () => {
      const logged: string[] = [];
      f.host.messaging.notify = async () => { throw new Error('notification store down'); };
      f.host.log.error = (message: string) => void logged.push(message);
      await f.credit(f.uid.activists, 100);
      const sent = await okValue(f.services.transfers.send({ uid: f.uid.activists }, { to: 'second', amount: 30, key: key() }));
      assert.equal(sent.transfer.amount, 30);
      assert.equal(await f.spendable(f.uid.second), 30);
      const loan = await okValue(f.services.loans.apply({ uid: f.uid.activists }, { amount: 200, months: 2 }));
      await okValue(f.services.loans.approve({ uid: f.admin }, loan.id));
      assert.equal(await f.spendable(f.uid.activists), 270, 'the loan was paid out');
      assert.ok(logged.some((m) => m.includes(`bonus:transfers:${f.uid.second}:from:${f.uid.activists}`)), logged.join('\n'));
      assert.ok(logged.some((m) => m.includes(`bonus:loan:${loan.id}`)), logged.join('\n'));
    });

    it('refuses self-transfers, unknown recipients, bad keys and long messages, changing nothing', async () => {
      await f.credit(f.uid.activists, 100);
      const me = { uid: f.uid.activists };
      await refuses(f.services.transfers.send(me, { to: 'activists', amount: 10, key: key() }), refused('error.transfer.self'));
      await refuses(f.services.transfers.send(me, { to: 'nobody', amount: 10, key: key() }), refused('error.transfer.unknown-recipient'));
      await refuses(f.services.transfers.send(me, { to: '', amount: 10, key: key() }), refused('error.transfer.no-recipient'));
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 10, key: 'x' }), refused('error.idempotency.invalid-key'));
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 10, key: key(), message: 'x'.repeat(501) }), refused('error.transfer.message-too-long'));
      await refuses(f.services.transfers.send({ uid: 0 }, { to: 'second', amount: 10, key: key() }), refused('error.not-logged-in'));
      assert.equal(await f.spendable(f.uid.activists), 100);
      assert.equal((await okValue(f.services.transfers.listOf(me, me.uid))).length, 0);
    });

    it('per-transfer min and max at the boundaries; never more than spendable', async () => {
      await f.credit(f.uid.activists, 600);
      const me = { uid: f.uid.activists };
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 9, key: key() }), refused('error.transfer.amount'));
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 10, key: key() }));
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 501, key: key() }), refused('error.transfer.amount'));
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 500, key: key() }));
      assert.equal(await f.spendable(me.uid), 90);
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 91, key: key() }), refused('error.transfer.insufficient-points'));
      await okValue(f.services.transfers.send(me, { to: 'second', amount: '90', key: key() }));
      assert.equal(await f.spendable(me.uid), 0);
      assert.equal(await f.spendable(f.uid.second), 600);
    });

    it('per-day limit at the boundary, counted in the configured zone\'s day', async () => {
      await f.setSettings({ timeZone: 'Europe/Moscow' });
      f.clock.set(Date.parse('2026-09-01T20:00:00Z')); // 23:00 in Moscow
      await f.credit(f.uid.activists, 5000);
      const me = { uid: f.uid.activists };
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 500, key: key() }));
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 490, key: key() }));
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 11, key: key() }), (e: RefusalError) => e.code === 'error.transfer.day-limit' && (e.args[1] as Counted).count === 10);
      await f.setSettings({ transferMax: '5000' });
      await refuses(f.services.transfers.send(me, { to: 'second', amount: 1001, key: key() }), (e: RefusalError) => e.code === 'error.transfer.day-limit' && (e.args[1] as Counted).count === 10);
      await f.setSettings({ transferMax: '500' });
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 10, key: key() }));
      assert.equal(await f.services.transfers.sentToday(me.uid), 1000);
      f.clock.set(Date.parse('2026-09-01T21:00:00Z')); // midnight in Moscow (still 1 September in UTC)
      await okValue(f.services.transfers.send(me, { to: 'second', amount: 500, key: key() }));
      assert.equal(await f.services.transfers.sentToday(me.uid), 500);
      assert.equal(await f.spendable(me.uid), 5000 - 1500);
    });

    it('100 parallel transfers from one member whose balance covers 10: exactly 10 go through', async () => {
      await f.setSettings({ transferDayLimit: '0' });
      await f.credit(f.uid.activists, 100);
      const me = { uid: f.uid.activists };
      const results = await settleAll(Array.from({ length: 100 }, (_, i) => f.services.transfers.send(me, { to: i % 2 ? 'second' : 'consultants', amount: 10, key: key() })));
      const ok = results.filter((r) => r.status === 'fulfilled');
      const no = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(ok.length, 10);
      assert.ok(no.every((r) => r.reason instanceof BonusError && r.reason.code === 'error.transfer.insufficient-points'), String(no.find((r) => !(r.reason instanceof BonusError))?.reason));
      assert.equal(await f.spendable(me.uid), 0);
      assert.equal((await f.spendable(f.uid.second)) + (await f.spendable(f.uid.consultants)), 100);
      assert.equal((await okValue(f.services.transfers.listOf(me, me.uid))).length, 10);
      const reconcile = await f.services.ledger.reconcile();
      assert.deepEqual(reconcile.damage, []);
    });

    it('a double submit (same key, even in parallel) makes one transfer', async () => {
      await f.credit(f.uid.activists, 100);
      const me = { uid: f.uid.activists };
      const k = key();
      const all = await Promise.all(Array.from({ length: 5 }, () => okValue(f.services.transfers.send(me, { to: 'second', amount: 30, message: 'Thanks!', key: k }))));
      assert.equal(new Set(all.map((r) => r.transfer.id)).size, 1);
      assert.equal(all.filter((r) => !r.replayed).length, 1);
      const again = await okValue(f.services.transfers.send(me, { to: 'second', amount: 30, message: 'Thanks!', key: k }));
      assert.equal(again.replayed, true);
      assert.equal(await f.spendable(me.uid), 70);
      assert.equal(await f.spendable(f.uid.second), 30);
      assert.equal(f.notifications.filter((n) => n.notification.type === 'bonus-transfer').length, 1);
    });

    it('both histories name the other member; the recipient is notified with the message', async () => {
      await f.credit(f.uid.activists, 100);
      const { transfer } = await okValue(f.services.transfers.send({ uid: f.uid.activists }, { to: '@second', amount: 25, message: 'For the <b>mug</b>', key: key() }));
      const [out] = (await f.services.ledger.history(f.uid.activists, 1)).entries;
      const [inn] = (await f.services.ledger.history(f.uid.second, 1)).entries;
      assert.equal(out.key, `transfer:${transfer.id}:out`);
      assert.equal(out.reason, 'transfer-out');
      assert.equal(out.comment, '[[bonus:transfer.history-to, second]]');
      assert.equal(inn.key, `transfer:${transfer.id}:in`);
      assert.equal(inn.comment, '[[bonus:transfer.history-from, activists]]');
      const n = f.notifications.find((x) => x.notification.type === 'bonus-transfer')!;
      assert.deepEqual(n.uids, [f.uid.second]);
      assert.equal(n.notification.bodyShort, '[[bonus:notify.transfer, activists, [[bonus:points.count.other, 25]]]]');
      assert.equal(n.notification.bodyLong, 'For the &lt;b&gt;mug&lt;/b&gt;');
    });

    it('many small transfers with messages: one notification per sender and day, with the count and sum so far (issue 11, item 13)', async () => {
      await f.setSettings({ transferMin: '1', transferMax: '500', transferDayLimit: '1000' });
      await f.credit(f.uid.activists, 100);
      await f.credit(f.uid.consultants, 100);
      for (let i = 1; i <= 20; i += 1) await okValue(f.services.transfers.send({ uid: f.uid.activists }, { to: 'second', amount: 1, message: `thanks #${i}`, key: key() }));
      await Promise.all([1, 2, 3].map(() => f.services.transfers.send({ uid: f.uid.consultants }, { to: 'second', amount: 2, key: key() })));
      const received = f.notifications.filter((n) => n.notification.type === 'bonus-transfer' && n.uids[0] === f.uid.second);
      const nids = [...new Set(received.map((n) => n.notification.nid))];
      assert.equal(nids.length, 2, 'one notification (nid) per sender');
      const last = (from: number) => f.notifications.filter((n) => n.notification.type === 'bonus-transfer' && n.notification.from === from).at(-1)!.notification;
      assert.equal(last(f.uid.activists).bodyShort, '[[bonus:notify.transfer-many, activists, 20, 20]]');
      assert.equal(last(f.uid.activists).bodyLong, 'thanks #20');
      assert.equal(received.filter((n) => n.notification.from === f.uid.consultants).map((n) => n.notification.bodyShort).sort().at(-1), '[[bonus:notify.transfer-many, consultants, 6, 3]]');
      // the next day starts a new one
      f.clock.set(f.clock.now() + 24 * 3_600_000);
      await okValue(f.services.transfers.send({ uid: f.uid.activists }, { to: 'second', amount: 1, key: key() }));
      assert.equal(last(f.uid.activists).bodyShort, '[[bonus:notify.transfer, activists, [[bonus:points.count.one, 1]]]]');
      assert.equal(new Set(f.notifications.filter((n) => n.notification.type === 'bonus-transfer').map((n) => n.notification.nid)).size, 3);
    });

    it('charity receives like any member (a newcomer); its total; reversal by an admin is idempotent and never edits', async () => {
      await f.credit(f.uid.activists, 300);
      await f.credit(f.uid.consultants, 300);
      const a = await okValue(f.services.transfers.send({ uid: f.uid.activists }, { to: 'gooddeed', amount: 100, key: key() }));
      await okValue(f.services.transfers.send({ uid: f.uid.consultants }, { to: 'gooddeed', amount: 50, key: key() }));
      assert.equal((await f.services.transfers.received(f.uid.charity)).total, 150);
      await refuses(f.services.transfers.reverse({ uid: f.uid.activists }, a.transfer.id), refused('error.no-privileges'));
      const first = await okValue(f.services.transfers.reverse({ uid: f.admin }, a.transfer.id));
      const second = await okValue(f.services.transfers.reverse({ uid: f.admin }, a.transfer.id));
      assert.equal(first.replayed, false);
      assert.equal(second.replayed, true);
      assert.ok(second.transfer.reversedAt > 0);
      assert.equal(await f.spendable(f.uid.activists), 300);
      assert.equal(await f.spendable(f.uid.charity), 50);
      assert.equal((await f.services.transfers.received(f.uid.charity)).total, 50);
      assert.deepEqual(f.notifications.filter((n) => n.notification.nid.startsWith(`bonus:transfer:${a.transfer.id}:reversed`)).map((n) => n.uids[0]).sort(), [f.uid.activists, f.uid.charity].sort());
      const history = (await f.services.ledger.history(f.uid.charity, 1)).entries.map((e) => `${e.kind}:${e.key}`);
      assert.deepEqual(history, [`debit:transfer:${a.transfer.id}:reverse:in`, `credit:transfer:${a.transfer.id + 1}:in`, `credit:transfer:${a.transfer.id}:in`]);
      await refuses(f.services.transfers.reverse({ uid: f.admin }, 999), refused('error.transfer.not-found'));
    });
  });
}
