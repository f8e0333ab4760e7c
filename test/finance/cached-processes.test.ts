/**
 * Two NodeBB processes on one database, each with NodeBB's per-process hash cache whose
 * invalidations reach the other process late (test/host/cached-db.ts). The ban penalty's flags and
 * the loan-slot repair must decide on atomic counters and sorted sets, never on a hash read that may
 * be a stale copy there (issue 13, item 7).
 */
import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import { createServices, type Services } from '../../lib/services';
import { CacheBus, cachedDatabase, type CachedDatabase } from '../host/cached-db';
import { MemoryDatabase } from '../host/memory-db';
import { openFinance, type Finance } from './harness';

const H = 3_600_000;

interface Two { f: Finance; one: Services; two: Services; dbTwo: CachedDatabase; bus: CacheBus }

async function twoProcesses(): Promise<Two> {
  const shared = new MemoryDatabase();
  const bus = new CacheBus();
  const dbOne = cachedDatabase(shared, bus);
  const dbTwo = cachedDatabase(shared, bus);
  const f = await openFinance(dbOne);
  await f.setSettings({ timeZone: 'UTC', penaltyBan: '1000', loanApproval: 'automatic' });
  return { f, one: f.services, two: createServices({ ...f.host, db: dbTwo }), dbTwo, bus };
}

describe('two forum processes with NodeBB’s hash cache: bans and one loan at a time', function () {
  this.timeout(60_000);

  it('a ban handled in one process, its unban and the next bans in the other: each ban is charged once', async () => {
    const { f, one, two, dbTwo, bus } = await twoProcesses();
    const m = f.uid.second;
    await f.credit(m, 5000);
    // Process two holds the ban flags' hashes in its cache, as any whole-hash read there leaves them
    // (NodeBB fills the cache on getObject/getObjects/getObjectFields of a key, whoever reads it).
    await dbTwo.getObjects(['bonus:ban:epoch', 'bonus:ban:charged', 'bonus:ban:until']);
    bus.deliver();

    assert.equal(await one.warnings.banned({ uid: m, callerUid: f.admin, reason: 'spam' }), true);
    await two.warnings.unbanned(m); // pubsub from process one has not arrived yet
    bus.deliver();
    assert.equal(await one.warnings.banned({ uid: m, callerUid: f.admin, reason: 'again' }), true, 'the second ban after an unban is charged');
    assert.equal(await f.spendable(m), 3000);

    // A temporary ban charged in process one ends (NodeBB lifts it with no hook); the next ban comes through process two.
    await one.warnings.unbanned(m);
    await dbTwo.getObjects(['bonus:ban:epoch', 'bonus:ban:charged', 'bonus:ban:until']);
    bus.deliver();
    assert.equal(await one.warnings.banned({ uid: m, callerUid: f.admin, until: f.clock.now() + H }), true);
    f.clock.advance(2 * H);
    assert.equal(await two.warnings.banned({ uid: m, callerUid: f.admin, reason: 'after the temporary ban' }), true, 'a ban after an expired one is charged');
    assert.equal(await f.spendable(m), 1000);
    // Repeated hooks of that ban, in either process, charge nothing more.
    bus.deliver();
    assert.equal(await one.warnings.banned({ uid: m, callerUid: f.admin }), false);
    assert.equal(await two.warnings.banned({ uid: m, callerUid: f.admin }), false);
    assert.equal(await f.spendable(m), 1000);
  });

  it('one loan at a time across processes, whatever each process has cached', async () => {
    const { f, one, two, bus } = await twoProcesses();
    const me = { uid: f.uid.activists };
    const loan = await okValue(one.loans.apply(me, { amount: 100, months: 1 }));
    // process two has not heard of it (pubsub not delivered): it still refuses a second loan
    await refuses(two.loans.apply(me, { amount: 100, months: 1 }), /already-active/, 'decided on the states, not a cached copy');
    // The member repays in process one: the loan closes.
    await okValue(one.loans.repay(me, { id: loan.id, amount: 'all', key: 'repay-cache-01' }));
    assert.equal((await one.loans.status(loan.id))!.state, 'repaid');
    // Process two lets them borrow again before pubsub arrives, once.
    const again = await okValue(two.loans.apply(me, { amount: 100, months: 1 }));
    assert.equal(again.state, 'open', 'the member may borrow again');
    bus.deliver();
    await refuses(one.loans.apply(me, { amount: 100, months: 1 }), /already-active/, 'one loan at a time still');
  });
});
