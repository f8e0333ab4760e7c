import fs from 'node:fs';
import path from 'node:path';
import supertest from 'supertest';
import express from 'express';
import type { Database, Host, Job, Notification, RequestContext } from '../../lib/host';
import type { Plugin } from '../../lib/plugin';
import type { FakeForum, HookBus } from './forum';
import { ROOT, type FakeHttp, type Session } from './http';
import { MemoryDatabase } from './memory-db';
import { createFakePort } from './port';

interface PluginJson { hooks: { hook: string; method: string }[]; upgrades?: string[] }

export interface FakeHost {
  host: Host;
  plugin: Plugin;
  db: MemoryDatabase;
  forum: FakeForum;
  http: FakeHttp;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  notifications: { notification: Notification; uids: number[] }[];
  messages: { fromUid: number; toUid: number; message: string }[];
  emails: { template: string; uid: number; params: Record<string, unknown> }[];
  jobs: Job[];
  logs: { level: string; message: string }[];
  /**
   * NodeBB's plugins.hooks.fire for a filter: the plugin's handlers awaited in order, a throw fails
   * the caller (the page answers 500); the payload carries `caller` ({ uid, req } of the request, as
   * NodeBB's async-local store adds it), removed again from the result.
   */
  filter<T extends object>(name: string, payload: T, callerUid?: number): Promise<T>;
  /**
   * NodeBB's widgets.render for one placed widget (src/widgets/index.js renderWidget): fires
   * `filter:widget.render:<widget>` with its payload (the reader's uid, the widget's saved `data`, the
   * page's `templateData`, `req` with `?lang=` when given, `res`, the location) and returns the `html`.
   */
  renderWidget(widget: string, uid: number, options?: { lang?: string; data?: Record<string, unknown>; location?: string }): Promise<string>;
  /** What NodeBB's Posts.getUserInfoForPosts collects for a topic page: each author's custom_profile_info. */
  postUserInfo(readerUid: number, authorUids: number[]): Promise<unknown[][]>;
  /** Runs the plugin's upgrade scripts (plugin.json `upgrades`) as `./nodebb upgrade` does. */
  runUpgrades(): Promise<string[]>;
  /**
   * Runs every registered job as NodeBB's cron may: in a random order, and some of them twice at
   * once (a tick still running when the next one starts). Seeded: `jobsSeed`, printed on failure.
   */
  runJobs(): Promise<void>;
  readonly jobsSeed: number;
  /** Waits for the action hooks fired so far (NodeBB does not await them; tests may). */
  settle(): Promise<void>;
  /** A supertest agent with a member's session; writes carry the CSRF token. */
  agent(uid: number): { get(url: string): supertest.Test; post(url: string, body?: object): supertest.Test; put(url: string, body?: object): supertest.Test; delete(url: string, body?: object): supertest.Test };
  listen(port: number): Promise<() => Promise<void>>;
}

export interface FakeHostOptions {
  now?: number;
  /** Seed of the jobs' order and repeats (default: FAKE_JOBS_SEED, else random). */
  jobsSeed?: number;
  bar?(ctx: RequestContext, session: Session, fake: FakeHost): Promise<string>;
  /** Wraps the database the plugin sees (e.g. test/host/counting-db.ts); `fake.db` stays the raw one. */
  wrapDb?(db: MemoryDatabase): Database;
}

/**
 * The fake NodeBB: the Host port in memory with NodeBB's semantics and a small forum (test/host/port.ts,
 * the same fake every suite's Host comes from), and the plugin loaded as NodeBB loads it — package
 * main, hooks from plugin.json, action hooks not awaited.
 */
