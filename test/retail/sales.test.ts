/**
 * Issue 16 item 3: registering sales — code normalisation, every refusal (nothing stored), one code
 * raced by two sellers, the limits, per-line report; on memory and Redis.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Host } from '../../lib/host';
import { LedgerService } from '../../lib/modules/ledger/service';
import { RetailService, SALE_REFUSALS, normaliseBoxCode, type RetailProduct } from '../../lib/modules/retail';
import { RETAIL_KEYS } from '../../lib/modules/retail/store';
import { backends, TestClock } from '../ledger/backends';

const CODE = 'ABCDE-12345-FGHIJ-67890';

describe('retail box code normalisation', () => {
  const table: [string, string | null][] = [
    ['ABCDE-12345-FGHIJ-67890', CODE],
    ['abcde-12345-fghij-67890', CODE],
    ['ABCDE12345FGHIJ67890', CODE],
    ['  abcde 12345 fghij 67890 ', CODE],
    ['ABCDE-12345FGHIJ-67890', CODE],
    ['ABCDE-12345-FGHIJ-6789', null],
    ['ABCDE-12345-FGHIJ-678901', null],
    ['ABCDE-12345-FGHIJ-6789!', null],
    ['АБВГД-12345-FGHIJ-67890', null],
    ['', null],
  ];
  for (const [raw, expected] of table) {
    it(`${JSON.stringify(raw)} → ${expected ?? 'refused'}`, () => assert.equal(normaliseBoxCode(raw), expected));
  }
});

describe('retail refusal messages', () => {
  it('every refusal has its own message in both languages', () => {
    for (const lang of ['en-GB', 'ru']) {
      const file = path.join(__dirname, '..', '..', '..', 'languages', lang, 'bonus.json');
      const keys = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const messages = SALE_REFUSALS.map((r) => keys[`retail.refusal.${r}`]);
      for (const [i, m] of messages.entries()) assert.ok(m, `${lang}: retail.refusal.${SALE_REFUSALS[i]}`);
      assert.equal(new Set(messages).size, messages.length, `${lang}: messages are distinct`);
      assert.ok(keys['points.reason.retail-sale'], `${lang}: points.reason.retail-sale`);
    }
  });
});

const PRODUCTS: RetailProduct[] = [
  { id: 'kis-2', name: 'KIS 2', points: 20, mode: 'registry' },
  { id: 'kis-3', name: 'KIS 3', points: 20, mode: 'review' },
];

for (const backend of backends()) {
  describe(`retail sales on ${backend.name}`, function () {
    this.timeout(60_000);
    let db: Database;
    let clock: TestClock;
    let ledger: LedgerService;
    let club: LedgerService;
    let retail: RetailService;

    beforeEach(async () => {
      db = await backend.open();
      clock = new TestClock();
      // The ledger service needs only the database and the clock for these calls.
      const host = { db, clock } as unknown as Host;
      ledger = new LedgerService(host, 'sellers');
      club = new LedgerService(host);
      retail = new RetailService(db, clock, ledger, { products: PRODUCTS, limits: { registrationsPerDay: 30, failuresPerHour: 10 } });
      await retail.store.addToRegistry('kis-2', [CODE, 'AAAAA-AAAAA-AAAAA-AAAA1', 'AAAAA-AAAAA-AAAAA-AAAA2'] as never);
      await retail.store.addToBlacklist(['BBBBB-BBBBB-BBBBB-BBBBB' as never]);
    });
    after(() => backend.close());

    it('a registry product credits seller points at once, never club points', async () => {
      const r = await retail.register(5, 'abcde12345fghij67890', 'kis-2');
      assert.equal(r.ok, true);
      assert.equal(r.ok && r.sale.status, 'accepted');
      assert.equal((await ledger.store.readCounters(5)).spendable, 20);
      assert.equal((await club.store.readCounters(5)).spendable, 0);
      const history = await ledger.history(5, 1);
      assert.equal(history.programme, 'sellers');
      assert.equal(history.entries[0]?.reason, 'retail-sale');
    });

    it('a review product is pending with no points until decided', async () => {
      const r = await retail.register(5, 'CCCCC-CCCCC-CCCCC-CCCCC', 'kis-3');
      assert.equal(r.ok && r.sale.status, 'pending');
      assert.equal((await ledger.store.readCounters(5)).posted, 0);
      assert.equal(await db.isSortedSetMember(RETAIL_KEYS.review, r.ok ? r.sale.id : 0), true);
    });

    it('every refusal has its own code and stores no sale', async () => {
      await retail.register(6, CODE, 'kis-2');
      const cases: [string, string, string][] = [
        ['ABCDE-12345', 'kis-2', 'malformed'],
        ['BBBBB-BBBBB-BBBBB-BBBBB', 'kis-3', 'blacklisted'],
        [CODE.toLowerCase(), 'kis-2', 'already-registered'],
        ['DDDDD-DDDDD-DDDDD-DDDDD', 'kis-2', 'not-in-registry'],
        ['DDDDD-DDDDD-DDDDD-DDDDD', 'nope', 'unknown-product'],
      ];
      for (const [code, product, expected] of cases) {
        assert.deepEqual(await retail.register(5, code, product), { ok: false, code: expected }, code);
      }
      assert.deepEqual(await retail.sales(5), []);
      assert.equal((await ledger.store.readCounters(5)).posted, 0);
      assert.equal((await retail.sales(6)).length, 1);
    });

    it('one code registered by two sellers in parallel: exactly one sale, one credit', async () => {
      const results = await Promise.all([5, 6, 7, 8].map((uid) => retail.register(uid, CODE, 'kis-2')));
      assert.equal(results.filter((r) => r.ok).length, 1);
      for (const r of results.filter((x) => !x.ok)) assert.deepEqual(r, { ok: false, code: 'already-registered' });
      const total = (await Promise.all([5, 6, 7, 8].map(async (uid) => (await ledger.store.readCounters(uid)).posted))).reduce((a, b) => a + b, 0);
      assert.equal(total, 20);
    });

    it('limits: registrations per day, then failed attempts per hour with a cool-down', async () => {
      retail = new RetailService(db, clock, ledger, { products: PRODUCTS, limits: { registrationsPerDay: 2, failuresPerHour: 3 } });
      assert.equal((await retail.register(5, 'EEEEE-EEEEE-EEEEE-EEEE1', 'kis-3')).ok, true);
      assert.equal((await retail.register(5, 'EEEEE-EEEEE-EEEEE-EEEE2', 'kis-3')).ok, true);
      assert.deepEqual(await retail.register(5, 'EEEEE-EEEEE-EEEEE-EEEE3', 'kis-3'), { ok: false, code: 'daily-limit' });
      clock.ms += 24 * 3600_000;
      for (let i = 0; i < 3; i += 1) assert.deepEqual(await retail.register(5, 'bad', 'kis-3'), { ok: false, code: 'malformed' });
      assert.deepEqual(await retail.register(5, 'EEEEE-EEEEE-EEEEE-EEEE3', 'kis-3'), { ok: false, code: 'cooling-down' });
      clock.ms += 3600_000;
      assert.equal((await retail.register(5, 'EEEEE-EEEEE-EEEEE-EEEE3', 'kis-3')).ok, true);
    });

    it('the daily limit counts the club\'s day in its time zone, not the UTC day', async () => {
      const config = (timeZone: string) => ({ ...retail.defaultConfig(), limits: { registrationsPerDay: 1, failuresPerHour: 10 }, timeZone });
      clock.ms = Date.parse('2026-09-01T20:30:00Z'); // 23:30 in Moscow, 1 September
      assert.equal((await retail.register(5, 'FFFFF-FFFFF-FFFFF-FFFF1', 'kis-3', config('Europe/Moscow'))).ok, true);
      clock.ms = Date.parse('2026-09-01T21:30:00Z'); // 00:30 in Moscow, 2 September; still 1 September in UTC
      assert.deepEqual(await retail.register(5, 'FFFFF-FFFFF-FFFFF-FFFF2', 'kis-3', config('UTC')), { ok: false, code: 'daily-limit' });
      assert.equal((await retail.register(5, 'FFFFF-FFFFF-FFFFF-FFFF2', 'kis-3', config('Europe/Moscow'))).ok, true);
      clock.ms = Date.parse('2026-09-01T22:00:00Z');
      assert.deepEqual(await retail.register(5, 'FFFFF-FFFFF-FFFFF-FFFF3', 'kis-3', config('Europe/Moscow')), { ok: false, code: 'daily-limit' });
    });

    it('review: approve credits a pending sale once, reject needs a reason; a spot-check rejection reverses the points', async () => {
      const pending = await retail.register(5, 'CCCCC-CCCCC-CCCCC-CCCCC', 'kis-3');
      assert.ok(pending.ok);
      assert.deepEqual(await retail.decide(pending.sale.id, 'reject', '  '), { ok: false, code: 'reason-required' });
      const twice = await Promise.all([retail.decide(pending.sale.id, 'approve'), retail.decide(pending.sale.id, 'reject', 'photo missing')]);
      assert.equal(twice.filter((r) => r.ok).length, 1);
      const approved = twice[0].ok;
      assert.equal((await ledger.store.readCounters(5)).posted, approved ? 20 : 0);
      assert.equal((await retail.sales(5))[0]?.status, approved ? 'accepted' : 'rejected');

      retail = new RetailService(db, clock, ledger, { products: PRODUCTS, spotCheckPercent: 100 });
      const instant = await retail.register(6, CODE, 'kis-2');
      assert.ok(instant.ok && instant.sale.spotCheck);
      assert.equal((await ledger.store.readCounters(6)).posted, 20);
      assert.deepEqual((await retail.reviewQueue()).map((s) => s.id), [instant.sale.id]);
      assert.equal((await retail.decide(instant.sale.id, 'reject', 'code sold twice')).ok, true);
      assert.equal((await ledger.store.readCounters(6)).posted, 0);
      assert.equal((await retail.sales(6))[0]?.reason, 'code sold twice');
      assert.deepEqual(await retail.decide(instant.sale.id, 'approve'), { ok: false, code: 'already-decided' });
      assert.deepEqual(await retail.reviewQueue(), []);
      const summary = await retail.summary(5);
      assert.equal(summary.accepted + summary.rejected, 1);
    });

    it('several codes pasted at once: a report per line', async () => {
      const report = await retail.registerMany(5, `${CODE}\n\nbad code\nAAAAA-AAAAA-AAAAA-AAAA1\n${CODE}`, 'kis-2');
      assert.deepEqual(report.map((r) => [r.line, r.result.ok ? 'ok' : r.result.code]), [
        [1, 'ok'], [3, 'malformed'], [4, 'ok'], [5, 'already-registered'],
      ]);
      assert.equal((await ledger.store.readCounters(5)).posted, 40);
    });
  });
}
