/**
 * Issue 11, item 3: a client idempotency key stands for one request. The same key with another body
 * is refused (409, a translated key) and changes nothing; a malformed key is a validation error;
 * the same request again still replays. One mechanism (lib/kernel/idempotency.ts) for every form.
 */
import { okValue, refuses, type RefusalError } from '../host/results';
import assert from 'node:assert/strict';
import { canonicalJson, fingerprint } from '../../lib/kernel/idempotency';
import { backends, openFinance, type Finance } from './harness';

const refused = (code: string, status?: number) => (e: RefusalError) => e.code === code && (status === undefined || e.status === status);

describe('client keys: canonical fingerprints', () => {
  it('the same request in any key order reads the same; another does not', () => {
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] }), '{"a":[2,{"c":2,"d":1}],"b":1}');
    assert.equal(fingerprint({ a: 1, b: 'x' }), fingerprint({ b: 'x', a: 1 }));
    assert.notEqual(fingerprint({ a: 1 }), fingerprint({ a: 2 }));
    assert.ok(fingerprint({}) >= 1 && fingerprint({}) <= 2 ** 40);
  });
});

for (const backend of backends()) {
  describe(`client keys reused with another body on ${backend.name}`, function () {
    this.timeout(60_000);
    let f: Finance;
    beforeEach(async () => {
      f = await openFinance(await backend.open());
      await f.setSettings({ loanApproval: 'automatic', timeZone: 'UTC' });
    });
    after(() => backend.close());
    const posted = async (uid: number) => (await f.services.ledger.balance(uid)).posted;

    it('an ACP operation key reused with an extra member is refused; nobody new is paid', async () => {
      const admin = { uid: f.admin };
      const op = { operationKey: 'op-key-0001', usernames: ['activists'], direction: 'award', amount: 100, reason: 'event', comment: '' };
      await okValue(f.services.operations.submit(admin, op));
      assert.equal((await okValue(f.services.operations.submit(admin, op))).replayed, true);
      await refuses(f.services.operations.submit(admin, { ...op, usernames: ['activists', 'consultants'] }), refused('error.idempotency.key-reused', 409));
      await refuses(f.services.operations.submit(admin, { ...op, amount: 200 }), refused('error.idempotency.key-reused', 409));
      assert.equal(await posted(f.uid.consultants), 0);
      assert.equal(await posted(f.uid.activists), 100);
      assert.deepEqual((await f.services.operations.get('op-key-0001'))!.members.map((m) => m.username), ['activists']);
    });

    it('a loan repayment replayed with another amount is refused; the same one replays', async () => {
      const me = { uid: f.uid.activists };
      const loan = await okValue(f.services.loans.apply(me, { amount: 1000, months: 3 }));
      await okValue(f.services.loans.repay(me, { id: loan.id, amount: 100, key: 'repay-0001' }));
      assert.equal((await okValue(f.services.loans.repay(me, { id: loan.id, amount: 100, key: 'repay-0001' }))).outstanding, 900);
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 300, key: 'repay-0001' }), refused('error.idempotency.key-reused', 409));
      assert.equal((await f.services.loans.status(loan.id))!.outstanding, 900);
      // a refused repayment frees its key: corrected and sent again, it goes through
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 5000, key: 'repay-0002' }), refused('error.loan.overpay'));
      assert.equal((await okValue(f.services.loans.repay(me, { id: loan.id, amount: 200, key: 'repay-0002' }))).outstanding, 700);
      await refuses(f.services.loans.repay(me, { id: loan.id, amount: 200, key: 'bad key' }), refused('error.idempotency.invalid-key'));
    });

    it('a transfer key reused for another amount or recipient is refused', async () => {
      const me = { uid: f.uid.activists };
      await f.credit(me.uid, 1000);
      await okValue(f.services.transfers.send(me, { to: 'consultants', amount: 100, key: 'transfer-0001' }));
      assert.equal((await okValue(f.services.transfers.send(me, { to: 'consultants', amount: 100, key: 'transfer-0001' }))).replayed, true);
      await refuses(f.services.transfers.send(me, { to: 'consultants', amount: 500, key: 'transfer-0001' }), refused('error.idempotency.key-reused', 409));
      await refuses(f.services.transfers.send(me, { to: 'oldTimers', amount: 100, key: 'transfer-0001' }), refused('error.idempotency.key-reused', 409));
      assert.equal(await posted(me.uid), 900);
      assert.equal(await posted(f.uid.oldTimers), 0);
    });

    it('a warning with a malformed key is a validation error, not a warning without protection; reused for another member it is refused', async () => {
      const admin = { uid: f.admin };
      const before = await posted(f.uid.plain);
      await refuses(f.services.warnings.issue(admin, { uid: f.uid.plain, reason: 'Spam', key: 'x' }), refused('error.idempotency.invalid-key'));
      assert.equal(await posted(f.uid.plain), before, 'nothing deducted');
      const w = await okValue(f.services.warnings.issue(admin, { uid: f.uid.plain, reason: 'Spam', key: 'warn-0001' }));
      assert.equal((await okValue(f.services.warnings.issue(admin, { uid: f.uid.plain, reason: 'Spam', key: 'warn-0001' }))).id, w.id);
      await refuses(f.services.warnings.issue(admin, { uid: f.uid.second, reason: 'Spam', key: 'warn-0001' }), refused('error.idempotency.key-reused', 409));
    });
  });
}
