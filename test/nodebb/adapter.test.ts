import { ok, refused } from '../../lib/kernel/result';
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { PageRoute } from '../../lib/host/index';
import { createNodebbHost } from '../../lib/nodebb';
import { setModuleLoader } from '../../lib/nodebb/require';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const uploadPath = fs.mkdtempSync(path.join(os.tmpdir(), 'bonus-uploads-'));

/**
 * The NodeBB adapter against sinon stubs of NodeBB's modules: it calls them as NodeBB expects and
 * converts what they return into the port's types.
 */
describe('NodeBB adapter (lib/nodebb) with stubbed NodeBB modules', function () {
  let modules: Record<string, Record<string, unknown>>;

  beforeEach(function () {
    modules = {
      './src/database': {
        incrObjectFieldBy: sinon.stub().resolves('42'),
        getObject: sinon.stub().resolves({ a: 1, b: 'x' }),
        getObjectFields: sinon.stub().resolves({ a: 5 }),
        getSortedSetRevRangeByScore: sinon.stub().resolves([3, 2]),
        sortedSetScore: sinon.stub().resolves(null),
        getSortedSetRangeByScore: sinon.stub().resolves(['7', '8']),
        getSortedSetRangeByScoreWithScores: sinon.stub().resolves([{ value: '7', score: 150 }, { value: '8', score: 160 }]),
      },
      './src/user': { getSettings: sinon.stub().resolves({ userLang: 'ru' }), isAdministrator: sinon.stub().resolves(false), getUsersFields: sinon.stub().resolves([{ uid: 3, username: 'anna', userslug: 'anna', banned: '1', joindate: '5' }, { uid: 0 }]) },
      './src/meta': { config: { defaultLang: 'en-GB' }, settings: { get: sinon.stub().resolves({ holdWindowHours: '48', list: ['a'] }), set: sinon.stub().resolves() } },
      nconf: { get: sinon.stub().callsFake((k: string) => ({ relative_path: '/forum', upload_path: uploadPath })[k]) },
      winston: { info: sinon.stub(), warn: sinon.stub(), error: sinon.stub() },
      './src/routes/helpers': { setupPageRoute: sinon.stub(), setupAdminPageRoute: sinon.stub(), setupApiRoute: sinon.stub() },
      './src/controllers/helpers': { formatApiResponse: sinon.stub().resolves(), buildBreadcrumbs: sinon.stub().callsFake((b: unknown[]) => [{ text: '[[global:home]]', url: '/' }, ...b]), notAllowed: sinon.stub().resolves(), redirect: sinon.stub() },
      './src/helpers': { tx: sinon.stub().returns('translated') },
      benchpressjs: { registerHelper: sinon.stub() },
      './src/cron': { addJob: sinon.stub().resolves() },
    };
    setModuleLoader((p) => {
      if (!(p in modules)) throw new Error(`unexpected NodeBB module ${p}`);
      return modules[p];
    });
  });

  afterEach(function () {
    setModuleLoader(null);
  });

  it('files: an upload\'s SHA-256 read back from upload_path by its address; anything else is null (issue 17)', async function () {
    fs.mkdirSync(path.join(uploadPath, 'files'), { recursive: true });
    fs.writeFileSync(path.join(uploadPath, 'files', 'window.png'), 'shop window');
    const files = createNodebbHost().files!;
    const expected = { sha256: crypto.createHash('sha256').update('shop window').digest('hex'), bytes: 11 };
    assert.deepEqual(await files.read('/forum/assets/uploads/files/window.png'), expected);
    assert.deepEqual(await files.read('/forum/assets/uploads/files/window.png?v=2'), expected);
    assert.equal(await files.read('/forum/assets/uploads/files/missing.png'), null);
    assert.equal(await files.read('/forum/assets/uploads/../../../etc/passwd'), null);
    assert.equal(await files.read('/forum/assets/uploads/%2e%2e/%2e%2e/etc/passwd'), null);
    assert.equal(await files.read('https://example.org/window.png'), null);
  });

  it('database: numbers from increments, Redis shapes from hashes, argument order kept', async function () {
    const db = createNodebbHost().db;
    assert.equal(await db.incrObjectFieldBy('k', 'f', 5), 42);
    sinon.assert.calledWith(modules['./src/database'].incrObjectFieldBy as sinon.SinonStub, 'k', 'f', 5);
    assert.deepEqual(await db.getObject('h'), { a: '1', b: 'x' });
    assert.deepEqual(await db.getObjectFields('h', ['a', 'z']), { a: '5', z: null });
    assert.deepEqual(await db.getSortedSetRevRangeByScore('z', 0, 10, '+inf', 5), ['3', '2']);
    sinon.assert.calledWith(modules['./src/database'].getSortedSetRevRangeByScore as sinon.SinonStub, 'z', 0, 10, '+inf', 5);
    assert.equal(await db.sortedSetScore('z', 'v'), null);
  });

  it('database: a bulk call of one item goes as the single call (a NodeBB bulk call is a pipeline, twice the promises), of two as the bulk call, of none nowhere (issue 14)', async function () {
    const db = createNodebbHost().db;
    const nb = modules['./src/database'];
    for (const name of ['setObject', 'setObjectBulk', 'incrObjectFieldBy', 'incrObjectFieldByBulk', 'sortedSetAdd', 'sortedSetAddBulk', 'sortedSetRemove', 'sortedSetRemoveBulk', 'sortedSetScore', 'sortedSetsScore', 'sortedSetCard', 'sortedSetsCard', 'setAdd', 'setsAdd']) {
      nb[name] = sinon.stub().resolves(name.endsWith('sScore') || name.endsWith('sCard') ? ['3', '4'] : name === 'sortedSetScore' || name === 'sortedSetCard' ? '3' : undefined);
    }
    const calls = () => Object.fromEntries(Object.entries(nb).filter(([, f]) => (f as sinon.SinonStub).callCount > 0).map(([k, f]) => [k, (f as sinon.SinonStub).args]));
    await db.setObjectBulk([['h', { a: 1 }]]);
    await db.incrObjectFieldByBulk([['b', { pending: 2 }]]);
    await db.sortedSetAddBulk([['z', 5, 'v']]);
    await db.sortedSetRemoveBulk([['z', 'v']]);
    await db.setsAdd(['s'], 9);
    assert.deepEqual(await db.sortedSetsScore(['z'], 'v'), [3]);
    assert.deepEqual(await db.sortedSetsCard(['z']), [3]);
    assert.deepEqual(calls(), {
      setObject: [['h', { a: 1 }]], incrObjectFieldBy: [['b', 'pending', 2]], sortedSetAdd: [['z', 5, 'v']], sortedSetRemove: [['z', 'v']],
      setAdd: [['s', 9]], sortedSetScore: [['z', 'v']], sortedSetCard: [['z']],
    });
    for (const f of Object.values(nb)) (f as sinon.SinonStub).resetHistory?.();
    // two items, two fields, or a falsy value (NodeBB's setsAdd skips it): NodeBB's own bulk call
    await db.setObjectBulk([['h', { a: 1 }], ['g', { a: 2 }]]);
    await db.incrObjectFieldByBulk([['b', { pending: 2, posted: 1 }]]);
    await db.sortedSetAddBulk([['z', 5, 'v'], ['y', 6, 'w']]);
    await db.sortedSetRemoveBulk([['z', 'v'], ['y', 'w']]);
    await db.setsAdd(['s'], 0);
    assert.deepEqual(await db.sortedSetsScore(['z', 'y'], 'v'), [3, 4]);
    assert.deepEqual(await db.sortedSetsCard(['z', 'y']), [3, 4]);
    assert.deepEqual(Object.keys(calls()).sort(), ['incrObjectFieldByBulk', 'setObjectBulk', 'setsAdd', 'sortedSetAddBulk', 'sortedSetRemoveBulk', 'sortedSetsCard', 'sortedSetsScore']);
    for (const f of Object.values(nb)) (f as sinon.SinonStub).resetHistory?.();
    await Promise.all([db.setObjectBulk([]), db.incrObjectFieldByBulk([]), db.sortedSetRemoveBulk([]), db.setsAdd([], 1)]);
    assert.deepEqual(await db.sortedSetsScore([], 'v'), []);
    await db.sortedSetAddMany('z', []);
    assert.deepEqual(calls(), {});
    // many members of one set: NodeBB's sortedSetAdd given lists (one ZADD on Redis)
    await db.sortedSetAddMany('z', [[5, 'v'], [6, 7]]);
    assert.deepEqual(calls(), { sortedSetAdd: [['z', [5, 6], ['v', 7]]] });
  });

  it('users and settings: summaries typed, settings as strings', async function () {
    const host = createNodebbHost();
    const [anna, none] = await host.users.getUsers([3, 0]);
    assert.equal(anna?.banned, true);
    assert.equal(anna?.joindate, 5);
    assert.equal(none, null);
    assert.deepEqual(await host.settings.get('bonus'), { holdWindowHours: '48', list: '["a"]' });
    assert.deepEqual(await host.content.getPostsByTime(100, 200, 50), [{ pid: 7, timestamp: 150 }, { pid: 8, timestamp: 160 }]);
    sinon.assert.calledWith(modules['./src/database'].getSortedSetRangeByScoreWithScores as sinon.SinonStub, 'posts:pid', 0, 50, 100, 200);
  });

  it('pages: setupPageRoute with ensureLoggedIn for members, setupAdminPageRoute for /admin, render with title and breadcrumbs', async function () {
    const host = createNodebbHost();
    const middleware = { ensureLoggedIn: () => undefined };
    const router = {};
    const page: PageRoute = { path: '/bonus', access: 'member', handler: async (ctx) => ({ kind: 'render', template: 'bonus/home', title: '[[bonus:home.title]]', breadcrumbs: [{ text: 'x' }], data: { lang: ctx.lang, rp: ctx.relativePath } }) };
    const admin: PageRoute = { path: '/admin/plugins/bonus', access: 'admin', handler: async () => ({ kind: 'not-found' }) };
    host.http.mountPages({ app: {}, router, middleware, controllers: {} }, [page, admin]);
    const setup = modules['./src/routes/helpers'].setupPageRoute as sinon.SinonStub;
    sinon.assert.calledOnce(setup);
    assert.equal(setup.firstCall.args[1], '/bonus');
    assert.deepEqual(setup.firstCall.args[2], [middleware.ensureLoggedIn]);
    sinon.assert.calledWith(modules['./src/routes/helpers'].setupAdminPageRoute as sinon.SinonStub, router, '/admin/plugins/bonus');
    sinon.assert.calledWith(modules.benchpressjs.registerHelper as sinon.SinonStub, 'bonusTx');
    assert.ok(fs.statSync(path.join(uploadPath, 'bonus')).isDirectory(), 'the ACP image upload folder exists under upload_path');

    const res = { render: sinon.stub() };
    await setup.firstCall.args[3]({ uid: 3, query: {}, params: {} }, res, sinon.stub());
    sinon.assert.calledWith(res.render, 'bonus/home', sinon.match({ title: '[[bonus:home.title]]', lang: 'ru', rp: '/forum' }));
    assert.equal(res.render.firstCall.args[1].breadcrumbs.length, 2);

    const next = sinon.stub();
    await (modules['./src/routes/helpers'].setupAdminPageRoute as sinon.SinonStub).firstCall.args[3]({ uid: 1, query: { lang: 'en-GB' }, params: {} }, {}, next);
    sinon.assert.calledOnce(next);
  });

  it('write API: envelope through formatApiResponse, a refusal\'s status and translation token, admin check', async function () {
    const host = createNodebbHost();
    host.http.mountApi({ router: {}, middleware: { ensureLoggedIn: 'mw' }, helpers: {} }, [
      { method: 'post', path: '/bonus/fail', access: 'member', handler: async () => refused('error.not-enough-points', [5], 'conflict') },
      { method: 'put', path: '/bonus/admin', access: 'admin', handler: async () => ok({ ok: true }) },
      { method: 'get', path: '/bonus/ok', access: 'member', handler: async (ctx) => ok({ uid: ctx.uid, body: ctx.body }) },
    ]);
    const setup = modules['./src/routes/helpers'].setupApiRoute as sinon.SinonStub;
    assert.deepEqual(setup.getCalls().map((c) => [c.args[1], c.args[2], c.args[3]]), [['post', '/bonus/fail', ['mw']], ['put', '/bonus/admin', ['mw']], ['get', '/bonus/ok', ['mw']]]);
    const format = modules['./src/controllers/helpers'].formatApiResponse as sinon.SinonStub;

    await setup.getCall(0).args[4]({ uid: 3, query: {}, params: {}, body: {} }, 'res0');
    assert.equal(format.lastCall.args[0], 409);
    assert.equal(format.lastCall.args[2].message, '[[bonus:error.not-enough-points, 5]]');

    await setup.getCall(1).args[4]({ uid: 3, query: {}, params: {}, body: {} }, 'res1');
    assert.equal(format.lastCall.args[0], 403);

    await setup.getCall(2).args[4]({ uid: 3, query: {}, params: {}, body: { a: 1 } }, 'res2');
    assert.deepEqual(format.lastCall.args, [200, 'res2', { uid: 3, body: { a: 1 } }]);
  });

  it('write API downloads (issue 20): the file itself, saved as an attachment, never in the envelope; a refusal still is', async function () {
    const host = createNodebbHost();
    let allow = true;
    host.http.mountApi({ router: {}, middleware: { ensureLoggedIn: 'mw' }, helpers: {} }, [
      { method: 'get', path: '/bonus/file', access: 'member', download: true, handler: async () => (allow ? ok({ name: 'лог.txt', contentType: 'text/plain', bytes: Buffer.from('hi') }) : refused('error.requests.file.not-found', [], 'not-found')) },
    ]);
    const setup = modules['./src/routes/helpers'].setupApiRoute as sinon.SinonStub;
    const format = modules['./src/controllers/helpers'].formatApiResponse as sinon.SinonStub;
    const res = { status: sinon.stub().returnsThis(), set: sinon.stub().returnsThis(), send: sinon.stub().returnsThis() };
    const before = format.callCount;
    await setup.lastCall.args[4]({ uid: 3, query: {}, params: {}, body: {} }, res);
    assert.equal(format.callCount, before, 'not through the envelope');
    sinon.assert.calledWith(res.status, 200);
    const headers = res.set.firstCall.args[0] as Record<string, string>;
    assert.equal(headers['Content-Disposition'], `attachment; filename="___.txt"; filename*=UTF-8''${encodeURIComponent('лог.txt')}`);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff');
    assert.equal(String(res.send.firstCall.args[0]), 'hi');
    allow = false;
    await setup.lastCall.args[4]({ uid: 3, query: {}, params: {}, body: {} }, 'res');
    assert.equal(format.lastCall.args[0], 404);
  });

  it('widgets (issue 21): a template rendered with the language\'s _i18n; a hook\'s request language as NodeBB\'s render middleware picks it', async function () {
    const renderAsync = sinon.stub().resolves('<p>html</p>');
    const getFull = sinon.stub().callsFake((lang: string) => ({ bonus: { lang } }));
    modules['./src/webserver'] = { app: { renderAsync } };
    modules['./src/languages'] = { getFull };
    const http = createNodebbHost().http;
    assert.equal(await http.renderTemplate('widgets/bonus-points', { member: false }, 'ru'), '<p>html</p>');
    sinon.assert.calledWith(renderAsync, 'widgets/bonus-points', sinon.match({ member: false, bonusLang: 'ru', _i18n: { bonus: { lang: 'ru' } }, relative_path: '/forum' }));
    // a language that is not one (a path) never reaches languages.getFull: the forum's default
    await http.renderTemplate('widgets/bonus-points', {}, '../../etc');
    assert.equal(getFull.lastCall.args[0], 'en-GB');

    // ?lang= first, then the page's config (res.locals.config.userLang), then the reader's settings
    assert.deepEqual(await http.hookRequest(3, { query: { lang: 'en-GB' } }, { locals: { config: { userLang: 'ru' } } }), { lang: 'en-GB', relativePath: '/forum' });
    assert.deepEqual(await http.hookRequest(0, { query: {} }, { locals: { config: { userLang: 'ru' } } }), { lang: 'ru', relativePath: '/forum' });
    assert.deepEqual(await http.hookRequest(3, { query: { lang: '<x>' } }, { locals: {} }), { lang: 'ru', relativePath: '/forum' });
    sinon.assert.calledWith(modules['./src/user'].getSettings as sinon.SinonStub, 3);
  });

  it('jobs go to NodeBB’s cron.addJob under their own name (bonus:<module>:<job>, not prefixed again)', async function () {
    const onTick = async () => undefined;
    createNodebbHost().jobs.add({ name: 'bonus:earning:settle', cronTime: '*/5 * * * *', onTick });
    sinon.assert.calledWith(modules['./src/cron'].addJob as sinon.SinonStub, { name: 'bonus:earning:settle', cronTime: '*/5 * * * *', onTick });
  });
});
