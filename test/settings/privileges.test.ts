import type { Result } from '../../lib/kernel/result';
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import { BonusError } from '../../lib/kernel/errors';
import { createFakeHost, type FakeHost } from '../host';

/**
 * Issue 12, item 4: privilege checks live in the services, not their controllers. Each admin action
 * is refused by the service itself to a member and to a guest (nothing changes), and allowed to an
 * admin; through HTTP the refusal is the same 403.
 */
describe('privileges: the services check the admin', function () {
  this.timeout(60_000);
  let fake: FakeHost;
  let admin: number;
  let anna: number;

  before(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna' });
  });

  const refused = (p: Promise<Result<unknown>>) => refuses(p, { code: 'error.no-privileges', status: 403 });

  it('settings, birthday index, reconcile and the sales review refuse members and guests', async () => {
    const s = fake.plugin.services;
    for (const uid of [anna, 0]) {
      await refused(s.settings.save({ uid }, { pointsReply: '77' }));
      await refused(s.birthdays.reindexFor({ uid }));
      await refused(s.ledger.reconcileFor({ uid }));
      await refused(s.sellers.review({ uid }, { ids: [1], decision: 'approve' }));
    }
    assert.notEqual((await s.settings.get()).pointsReply, 77, 'nothing saved');
    await okValue(s.settings.save({ uid: admin }, { pointsReply: '77' }));
    assert.equal((await s.settings.get()).pointsReply, 77);
    assert.equal(typeof (await okValue(s.birthdays.reindexFor({ uid: admin }))), 'number');
    assert.ok(await okValue(s.ledger.reconcileFor({ uid: admin })));
    await refuses(s.sellers.review({ uid: admin }, { ids: [], decision: 'approve' }), (e: unknown) => e instanceof BonusError && e.code === 'error.retail.review-ids');
  });

  it('the licence registry, its search, overview and one member\'s export refuse members and guests (issue 19)', async () => {
    const l = fake.plugin.services.licences;
    for (const uid of [anna, 0]) {
      await refused(l.importLines({ uid }, 'registry', 'AAAAA-BBBBB-CCCCC-DDDDD;X;1', 1));
      await refused(l.search({ uid }, 'AAAAA-BBBBB-CCCCC-DDDDD'));
      await refused(l.overview({ uid }));
    }
    await refused(l.exportFor({ uid: anna }, admin));
    assert.equal(await l.store.registrySize(), 0, 'nothing imported');
    assert.deepEqual(await okValue(l.importLines({ uid: admin }, 'registry', 'AAAAA-BBBBB-CCCCC-DDDDD;X;1', 1)), { added: 1, updated: 0, errors: [] });
    await fake.agent(anna).post('/api/v3/plugins/bonus/admin/licences/import', { list: 'blacklist', text: 'AAAAA-BBBBB-CCCCC-DDDDD' }).expect(403);
    await fake.agent(anna).get(`/api/v3/plugins/bonus/admin/licences/export?member=${admin}`).expect(403);
    assert.equal(await l.store.blacklistSize(), 0);
  });

  it('through HTTP: a member gets 403 from the settings endpoint', async () => {
    await fake.agent(anna).put('/api/v3/plugins/bonus/settings', { pointsReply: '55' }).expect(403);
    assert.equal((await fake.plugin.services.settings.get()).pointsReply, 77);
  });
});
