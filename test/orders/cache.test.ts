import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createServices } from '../../lib/services';
import { CacheBus, cachedDatabase } from '../host/cached-db';
import { MemoryDatabase } from '../host/memory-db';
import { ordersHost, readyMember, seedShop } from './harness';

const M = { uid: 2 };

/**
 * Two NodeBB processes on one database, each with NodeBB's per-process hash cache, whose
 * invalidations reach the other process late (pubsub). A money decision must not rest on a hash
 * read that may be stale there.
 */
describe('two forum processes with NodeBB’s hash cache (delayed invalidation)', function () {
  it('the fake cache: a process sees its own writes at once, another process only after pubsub', async () => {
    const shared = new MemoryDatabase();
    const bus = new CacheBus();
    const [a, b] = [cachedDatabase(shared, bus), cachedDatabase(shared, bus)];
    await a.setObject('h', { n: '1' });
    assert.deepEqual(await b.getObject('h'), { n: '1' });
    await a.setObjectField('h', 'n', '2');
    assert.equal((await a.getObject('h'))?.n, '2');
    assert.equal((await b.getObject('h'))?.n, '1', 'stale until pubsub arrives');
    assert.equal(await b.getObjectField('h', 'n'), '1', 'getObjectField served from the cached hash');
    bus.deliver();
    assert.equal((await b.getObject('h'))?.n, '2');
  });

  it('checkout in one process pays for the cart as the member last set it in another', async () => {
    const shared = new MemoryDatabase();
    const bus = new CacheBus();
    const one = createServices(ordersHost(cachedDatabase(shared, bus)));
    const two = createServices(ordersHost(cachedDatabase(shared, bus)));
    const shop = await seedShop(one);
    await readyMember(one, M.uid, 10_000);
    bus.deliver();
    await okValue(one.cart.add(M, { productId: shop.mug, quantity: 2 }));
    await okValue(one.cart.add(M, { productId: shop.tshirt, variantId: 's', quantity: 1 }));
    bus.deliver();
    // The cart page served by process two (its cache now holds the cart)...
    assert.equal((await okValue(two.checkout.quoteFor(M, '', false))).lines.length, 2);
    // ...then the member drops the T-shirt through process one, and pays through process two.
    await okValue(one.cart.remove(M, { productId: shop.tshirt, variantId: 's' }));
    const { order } = await okValue(two.checkout.pay(M, { idempotencyKey: 'order-cache-01' }));
    assert.deepEqual(order.lines.map((l) => l.productId), [shop.mug], 'only what is in the cart now is bought');
  });
});
