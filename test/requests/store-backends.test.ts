/**
 * Issue 20, the request types on each database backend (memory, and Redis when REDIS_URL is set):
 * the defaults are seeded once, concurrently or not; an admin's edit or deletion survives a re-seed.
 */
import assert from 'node:assert/strict';
import type { Database } from '../../lib/host';
import { RequestsStore } from '../../lib/modules/requests/store';
import { DEFAULT_TYPES } from '../../lib/modules/requests/domain';
import { backends } from '../ledger/backends';

for (const backend of backends()) {
  describe(`request types on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    beforeEach(async () => { db = await backend.open(); });
    after(() => backend.close());

    it('seeding twice, and four seeds at once, write each default once', async () => {
      const store = new RequestsStore(db);
      const wrote = await Promise.all(Array.from({ length: 4 }, () => store.seedTypes(DEFAULT_TYPES)));
      assert.ok(wrote.flat().length >= DEFAULT_TYPES.length);
      assert.deepEqual((await store.types()).map((x) => x.id), DEFAULT_TYPES.map((x) => x.id));
      assert.deepEqual(await store.seedTypes(DEFAULT_TYPES), []);
      assert.equal((await store.types()).length, DEFAULT_TYPES.length);
    });

    it('an edited or deleted default stays as the admin left it', async () => {
      const store = new RequestsStore(db);
      await store.seedTypes(DEFAULT_TYPES);
      const general = (await store.type('general'))!;
      await store.writeType({ ...general, name: { 'en-GB': '<b>[[bonus:x]]</b>', ru: 'Вопрос' } });
      await store.deleteType('points');
      assert.deepEqual(await store.seedTypes(DEFAULT_TYPES), []);
      assert.equal((await store.type('general'))!.name?.['en-GB'], '<b>[[bonus:x]]</b>');
      assert.equal(await store.type('points'), null);
      assert.equal((await store.types()).length, DEFAULT_TYPES.length - 1);
    });

    it('a seed cut short is completed by the next one', async () => {
      const store = new RequestsStore(db);
      await store.seedTypes(DEFAULT_TYPES.slice(0, 3));
      assert.deepEqual(await store.seedTypes(DEFAULT_TYPES), DEFAULT_TYPES.slice(3).map((x) => x.id));
      assert.equal((await store.types()).length, DEFAULT_TYPES.length);
    });
  });
}
