/**
 * Issue 19: a stop after any write of an add or a remove of a code. Whatever the stop left, the
 * member's list (once an add could no longer be under way) and the code's seats agree: no seat that
 * no list shows, no listed code without its seat, and the member can finish what they meant to do.
 */
import assert from 'node:assert/strict';
import { okValue } from '../host/results';
import { createServices } from '../../lib/services';
import { MemoryDatabase } from '../host/memory-db';
import { ADMIN, testHost } from '../catalog/backends';

const CODE = 'CRASH-LICNC-00001-SEATS';
const MEMBER = { uid: 7 };

async function setup() {
  const db = new MemoryDatabase();
  const host = testHost(db);
  const s = createServices(host);
  await okValue(s.licences.importLines(ADMIN, 'registry', `${CODE};KTS;2;2099-01-01`, 1));
  return { db, host, s };
}

async function agree(s: Awaited<ReturnType<typeof setup>>['s'], host: ReturnType<typeof testHost>) {
  host.setNow(host.clock.now() + 61_000); // past any add still under way
  const listed = (await s.licences.list(MEMBER.uid)).some((h) => h.code === CODE);
  const seat = (await s.licences.store.holders(CODE)).some((h) => h.uid === MEMBER.uid);
  assert.equal(listed, seat, 'the list and the seats agree');
  return listed;
}

describe('licences: a stop after any write of an add or a remove', function () {
  this.timeout(60_000);

  it('an add: the list and the seats agree, and adding again finishes it', async () => {
    let points = 0;
    for (let n = 1; ; n += 1) {
      const { db, host, s } = await setup();
      db.failAfterWrites(n);
      let crashed = false;
      try { await okValue(s.licences.add(MEMBER, CODE)); } catch { crashed = true; }
      db.failAfterWrites(Infinity);
      if (!crashed) break;
      points += 1;
      const held = await agree(s, host);
      const again = await s.licences.add(MEMBER, CODE);
      assert.ok(again.ok || (held && again.refusal.code === 'error.licences.already-held'), `stop at write ${n}: ${JSON.stringify(again)}`);
      assert.equal(await agree(s, host), true);
      assert.equal((await s.licences.store.holders(CODE)).length, 1, 'one seat');
    }
    assert.ok(points >= 3, `${points} stop points`);
  });

  it('a remove: the list and the seats agree, and removing again (or not finding it) finishes it', async () => {
    let points = 0;
    for (let n = 1; ; n += 1) {
      const { db, host, s } = await setup();
      const item = await okValue(s.licences.add(MEMBER, CODE));
      db.failAfterWrites(n);
      let crashed = false;
      try { await okValue(s.licences.remove(MEMBER, item.id, true)); } catch { crashed = true; }
      db.failAfterWrites(Infinity);
      if (!crashed) break;
      points += 1;
      if (await agree(s, host)) await okValue(s.licences.remove(MEMBER, item.id, true));
      assert.equal(await agree(s, host), false);
      assert.equal((await s.licences.store.holders(CODE)).length, 0, 'the seat is free');
    }
    assert.ok(points >= 2, `${points} stop points`);
  });
});
