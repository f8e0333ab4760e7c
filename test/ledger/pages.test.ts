import { okValue, refuses, type RefusalError } from '../host/results';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
import type { Database, PageResult, RequestContext } from '../../lib/host/index';
import { createServices, type Services } from '../../lib/services';
import { pointsApi, pointsPage, profilePointsPage } from '../../lib/modules/ledger/http';
import { operationsPage } from '../../lib/modules/publishing/http-operations';
import { pointsFeature } from '../../lib/modules/ledger/feature';
import { testHost, type TestHost } from '../catalog/backends';
import { backends } from './backends';
import { registerTokenHelpers, templateSource } from '../host/template-helpers';
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const template = templateSource;
const lang = (l: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'languages', l, 'bonus.json'), 'utf8')) as Record<string, string>;

async function render(result: PageResult): Promise<string> {
  assert.equal(result.kind, 'render');
  if (result.kind !== 'render') return '';
  return benchpress.compileRender(template(result.template), JSON.parse(JSON.stringify(result.data)));
}

function assertTokensExist(html: string) {
  const tokens = [...html.matchAll(/\[\[bonus:([a-zA-Z0-9._-]+)/g)];
  for (const [, key] of tokens) for (const l of ['en-GB', 'ru']) assert.ok(key in lang(l), `${l} lacks ${key}`);
  assert.ok(tokens.length > 0);
}

const USERS: Record<string, number> = { admin: 1, alice: 2, bob: 3 };
const ctx = (uid: number, params: Record<string, string> = {}, query: Record<string, string> = {}): RequestContext =>
  ({ uid, lang: 'en-GB', params, query, relativePath: '/forum' });

/** The shared fake forum with admin, alice and bob, and the operations topic 42; `replies`: the posts the plugin wrote there. */
function host(db: Database, settings: Record<string, string> = {}) {
  let operationsPid = 0;
  const h = testHost(db, settings, (port) => {
    for (const [username, uid] of Object.entries(USERS)) port.createUser({ uid, username, groups: username === 'admin' ? ['administrators'] : [] });
    operationsPid = port.forum.createTopic(USERS.admin, port.forum.createCategory('Club'), 'Points operations', 'Operations', { tid: 42 }).pid;
  }) as TestHost & { readonly replies: { tid: number; uid: number; content: string }[] };
  Object.defineProperty(h, 'replies', {
    get: () => [...h.fake.forum.posts.values()].filter((p) => p.tid === 42 && p.pid !== operationsPid).map((p) => ({ tid: p.tid, uid: p.uid, content: p.content })),
  });
  return h;
}

const op = (key: string, extra: Record<string, unknown> = {}) => ({ operationKey: key, usernames: ['alice', 'bob'], direction: 'award', amount: 250, reason: 'event', comment: 'Meetup', ...extra });

for (const backend of backends()) {
  describe(`points pages and operations on ${backend.name}`, function () {
    this.timeout(30_000);
    let s: Services;
    let h: ReturnType<typeof host>;

    beforeEach(async () => {
      h = host(await backend.open(), { operationsTid: '42', operationsPublishMode: 'per-operation' });
      s = createServices(h);
    });
    after(() => backend.close());

    it('an operation submitted twice is recorded and published once, for every member', async () => {
      const first = await okValue(s.operations.submit({ uid: 1 }, op('formkey0001')));
      const again = await okValue(s.operations.submit({ uid: 1 }, op('formkey0001')));
      assert.equal(first.replayed, false);
      assert.equal(again.replayed, true);
      assert.equal((await s.ledger.balance(2)).spendable, 250);
      assert.equal((await s.ledger.balance(3)).spendable, 250);
      assert.equal(h.replies.length, 1);
      assert.equal(h.replies[0].tid, 42);
      assert.equal(h.replies[0].uid, 1);
      assert.match(h.replies[0].content, /\*\*\+250 points\*\* to @alice @bob\./);
      await refuses(s.operations.submit({ uid: 1 }, op('formkey0001', { amount: 300 })), (e: RefusalError) => e.code === 'error.idempotency.key-reused' && e.status === 409);
    });

    it('a deduction may take the balance below zero; bad input and unknown members change nothing', async () => {
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0002', { usernames: ['alice'], direction: 'deduct', amount: 1000, reason: 'rule-violation' })));
      assert.equal((await s.ledger.balance(2)).spendable, -1000);
      await refuses(s.operations.submit({ uid: 1 }, op('formkey0003', { usernames: ['alice', 'nobody'] })), (e: RefusalError) => e.code === 'error.operations.unknown-users' && e.status === 404);
      await refuses(s.operations.submit({ uid: 1 }, op('formkey0004', { amount: 1.5 })), (e: RefusalError) => e.code === 'error.operations.invalid');
      await refuses(s.operations.submit({ uid: 1 }, op('formkey0005', { reason: 'whim' })), (e: RefusalError) => e.code === 'error.operations.invalid');
      await refuses(s.operations.submit({ uid: 2 }, op('formkey0006')), (e: RefusalError) => e.status === 403);
      assert.equal((await s.ledger.balance(2)).spendable, -1000);
      assert.equal((await s.ledger.balance(3)).spendable, 0);
    });

    it('daily digest: one post for the day, whatever the number of operations', async () => {
      await okValue(s.settings.update({ operationsPublishMode: 'daily-digest' }));
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0007')));
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0008', { usernames: ['bob'] })));
      assert.equal(h.replies.length, 0);
      const tomorrow = h.clock.now() + 86_400_000;
      assert.equal(await s.operations.publishDigest(tomorrow), true);
      assert.equal(await s.operations.publishDigest(tomorrow), false);
      assert.equal(h.replies.length, 1);
      assert.equal(h.replies[0].content.split('\n').length, 3);
    });

    it('Points page: balance, pending with its date, history with reasons and source links, paginated; both languages have every token', async () => {
      await s.ledger.creditPending({ uid: 2, amount: 2, key: 'earn:post:7', reason: 'reply', source: { type: 'post', id: 7 }, maturesAt: Date.parse('2026-11-24T12:00:00Z') });
      for (let i = 0; i < 25; i += 1) await s.ledger.credit({ uid: 2, amount: 1, key: `c:${i}`, reason: 'birthday' });
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0009', { usernames: ['alice'] })));
      const page = await pointsPage(s, ctx(2));
      // crumbs are paths within the forum: the host adds the relative path (NodeBB's buildBreadcrumbs)
      assert.deepEqual(page.kind === 'render' ? page.breadcrumbs : null, [{ text: '[[bonus:home.title]]', url: '/bonus' }, { text: '[[bonus:points.title]]' }]);
      const html = await render(page);
      assertTokensExist(html);
      assert.match(html, /data-bonus="spendable">275</);
      assert.match(html, /data-bonus="pending">2</);
      // 12:00 UTC in the club's zone (Europe/Moscow), the page language's format (issue 15, item 3)
      // pending points grouped per day they become available, that day in the club's zone
      assert.match(html, /data-bonus="pending-day">\[\[bonus:points\.pending-day, \[\[bonus:points\.count\.other, 2\]\], \[\[bonus:posts\.count\.one, 1\]\], 24 Nov 2026\]\]/);
      assert.match(html, /data-bonus="pending-help"/);
      assert.doesNotMatch(html, /\(UTC\)|\d{4}-\d\d-\d\d \d\d:\d\d/);
      assert.match(html, /href="\/forum\/topic\/42"/);
      assert.match(html, /href="\/forum\/bonus\/points\?page(=|&#x3D;)2"/);
      const page2 = await render(await pointsPage(s, ctx(2, {}, { page: '2' })));
      assert.equal((page2.match(/data-entry=/g) ?? []).length, 7);
      assert.match(page2, /href="\/forum\/post\/7"/); // the pending credit's line links its post
    });

    it('people\'s words written before they were wrapped are shown as written even when they read as a key (issue 11, item 5)', async () => {
      // entries as the plugin wrote them before userTextToken: the comment bare in the entry
      const old = '[[bonus:points.title]]';
      await s.ledger.store.append({ kind: 'adjust', uid: 2, amount: 10, key: 'old:op:1', reason: 'event', comment: old, source: { type: 'operation', id: 'oldop1' }, actorUid: 1 });
      await s.ledger.store.append({ kind: 'debit', uid: 2, amount: 1, key: 'old:warn:1', reason: 'warning', comment: '[[bonus:points.kind.credit]]', source: { type: 'warning', id: 'w1' }, actorUid: 1 });
      await s.ledger.store.append({ kind: 'credit', uid: 2, amount: 5, key: 'old:group:1', reason: 'group-entry', comment: 'bonus:points.title', source: { type: 'group', id: 'bonus:points.title' }, actorUid: 0 });
      // and as written today: wrapped; and a comment the plugin wrote for another source stays a token
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0010', { usernames: ['alice'], comment: old })));
      await s.ledger.credit({ uid: 2, amount: 1, key: 'plugin:1', reason: 'other', comment: '[[bonus:points.kind.credit]]' });
      type Line = { reasonText: string; comment: string; commentText: string };
      const history = ((await pointsPage(s, ctx(2))) as unknown as { data: { history: Line[] } }).data.history;
      const shown = history.map((l) => [l.comment, l.commentText]);
      assert.deepEqual(shown, [
        ['[[bonus:points.kind.credit]]', ''],
        [`[[bonus:points.comment-text, &lsqb;&lsqb;bonus:points.title&rsqb;&rsqb;]]`, ''],
        ['', 'bonus:points.title'],
        ['', '[[bonus:points.kind.credit]]'],
        ['', old],
      ]);
    });

    it('a payment is one line in the history: the reserve only while it is one, then the payment (issue 15, item 3)', async () => {
      await s.ledger.credit({ uid: 2, amount: 3000, key: 'c:order', reason: 'other' });
      await s.ledger.hold({ uid: 2, amount: 2700, key: 'hold:order:9', reason: 'order', source: { type: 'order', id: 9 } });
      type Data = { data: { history: { kind: string; amountText: string; muted: boolean; sourceUrl: string }[] } };
      const orderLines = async () => ((await pointsPage(s, ctx(2))) as unknown as Data).data.history.filter((h) => h.sourceUrl.endsWith('/bonus/orders/9'));
      assert.deepEqual((await orderLines()).map((h) => [h.kind, h.amountText, h.muted]), [['hold', '(\u22122700)', true]]);
      await s.ledger.capture({ targetKey: 'hold:order:9' });
      assert.deepEqual((await orderLines()).map((h) => [h.kind, h.amountText, h.muted]), [['capture', '\u22122700', false]]);
      await s.ledger.credit({ uid: 2, amount: 100, key: 'c:order2', reason: 'other' });
      await s.ledger.hold({ uid: 2, amount: 50, key: 'hold:order:10', reason: 'order', source: { type: 'order', id: 10 } });
      await s.ledger.release({ targetKey: 'hold:order:10' });
      const released = ((await pointsPage(s, ctx(2))) as unknown as Data).data.history.filter((h) => h.sourceUrl.endsWith('/bonus/orders/10'));
      assert.deepEqual(released, [], 'a released reserve changed nothing');
    });

    it('history pages: newest first, an older page only while there is one, no count of the whole journal; a page past the end shows the first', async () => {
      for (let i = 1; i <= 45; i += 1) await s.ledger.credit({ uid: 4, amount: i, key: `hist:${i}`, reason: 'other' });
      const page = async (n: number) => {
        const h = await s.ledger.history(4, n, 20);
        return [h.page, h.entries.length, h.entries[0]?.amount, h.hasOlder];
      };
      assert.deepEqual(await page(1), [1, 20, 45, true]);
      assert.deepEqual(await page(2), [2, 20, 25, true]);
      assert.deepEqual(await page(3), [3, 5, 5, false]);
      assert.deepEqual(await page(9), [1, 20, 45, true]);
      const empty = await s.ledger.history(99, 1, 20);
      assert.deepEqual([empty.page, empty.entries.length, empty.hasOlder], [1, 0, false]);
    });

    it('read API: own balance and history; admins any member; bad input refused with a translated key', async () => {
      await s.ledger.credit({ uid: 2, amount: 5, key: 'api:1', reason: 'other' });
      const [own, other] = pointsApi(s);
      const api = (uid: number, params: Record<string, string> = {}, query: Record<string, string> = {}) => ({ ...ctx(uid, params, query), body: {} });
      const mine = await okValue(own.handler(api(2))) as { balance: { spendable: number }; history: { entries: { key: string }[]; hasOlder: boolean } };
      assert.equal(mine.balance.spendable, 5);
      assert.deepEqual([mine.history.entries.map((e) => e.key), mine.history.hasOlder], [['api:1'], false]);
      assert.equal(((await okValue(other.handler(api(1, { uid: '2' })))) as { uid: number }).uid, 2);
      await refuses(other.handler(api(3, { uid: '2' })), (e: RefusalError) => e.status === 403);
      await refuses(own.handler(api(2, {}, { page: 'abc' })), (e: RefusalError) => e.code === 'error.points.invalid-request');
      await refuses(other.handler(api(1, { uid: '-1' })), (e: RefusalError) => e.code === 'error.points.invalid-request');
    });

    it('profile tab: the member and admins only', async () => {
      assert.equal((await profilePointsPage(s, ctx(2, { userslug: 'alice' }))).kind, 'render');
      assert.equal((await profilePointsPage(s, ctx(1, { userslug: 'alice' }))).kind, 'render');
      assert.deepEqual(await profilePointsPage(s, ctx(3, { userslug: 'alice' })), { kind: 'refused', refusal: { kind: 'forbidden', code: 'error.no-privileges', args: [] } });
      assert.equal((await profilePointsPage(s, ctx(1, { userslug: 'nobody' }))).kind, 'not-found');
    });

    it('balance under posts: authors of one page read in one batched read, their pending points not read', async () => {
      await s.ledger.credit({ uid: 2, amount: 9, key: 'x', reason: 'other' });
      await (await s.ledger.notePending({ uid: 2, key: 'earn:post:1', amount: 1, maturesAt: h.clock.now() + 1000 }))();
      const feature = pointsFeature(h, s);
      let reads = 0;
      const original = h.db.getObjectsFields.bind(h.db);
      const originalObjects = h.db.getObjects.bind(h.db);
      const hashesRead: string[] = [];
      h.db.getObjectsFields = async (keys, fields) => { reads += 1; return original(keys, fields); };
      h.db.getObjects = async (keys) => { hashesRead.push(...keys); return originalObjects(keys); };
      const filter = feature.filters!['filter:posts.custom_profile_info']!;
      const out = await Promise.all([2, 3, 2].map((uid) => filter({ profile: [], uid })));
      h.db.getObjectsFields = original;
      h.db.getObjects = originalObjects;
      assert.equal(reads, 1);
      // a member's pending amounts grow with their posting: never read for every post shown
      assert.deepEqual(hashesRead, []);
      // NodeBB's shape: `{ content }` entries (Harmony renders `.content`).
      assert.match(out[0].profile[0].content, /> 9 points</);
      assert.match(out[1].profile[0].content, /> 0 points</);
    });

    it('ACP Operations page: form with an idempotency key, recent operations, last reconcile result', async () => {
      await okValue(s.operations.submit({ uid: 1 }, op('formkey0010')));
      await s.ledger.reconcile();
      const html = await render(await operationsPage(s, ctx(1)));
      assertTokensExist(html);
      assert.match(html, /data-operation-key="[0-9a-f]{32}"/);
      assert.match(html, /alice, bob/);
      assert.match(html, /reconcile\.summary/);
    });
  });
}
