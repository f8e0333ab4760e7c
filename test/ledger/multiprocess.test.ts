import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import path from 'node:path';
import { redisUrl } from '../contract/redis-env';
import { LedgerStore } from '../../lib/modules/ledger/store';
import { LedgerRecovery } from '../../lib/modules/ledger/store-recovery';
import { foldEntries } from '../../lib/modules/ledger/domain';
import { loadRedisDatabase } from './backends';

const url = redisUrl('ledger on Redis from several processes');

if (url) describe('ledger on Redis shared by several processes', function () {
  this.timeout(60_000);

  it('200 concurrent spends from 4 processes against a balance covering 50: exactly 50 succeed, balance 0, journal folds to it', async () => {
    const db = await loadRedisDatabase().connect(url as string);
    await db.client.flushdb();
    const store = new LedgerStore(db, { now: () => Date.now() });
    const uid = 77;
    assert.equal((await store.append({ kind: 'credit', uid, amount: 50, key: 'seed:77', reason: 'other', actorUid: 0 })).ok, true);

    const workers = [0, 1, 2, 3].map((w) => fork(path.join(__dirname, 'spend-worker.js'), [String(uid), String(w * 50), '50'], { stdio: 'inherit' }));
    // Each worker says when it is connected and waiting (a handshake, not a sleep).
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(`worker said ${JSON.stringify(m)} before ready`))));
      w.once('exit', (code) => reject(new Error(`worker exited ${code} before ready`)));
    })));
    const reports = workers.map((w) => new Promise<{ ok: number; refused: number }>((resolve, reject) => {
      w.once('message', (m) => resolve(m as { ok: number; refused: number }));
      w.once('exit', (code) => { if (code) reject(new Error(`worker exited ${code}`)); });
    }));
    workers.forEach((w) => w.send('go'));
    const results = await Promise.all(reports);

    assert.equal(results.reduce((s, r) => s + r.ok, 0), 50);
    assert.equal(results.reduce((s, r) => s + r.refused, 0), 150);
    const counters = await store.readCounters(uid);
    assert.deepEqual(counters, { pending: 0, posted: 0, held: 0, spendable: 0 });
    const { entries } = await new LedgerRecovery(store).journal(uid);
    assert.equal(entries.length, 51);
    assert.deepEqual(foldEntries(entries.filter((e) => e !== null)), { pending: 0, posted: 0, held: 0 });
    await db.client.quit();
  });
});