export async function createFakeHost(options: FakeHostOptions = {}): Promise<FakeHost> {
  const db = new MemoryDatabase();
  const jobsSeed = options.jobsSeed ?? (Number(process.env.FAKE_JOBS_SEED) || Math.floor(Math.random() * 2 ** 31));
  let state = jobsSeed >>> 0 || 1;
  // xorshift32: a reproducible sequence from the seed
  const random = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 2 ** 32;
  };
  const pending = new Set<Promise<unknown>>();
  const handlers = new Map<string, ((payload: unknown) => Promise<unknown>)[]>();
  const ref: { fake?: FakeHost } = {};

  const bus: HookBus = {
    action(name, payload) {
      for (const fn of handlers.get(name) ?? []) {
        const p = fn(payload).catch((err: unknown) => logs.push({ level: 'error', message: `${name}: ${String(err)}` }));
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
    },
    async static(name, payload) {
      for (const fn of handlers.get(name) ?? []) await fn(payload);
    },
  };
  const port = createFakePort({
    db: options.wrapDb ? options.wrapDb(db) : db,
    now: options.now,
    bus,
    bar: options.bar ? (ctx, session) => options.bar!(ctx, session, ref.fake!) : undefined,
  });
  const { host, forum, http, notifications, messages, emails, jobs, logs, clock } = port;
  // NodeBB's /api/post/upload for the sandbox's `uploader` stand-in: a logged-in member with the
  // CSRF token; images only (by their bytes, as NodeBB checks the file type), at most NodeBB's
  // default maximumFileSize (2048 kB); the v3 answer `{ images: [{ url, name }] }`
  const IMAGE = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x52, 0x49, 0x46, 0x46]];
  http.app.post('/api/sandbox/upload', express.raw({ type: () => true, limit: '8mb' }), (req, res) => {
    const session = http.session(req, res);
    const refuse = (status: number, message: string) => void res.status(status).json({ status: { code: 'bad-request', message }, response: {} });
    if (!(session.uid > 0) || req.headers['x-csrf-token'] !== session.csrf) return refuse(403, 'You do not have enough privileges for this action.');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!IMAGE.some((magic) => magic.every((b, i) => body[i] === b))) return refuse(400, 'Invalid image type.');
    if (body.length > 2048 * 1024) return refuse(400, 'Uploaded file is too large (max 2048 kB).');
    const name = String(req.query.name ?? 'image').replace(/[^\w.-]/g, '_').slice(-80);
    const url = forum.upload(`${session.uid}-${Date.now()}-${name}`, body);
    res.json({ status: { code: 'ok', message: 'OK' }, response: { images: [{ url, name }] } });
  });
  // the forum's uploads, served at their addresses as NodeBB serves its upload folder
  http.app.get('/assets/uploads/files/:name', (req, res) => {
    const content = forum.uploads.get(req.path);
    if (!content) return void res.status(404).end();
    res.type(path.extname(req.path) || 'application/octet-stream').send(content);
  });

  // Load the plugin the NodeBB way: the package's main, methods named by plugin.json.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require(path.join(ROOT, 'build/lib/runtime.js')) as typeof import('../../lib/runtime');
  const plugin = runtime.useHost(host);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exportsOfMain = require(path.join(ROOT, pkg.main)) as Record<string, (p: unknown) => Promise<unknown>>;
  const pluginJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin.json'), 'utf8')) as PluginJson;
  for (const { hook, method } of pluginJson.hooks) {
    const fn = exportsOfMain[method];
    if (typeof fn !== 'function') throw new Error(`plugin.json names ${method} for ${hook}, but the package does not export it`);
    if (fn.constructor.name !== 'AsyncFunction') throw new Error(`${method} must be a native async function (NodeBB checks)`);
    handlers.set(hook, [...(handlers.get(hook) ?? []), fn]);
  }
  await bus.static('static:app.load', { app: http.app, router: http.app, middleware: {}, controllers: {} });
  await bus.static('static:api.routes', { router: http.app, middleware: {}, helpers: {} });

  const fake: FakeHost = {
    host, plugin, db, forum, http, notifications, messages, emails, jobs, logs,
    clock,
    async runUpgrades() {
      // As NodeBB's src/upgrade.js: scripts in timestamp order, each run once and recorded in the
      // `schemaLog` sorted set under its file name.
      type Upgrade = { name: string; timestamp: number; method(this: unknown): Promise<void> };
      const scripts = (pluginJson.upgrades ?? []).map((script) => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const up = require(path.join(ROOT, script)) as Upgrade;
        if (typeof up.name !== 'string' || !Number.isFinite(up.timestamp) || up.method.constructor.name !== 'AsyncFunction') throw new Error(`${script}: not a NodeBB upgrade script`);
        return { file: path.basename(script, '.js'), up };
      }).sort((a, b) => a.up.timestamp - b.up.timestamp);
      const names: string[] = [];
      for (const { file, up } of scripts) {
        if (await db.isSortedSetMember('schemaLog', file)) continue;
        await up.method.call({ progress: { total: 0, incr: () => undefined } });
        await db.sortedSetAdd('schemaLog', Date.now(), file);
        names.push(up.name);
      }
      return names;
    },
    async filter(name, payload, callerUid) {
      const params = payload as Record<string, unknown>;
      const added = !Object.prototype.hasOwnProperty.call(params, 'caller');
      if (added) params.caller = callerUid === undefined ? undefined : { uid: callerUid, req: { uid: callerUid, path: '/' } };
      let value: unknown = params;
      for (const fn of handlers.get(name) ?? []) value = await fn(value);
      if (added && value && typeof value === 'object') delete (value as Record<string, unknown>).caller;
      return value as typeof payload;
    },
    async renderWidget(widget, uid, options = {}) {
      const req = { uid, path: '/', query: options.lang ? { lang: options.lang } : {} };
      const res = { locals: {} };
      const templateData = { template: { name: 'categories', categories: true }, url: '/' };
      const data = { title: '', container: '', groups: [], groupsHideFrom: [], ...(options.data ?? {}) };
      const out = await fake.filter(`filter:widget.render:${widget}`, {
        uid, area: { template: 'categories.tpl', url: '/', templateData, req, res }, templateData, data, req, res, location: options.location ?? 'sidebar',
      } as Record<string, unknown>, uid);
      return typeof out.html === 'string' ? out.html : '';
    },
    async postUserInfo(readerUid, authorUids) {
      const results = await Promise.all(authorUids.map((uid) => fake.filter('filter:posts.custom_profile_info', { profile: [] as unknown[], uid }, readerUid)));
      return results.map((r) => r.profile);
    },
    jobsSeed,
    async runJobs() {
      const order = [...jobs];
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const tick = async (job: Job) => {
        try {
          await job.onTick();
        } catch (err) {
          logs.push({ level: 'error', message: `job ${job.name} (jobs seed ${jobsSeed}): ${String(err)}` });
        }
      };
      for (const job of order) {
        if (random() < 0.3) await Promise.all([tick(job), tick(job)]);
        else await tick(job);
      }
    },
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
    agent(uid) {
      const { cookie, csrf } = http.login(uid);
      const st = supertest(http.app);
      return {
        get: (url) => st.get(url).set('Cookie', cookie),
        post: (url, body) => st.post(url).set('Cookie', cookie).set('x-csrf-token', csrf).send(body ?? {}),
        put: (url, body) => st.put(url).set('Cookie', cookie).set('x-csrf-token', csrf).send(body ?? {}),
        delete: (url, body) => st.delete(url).set('Cookie', cookie).set('x-csrf-token', csrf).send(body ?? {}),
      };
    },
    listen(port) {
      return new Promise((resolve) => {
        const server = http.app.listen(port, '127.0.0.1', () => resolve(() => new Promise((done) => server.close(() => done()))));
      });
    },
  };
  ref.fake = fake;
  return fake;
}
