import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';
import { LedgerService } from '../../lib/modules/ledger/service';
import { createEarningServices, type EarningServices } from '../../lib/modules/earning/services';
import { MiniForum, openDatabase } from './harness';

const H = 3_600_000;

describe('earning rules on the real LedgerService', function () {
  let opened: { db: Database; close(): Promise<void> } | null = null;
  let forum: MiniForum;
  let ledger: LedgerService;
  let svc: EarningServices;

  before(async function () {
    opened = await openDatabase();
  });
  after(async () => { await opened?.close(); });

  beforeEach(async () => {
    const { db } = opened!;
    if ('client' in db) await (db as unknown as { client: { flushdb(): Promise<unknown> } }).client.flushdb();
    if ('flushAll' in db) (db as unknown as { flushAll(): void }).flushAll();
    forum = new MiniForum(db);
    await forum.setSettings({ earningCids: '1', timeZone: 'Europe/Moscow' });
    for (const uid of [1, 2, 5, 6]) forum.addUser(uid);
    const host = forum.host();
    ledger = new LedgerService(host);
    svc = createEarningServices(host, forum.settings(), ledger);
  });

  it('pending, matured once, cancelled once; a warning and a ban may go below zero; revoke refunds', async () => {
    const { tid, pid } = forum.newTopic(5, 1);
    const r = forum.reply(tid, 6);
    await Promise.all([svc.earning.considerPost(pid), svc.earning.considerPost(pid), svc.earning.considerPost(r)]);
    assert.deepEqual([(await ledger.balance(5)).pending, (await ledger.balance(5)).posted], [2, 0]);
    forum.posts.get(r)!.deleted = true;
    await Promise.all([svc.earning.cancelPost(r, 'post-deleted'), svc.earning.settleDue(forum.now + 48 * H)]);
    await Promise.all([svc.earning.settleDue(forum.now + 48 * H), svc.earning.settleDue(forum.now + 48 * H)]);
    const b5 = await ledger.balance(5);
    const b6 = await ledger.balance(6);
    assert.deepEqual([b5.pending, b5.posted, b6.pending, b6.posted], [0, 2, 0, 0]);
    const w = await okValue(svc.warnings.issue({ uid: 2 }, { uid: 5, reason: 'rude' }));
    await svc.warnings.banned({ uid: 5, callerUid: 1, reason: 'spam' });
    await svc.warnings.banned({ uid: 5, callerUid: 1, reason: 'spam' });
    assert.equal((await ledger.balance(5)).posted, 2 - 500 - 1000);
    await okValue(svc.warnings.revoke({ uid: 1 }, w.id));
    assert.equal((await ledger.balance(5)).posted, 2 - 1000);
    const history = await ledger.history(5, 1);
    assert.ok(history.entries.some((e) => e.key === 'ban:5:1'));
  });
});
