import assert from 'node:assert/strict';
import { backends } from '../catalog/backends';
import { SeatStore } from '../../lib/modules/licences/store-seats';

const CODE = 'ABCDE-FGHIJ-KLMNO-PQRST';
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of backends()) {
  describe(`licences/seats (${backend.name})`, () => {
    after(() => backend.close());

    it('parallel adds of one code by more accounts than seats leave exactly the seats taken', async () => {
      const seats = new SeatStore(await backend.open());
      const claim = async (uid: number): Promise<string> => {
        for (;;) {
          const r = await seats.claim(CODE, uid, 3, Date.now());
          if (r !== 'busy') return r;
          await tick(Math.random() * 5);
        }
      };
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => claim(i + 10)));
      assert.equal(results.filter((r) => r === 'taken').length, 3);
      assert.equal(results.filter((r) => r === 'seats-used').length, 9);
      assert.equal(await seats.holders(CODE), 3);
    });

    it('the same account twice is refused; removing frees the seat at once for another account', async () => {
      const seats = new SeatStore(await backend.open());
      assert.equal(await seats.claim(CODE, 1, 1, 1000), 'taken');
      assert.equal(await seats.claim(CODE, 1, 1, 1001), 'already-held');
      assert.equal(await seats.claim(CODE, 2, 1, 1002), 'seats-used');
      await seats.free(CODE, 1);
      assert.equal(await seats.holds(CODE, 1), false);
      assert.equal(await seats.claim(CODE, 2, 1, 1003), 'taken');
    });
  });
}
