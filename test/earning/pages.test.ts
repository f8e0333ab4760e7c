import { okValue, refuses } from '../host/results';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
import type { Database, PageResult, RequestContext } from '../../lib/host/index';
import type { Services } from '../../lib/services';
import { createEarningServices } from '../../lib/modules/earning/services';
import { topPage } from '../../lib/modules/earning/http-top';
import { allWarningsPage, memberWarningsPage, myWarningsPage } from '../../lib/modules/moderation/http';
import { settingsPage, updateSettingsApi } from '../../lib/modules/settings/http';
import { LedgerService } from '../../lib/modules/ledger/service';
import { MiniForum, openDatabase } from './harness';
import { registerTokenHelpers, templateSource } from '../host/template-helpers';
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const template = templateSource;
const lang = (l: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'languages', l, 'bonus.json'), 'utf8')) as Record<string, string>;
const EN = lang('en-GB');
const RU = lang('ru');

function assertKeys(keys: string[], where: string): void {
  for (const key of keys) {
    assert.ok(key in EN, `en-GB lacks ${key} (${where})`);
    assert.ok(key in RU, `ru lacks ${key} (${where})`);
  }
}

async function render(result: PageResult): Promise<string> {
  assert.equal(result.kind, 'render');
  if (result.kind !== 'render') return '';
  const html = await benchpress.compileRender(template(result.template), JSON.parse(JSON.stringify(result.data)));
  assertKeys([...html.matchAll(/\[\[bonus:([a-zA-Z0-9._-]+)/g)].map((m) => m[1]), result.template);
  assertKeys([...result.title.matchAll(/\[\[bonus:([a-zA-Z0-9._-]+)/g)].map((m) => m[1]), `${result.template} title`);
  return html;
}

const ctx = (uid: number, params: Record<string, string> = {}, query: Record<string, string> = {}): RequestContext =>
  ({ uid, lang: 'en-GB', params, query, relativePath: '/forum' });

describe('earning: pages and strings', function () {
  let opened: { db: Database; close(): Promise<void> } | null = null;
  let services: Services;
  let forum: MiniForum;

  before(async function () {
    opened = await openDatabase();
  });
  after(async () => { await opened?.close(); });

  beforeEach(async () => {
    const { db } = opened!;
    if ('client' in db) await (db as unknown as { client: { flushdb(): Promise<unknown> } }).client.flushdb();
    if ('flushAll' in db) (db as unknown as { flushAll(): void }).flushAll();
    forum = new MiniForum(db);
    await forum.setSettings({ earningCids: '1' });
    for (const uid of [1, 2, 5, 6]) forum.addUser(uid);
    forum.users.get(6)!.displayname = '<script>alert(1)</script>';
    const host = forum.host();
    // the forum's own group and category (a name with markup, shown escaped)
    forum.fake.forum.joinGroup(5, 'Activists');
    if (!forum.fake.forum.categories.has(1)) forum.fake.forum.createCategory('Talk & <b>news</b>');
    forum.fake.forum.categories.get(1)!.name = 'Talk & <b>news</b>';
    const settings = forum.settings();
    services = { host, settings, ...createEarningServices(host, settings, new LedgerService(host)) } as unknown as Services;
  });

  it('leaderboard: current week with members (names escaped), past month empty', async () => {
    const { pid } = forum.newTopic(6, 1);
    await services.earning.considerPost(pid);
    const html = await render(await topPage(services, ctx(0)));
    assert.ok(html.includes('&lt;script&gt;') && !html.includes('<script>alert'));
    assert.ok(html.includes('2026-W34'));
    const month = await render(await topPage(services, ctx(0, {}, { kind: 'month', period: '2026-07' })));
    assert.ok(month.includes('[[bonus:top.empty]]'));
  });

  it('warnings: mine, all (moderators only), a member\'s with the warn form', async () => {
    forum.newTopic(6, 1);
    await okValue(services.warnings.issue({ uid: 2 }, { pid: 1, reason: '<img src=x onerror=alert(1)>' }));
    const mine = await render(await myWarningsPage(services, ctx(6)));
    assert.ok(mine.includes('&lt;img') && !mine.includes('<img src=x'));
    assert.deepEqual(await allWarningsPage(services, ctx(6)), { kind: 'forbidden' });
    const all = await render(await allWarningsPage(services, ctx(1)));
    assert.ok(all.includes('data-bonus="revoke"'));
    const member = await render(await memberWarningsPage(services, ctx(2, { userslug: 'u6' })));
    assert.ok(member.includes('data-bonus="warn-form"') && !member.includes('data-bonus="revoke"'));
    // the form says what the warning costs (issue 15, item 8)
    assert.match(member, /data-bonus="warn-cost">\[\[bonus:warnings\.costs, \[\[bonus:points\.count\.other, 500\]\]\]\]</);
    assert.deepEqual(await memberWarningsPage(services, ctx(5, { userslug: 'u6' })), { kind: 'forbidden' });
  });

  it('ACP settings: groups, categories, amounts and exclusions; saving refuses invalid values as a whole', async () => {
    const html = await render(await settingsPage(services, ctx(1)));
    assert.ok(html.includes('value="Activists" selected'));
    assert.ok(html.includes('Talk &amp; &lt;b&gt;news'));
    await refuses(updateSettingsApi(services, { ...ctx(5), body: { pointsReply: '3' } }), /no-privileges/);
    await refuses(updateSettingsApi(services, { ...ctx(1), body: { pointsReply: '3', timeZone: 'Mars/Base' } }), /invalid-time-zone/);
    await refuses(updateSettingsApi(services, { ...ctx(1), body: { pointsReply: '-3' } }), /invalid-settings/);
    assert.equal((await services.settings.get()).pointsReply, 1);
    await okValue(updateSettingsApi(services, { ...ctx(1), body: { pointsReply: '3', excludeTop: '["banned","newcomers"]', earningCids: '1,2' } }));
    const s = await services.settings.get();
    assert.deepEqual([s.pointsReply, s.excludeTop, s.earningCids], [3, ['banned', 'newcomers'], [1, 2]]);
  });
});

describe('earning: templates and strings', () => {
  it('templates have no literal text outside tokens and variables', () => {
    for (const name of ['bonus/top', 'bonus/warnings', 'admin/plugins/bonus-settings']) {
      const text = template(name)
        .replace(/<[^>]*>/g, ' ')
        .replace(/\{\{\{[^}]*\}\}\}/g, ' ')
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\[\[[^\]]*\]\]/g, ' ')
        .replace(/\{[^}]*\}/g, ' ')
        .replace(/[#:(),.·\s\d-]/g, '');
      assert.equal(text, '', `${name}: literal text ${text}`);
      assertKeys([...template(name).matchAll(/\[\[bonus:([a-zA-Z0-9._-]+)/g)].map((m) => m[1]), name);
    }
  });

  it('every key the services and clients use exists in en-GB and ru', () => {
    const files = ['lib/modules/earning/service.ts', 'lib/modules/earning/notify.ts', 'lib/modules/earning/service-top.ts', 'lib/modules/moderation/service.ts', 'lib/modules/earning/service-groupgifts.ts',
      'lib/modules/settings/http.ts', 'lib/modules/moderation/http.ts', 'lib/modules/earning/http-top.ts', 'lib/modules/moderation/hooks.ts', 'static/client/bonus/warnings.js', 'static/admin/plugins/bonus-settings.js'];
    for (const f of files) {
      const src = fs.readFileSync(path.join(ROOT, f), 'utf8');
      assertKeys([...src.matchAll(/\[\[bonus:([a-z0-9._-]+[a-z0-9])[,\]]/g)].map((m) => m[1]), f);
      assertKeys([...src.matchAll(/BonusError\('([a-z0-9.-]+)'/g)].map((m) => m[1]), f);
    }
    const dynamic = [
      ...['post-deleted', 'post-purged', 'topic-deleted', 'topic-purged', 'topic-moved', 'author-banned', 'not-earning'].map((r) => `earning.cancelled.${r}`),
      'notify.top-week', 'notify.top-month', 'top.publish-week', 'top.publish-month',
      ...['newcomers', 'participants', 'activists', 'consultants', 'oldTimers', 'clubCouncil', 'banned'].map((r) => `settings.role.${r.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
      ...['excludePosts', 'excludeTop', 'excludeBirthday', 'excludeGroupGifts'].map((r) => `settings.exclude.${r.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
      ...['pointsTopic', 'pointsReply', 'pointsWeekTop', 'pointsMonthTop', 'topPlaces', 'pointsBirthday', 'giftActivists', 'giftConsultants', 'giftOldTimers', 'giftClubCouncil', 'penaltyWarning', 'penaltyBan'].map((a) => `settings.amount.${a.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`),
    ];
    assertKeys(dynamic, 'dynamic keys');
    for (const key of dynamic) assert.notEqual(RU[key], EN[key], `ru ${key} is not translated`);
  });
});
