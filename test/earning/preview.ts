/**
 * An interim preview of the earning pages (leaderboard, warnings, ACP settings) for screenshots
 * before the shared sandbox (test/host, `npm start`) exists. Not NodeBB: a Bootstrap layout, the
 * real templates rendered with Benchpress, tokens translated from the language files, the real
 * LedgerService on Redis, a small forum from test/earning/harness.ts.
 *
 *   EARNING_REDIS_URL=redis://127.0.0.1:6391 PORT=4593 node build/test/earning/preview.js   (`?lang=ru`, `?as=admin`)
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { PageRoute, RequestContext } from '../../lib/host';
import type { Services } from '../../lib/services';
import { LedgerService } from '../../lib/services/ledger';
import { createEarningServices } from '../../lib/services/earning-services';
import { SettingsService } from '../../lib/services/settings';
import { earningFeature } from '../../lib/features/earning';
import { warningsFeature } from '../../lib/features/warnings';
import { translate } from '../catalog/preview';
import { MiniForum, openDatabase } from './harness';
import { registerTokenHelpers } from '../host/template-helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const H = 3_600_000;

async function main(): Promise<void> {
  const opened = await openDatabase();
  if (!opened) throw new Error('set EARNING_REDIS_URL');
  const forum = new MiniForum(opened.db);
  forum.settingsHash = { earningCids: '1,2', timeZone: 'Europe/Moscow' };
  const names = ['admin', 'moderator', 'alice', 'bob', 'carol', 'dmitry', 'elena'];
  names.forEach((n, i) => forum.addUser(i + 1, { username: n, userslug: n, displayname: n }));
  const host = forum.host();
  host.groups.list = async () => ['Newcomers', 'Participants', 'Activists', 'Consultants', 'Old-timers', 'Club council', 'banned-users', 'registered-users']
    .map((name) => ({ name, slug: name.toLowerCase(), memberCount: 3, system: name.includes('-'), hidden: false, private: false }));
  host.content.getCategories = async () => [
    { cid: 1, name: 'General discussion', slug: '1/general', parentCid: 0, disabled: false },
    { cid: 2, name: 'Blogs', slug: '2/blogs', parentCid: 0, disabled: false },
    { cid: 3, name: 'Off-topic', slug: '3/off-topic', parentCid: 0, disabled: false },
  ];
  host.users.getUidByUserslug = async (slug) => names.indexOf(slug) + 1 || null;
  const settings = new SettingsService(host);
  const ledger = new LedgerService(host);
  const services = { host, settings, ledger, ...createEarningServices(host, settings, ledger) } as unknown as Services;

  // Last week (2026-W33) and this week's activity; last week paid out.
  forum.now = Date.parse('2026-08-10T09:00:00+03:00');
  const posts: [number, number][] = [[3, 6], [4, 4], [5, 4], [6, 2], [7, 1]];
  for (const [uid, n] of posts) {
    for (let i = 0; i < n; i++) {
      forum.now += H;
      const { pid } = forum.newTopic(uid, 1);
      await services.earning.considerPost(pid);
    }
  }
  forum.now = Date.parse('2026-08-18T10:00:00+03:00');
  for (const [uid, n] of [[4, 3], [3, 2], [6, 2]] as const) {
    for (let i = 0; i < n; i++) {
      forum.now += H;
      const { pid } = forum.newTopic(uid, 1);
      await services.earning.considerPost(pid);
    }
  }
  await services.earning.settleDue(forum.now);
  await services.top.run(forum.now);
  const w = await services.warnings.issue({ uid: 2 }, { pid: 2, reason: 'Personal attacks in the thread' });
  await services.warnings.issue({ uid: 2 }, { uid: 5, reason: 'Advertising' });
  await services.warnings.revoke({ uid: 1 }, w.id);

  const app = express();
  app.use('/preview/bootstrap', express.static(process.env.BOOTSTRAP_DIR ?? '/tmp/bs/node_modules/bootstrap/dist'));
  const ctxOf = (req: express.Request): RequestContext => ({
    uid: req.query.as === 'admin' || req.path.includes('/admin/') ? 1 : req.query.as === 'mod' ? 2 : 3,
    lang: req.query.lang === 'ru' ? 'ru' : 'en-GB',
    params: req.params as Record<string, string>, query: req.query as Record<string, string>, relativePath: '',
  });
  const features = [earningFeature(host, services), warningsFeature(host, services)];
  for (const route of features.flatMap((f) => [...(f.pages ?? []), ...(f.adminPages ?? [])]) as PageRoute[]) {
    app.get(route.path, async (req, res, next) => {
      try {
        const ctx = ctxOf(req);
        const r = await route.handler(ctx);
        if (r.kind !== 'render') { res.status(404).send(r.kind); return; }
        const tpl = fs.readFileSync(path.join(ROOT, 'templates', `${r.template}.tpl`), 'utf8');
        const body = await benchpress.compileRender(tpl, JSON.parse(JSON.stringify(r.data)));
        const html = `<!doctype html><html lang="${ctx.lang}"><head><meta charset="utf-8"><title>${r.title}</title>
<link rel="stylesheet" href="/preview/bootstrap/css/bootstrap.min.css"></head><body>
<nav class="navbar bg-body-tertiary border-bottom mb-3"><div class="container"><span class="navbar-brand">Forum</span></div></nav>
<main class="container pb-5">${body}</main></body></html>`;
        res.send(translate(html, ctx.lang));
      } catch (err) { next(err); }
    });
  }
  const port = Number(process.env.PORT ?? 4593);
  app.listen(port, '127.0.0.1', () => console.log(`earning preview on http://127.0.0.1:${port}/bonus/top`));
}

if (require.main === module) void main();
