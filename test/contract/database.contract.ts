import assert from 'node:assert/strict';
import type { Database } from '../../lib/host/index';

/**
 * The Database port's contract: what the plugin relies on from NodeBB's database API, with Redis
 * semantics. Run against the in-memory database and against a real Redis server, so the fake host
 * is proven to behave like the real thing.
 */
export function databaseContract(name: string, make: () => Promise<{ db: Database; close(): Promise<void> }>): void {
  describe(`Database contract: ${name}`, function () {
    let db: Database;
    let close: () => Promise<void>;

    beforeEach(async function () {
      ({ db, close } = await make());
    });
    afterEach(async function () {
      await close();
    });

    describe('hashes', function () {
      it('reads values back as strings and a missing key as null', async function () {
        await db.setObject('h', { a: 1, b: 'x', c: 0 });
        assert.deepEqual(await db.getObject('h'), { a: '1', b: 'x', c: '0' });
        assert.equal(await db.getObject('missing'), null);
        assert.equal(await db.getObjectField('h', 'a'), '1');
        assert.equal(await db.getObjectField('h', 'nope'), null);
        assert.deepEqual(await db.getObjectFields('h', ['a', 'nope']), { a: '1', nope: null });
        assert.deepEqual(await db.getObjects(['h', 'missing']), [{ a: '1', b: 'x', c: '0' }, null]);
        assert.deepEqual(await db.getObjectsFields(['h', 'missing'], ['b']), [{ b: 'x' }, { b: null }]);
        assert.deepEqual((await db.getObjectKeys('h')).sort(), ['a', 'b', 'c']);
        assert.equal(await db.isObjectField('h', 'b'), true);
        assert.equal(await db.isObjectField('h', 'z'), false);
      });

      it('deletes fields, and the key with its last field', async function () {
        await db.setObject('h', { a: 1, b: 2 });
        await db.deleteObjectField('h', 'a');
        assert.deepEqual(await db.getObject('h'), { b: '2' });
        await db.deleteObjectFields('h', ['b']);
        assert.equal(await db.exists('h'), false);
      });

      it('increments atomically, returning numbers, from a missing field', async function () {
        assert.equal(await db.incrObjectField('c', 'n'), 1);
        assert.equal(await db.incrObjectFieldBy('c', 'n', 41), 42);
        assert.equal(await db.decrObjectField('c', 'n'), 41);
        assert.equal(await db.incrObjectFieldBy('c', 'n', -50), -9);
        assert.equal(await db.getObjectField('c', 'n'), '-9');
      });

      it('increments many fields of many hashes in one bulk call (NodeBB\'s incrObjectFieldByBulk)', async function () {
        await db.incrObjectFieldBy('c', 'n', 2);
        await db.incrObjectFieldByBulk([['c', { n: 3, m: -4 }], ['d', { x: 1 }]]);
        await db.incrObjectFieldByBulk([]);
        assert.deepEqual(await db.getObjectFields('c', ['n', 'm']), { n: '5', m: '-4' });
        assert.equal(await db.getObjectField('d', 'x'), '1');
      });

      it('refuses to increment a non-integer value', async function () {
        await db.setObjectField('c', 'word', 'abc');
        await assert.rejects(db.incrObjectFieldBy('c', 'word', 1));
        assert.equal(await db.getObjectField('c', 'word'), 'abc');
      });

      it('1000 concurrent increments sum exactly and each sees a distinct value', async function () {
        const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => db.incrObjectFieldBy('c', 'n', (i % 3) + 1)));
        const total = Array.from({ length: 1000 }, (_, i) => (i % 3) + 1).reduce((a, b) => a + b, 0);
        assert.equal(await db.getObjectField('c', 'n'), String(total));
        assert.equal(new Set(results).size, 1000);
        assert.equal(Math.max(...results), total);
      });
    });

    describe('sorted sets', function () {
      beforeEach(async function () {
        await db.sortedSetAddBulk([['z', 2, 'b'], ['z', 1, 'c'], ['z', 2, 'a'], ['z', 3, 'd'], ['z', -1, 'e']]);
      });

      it('orders by score, then by value; indices may be negative', async function () {
        assert.deepEqual(await db.getSortedSetRange('z', 0, -1), ['e', 'c', 'a', 'b', 'd']);
        assert.deepEqual(await db.getSortedSetRevRange('z', 0, 1), ['d', 'b']);
        assert.deepEqual(await db.getSortedSetRange('z', -2, -1), ['b', 'd']);
        assert.deepEqual(await db.getSortedSetRange('z', 3, 100), ['b', 'd']);
        assert.deepEqual(await db.getSortedSetRange('z', 10, 20), []);
        assert.deepEqual(await db.getSortedSetRangeWithScores('z', 0, 1), [{ value: 'e', score: -1 }, { value: 'c', score: 1 }]);
        assert.deepEqual(await db.getSortedSetRevRangeWithScores('z', 0, 0), [{ value: 'd', score: 3 }]);
      });

      it('ranges by score with offset, count and infinities', async function () {
        assert.deepEqual(await db.getSortedSetRangeByScore('z', 0, -1, 1, 2), ['c', 'a', 'b']);
        assert.deepEqual(await db.getSortedSetRangeByScore('z', 1, 1, '-inf', '+inf'), ['c']);
        assert.deepEqual(await db.getSortedSetRevRangeByScore('z', 0, 2, '+inf', 2), ['d', 'b']);
        assert.deepEqual(await db.getSortedSetRangeByScoreWithScores('z', 0, 1, 2, 2), [{ value: 'a', score: 2 }]);
        assert.deepEqual(await db.getSortedSetRevRangeByScoreWithScores('z', 0, -1, 1, '-inf'), [{ value: 'c', score: 1 }, { value: 'e', score: -1 }]);
        assert.equal(await db.sortedSetCount('z', 2, '+inf'), 3);
      });

      it('scores, cardinality, membership, increments and removal', async function () {
        assert.equal(await db.sortedSetScore('z', 'a'), 2);
        assert.equal(await db.sortedSetScore('z', 'nope'), null);
        assert.deepEqual(await db.sortedSetScores('z', ['d', 'nope']), [3, null]);
        assert.equal(await db.sortedSetCard('z'), 5);
        assert.equal(await db.sortedSetCard('missing'), 0);
        assert.equal(await db.isSortedSetMember('z', 'e'), true);
        assert.equal(await db.sortedSetIncrBy('z', 5, 'e'), 4);
        assert.equal(await db.sortedSetIncrBy('z', 2, 'new'), 2);
        await db.sortedSetRemove('z', 'a');
        await db.sortedSetsRemove(['z'], 'b');
        assert.deepEqual(await db.getSortedSetRange('z', 0, -1), ['c', 'new', 'd', 'e']);
        // many values at once (NodeBB's sortedSetRemove takes a list); an empty list removes nothing
        await db.sortedSetAdd('z2', 1, 'x');
        await db.sortedSetAdd('z2', 2, 12);
        await db.sortedSetAdd('z2', 3, 'y');
        await db.sortedSetRemove('z2', ['x', 12, 'absent']);
        await db.sortedSetRemove('z2', []);
        assert.deepEqual(await db.getSortedSetRange('z2', 0, -1), ['y']);
        await db.sortedSetsRemoveRangeByScore(['z'], '-inf', 3);
        assert.deepEqual(await db.getSortedSetRange('z', 0, -1), ['e']);
      });

      it('bulk calls: scores of one value in many sets, sizes of many sets, removals from many sets', async function () {
        await db.sortedSetAddBulk([['z3', 7, 'a'], ['z3', 8, 'b']]);
        // many members of one set, a member given twice keeping the last score; none adds nothing
        await db.sortedSetAddMany('z4', [[3, 'x'], [1, 12], [5, 'x']]);
        await db.sortedSetAddMany('z5', []);
        assert.deepEqual(await db.getSortedSetRangeWithScores('z4', 0, -1), [{ value: '12', score: 1 }, { value: 'x', score: 5 }]);
        assert.equal(await db.sortedSetCard('z5'), 0);
        assert.deepEqual(await db.sortedSetsScore(['z', 'z3', 'missing'], 'a'), [2, 7, null]);
        assert.deepEqual(await db.sortedSetsScore([], 'a'), []);
        assert.deepEqual(await db.sortedSetsCard(['z', 'z3', 'missing']), [5, 2, 0]);
        assert.deepEqual(await db.sortedSetsCard([]), []);
        await db.sortedSetRemoveBulk([['z', 'a'], ['z3', 'b'], ['z3', 'absent'], ['missing', 'a']]);
        await db.sortedSetRemoveBulk([]);
        assert.deepEqual(await db.getSortedSetRange('z', 0, -1), ['e', 'c', 'b', 'd']);
        assert.deepEqual(await db.getSortedSetRange('z3', 0, -1), ['a']);
      });

      it('bulk calls of one item answer as those of many (the NodeBB adapter sends them as the single call)', async function () {
        await db.sortedSetAddBulk([['one', 7, 'a']]);
        assert.deepEqual(await db.getSortedSetRangeWithScores('one', 0, -1), [{ value: 'a', score: 7 }]);
        assert.deepEqual(await db.sortedSetsScore(['one'], 'a'), [7]);
        assert.deepEqual(await db.sortedSetsScore(['missing'], 'a'), [null]);
        assert.deepEqual(await db.sortedSetsCard(['one']), [1]);
        assert.deepEqual(await db.sortedSetsCard(['missing']), [0]);
        await db.sortedSetRemoveBulk([['one', 'a']]);
        assert.equal(await db.sortedSetCard('one'), 0);
        await db.setObjectBulk([['h', { a: 1, gone: null as unknown as string }]]);
        assert.deepEqual(await db.getObject('h'), { a: '1' });
        await db.incrObjectFieldByBulk([['c', { pending: 3 }]]);
        await db.incrObjectFieldByBulk([['c', { pending: -1 }]]);
        assert.deepEqual(await db.getObject('c'), { pending: '2' });
        await db.setsAdd(['s1'], 42);
        assert.deepEqual(await db.getSetMembers('s1'), ['42']);
      });

      it('numeric values come back as strings', async function () {
        await db.sortedSetAdd('n', 10, 42);
        assert.deepEqual(await db.getSortedSetRange('n', 0, -1), ['42']);
      });
    });

    describe('sets and keys', function () {
      it('one value into many sets, and many hashes written in one call (null and undefined fields left out)', async function () {
        await db.setsAdd(['s1', 's2'], 42);
        await db.setsAdd([], 1);
        await db.setsAdd(['s1'], 0); // NodeBB's setsAdd skips a falsy value
        assert.deepEqual(await db.getSetMembers('s1'), ['42']);
        assert.deepEqual(await db.getSetMembers('s2'), ['42']);
        await db.setObjectBulk([['h1', { a: 1, b: 'x' }], ['h2', { c: 'y', gone: null as unknown as string }], ['h3', {}]]);
        await db.setObjectBulk([]);
        assert.deepEqual(await db.getObject('h1'), { a: '1', b: 'x' });
        assert.deepEqual(await db.getObject('h2'), { c: 'y' });
        assert.equal(await db.getObject('h3'), null);
      });

      it('adds, removes and counts set members as strings', async function () {
        await db.setAdd('s', [1, 'two', 1]);
        await db.setAdd('s', 'three');
        assert.deepEqual((await db.getSetMembers('s')).sort(), ['1', 'three', 'two']);
        assert.equal(await db.setCount('s'), 3);
        assert.equal(await db.isSetMember('s', 1), true);
        await db.setRemove('s', ['two', 'three']);
        assert.deepEqual(await db.getSetMembers('s'), ['1']);
        assert.deepEqual(await db.getSetMembers('missing'), []);
      });

      it('exists, delete, deleteAll and increment', async function () {
        await db.setObject('a', { x: 1 });
        await db.sortedSetAdd('b', 1, 'v');
        assert.equal(await db.exists('a'), true);
        await db.delete('a');
        assert.equal(await db.exists('a'), false);
        assert.equal(await db.increment('k'), 1);
        assert.equal(await db.increment('k'), 2);
        await db.deleteAll(['b', 'k']);
        assert.equal(await db.exists('b'), false);
        assert.equal(await db.exists('k'), false);
      });
    });
  });
}
