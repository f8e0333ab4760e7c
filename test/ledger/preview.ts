/**
 * An interim preview of the points pages (Points, ACP Operations) for screenshots before the shared
 * sandbox (test/host, `npm start`) exists. Not NodeBB: a Bootstrap layout, the real templates rendered
 * with Benchpress, tokens translated from the language files (the catalog preview's translator).
 *
 *   REDIS_URL=redis://127.0.0.1:6379/15 PORT=4591 node build/test/ledger/preview.js   (`?lang=ru`, `?as=admin`)
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { PageRoute, RequestContext } from '../../lib/host';
import { createServices } from '../../lib/services';
import { pointsFeature } from '../../lib/features/points';
import { translate } from '../catalog/preview';
import { testHost } from '../catalog/backends';
import { loadRedisDatabase } from './backends';
import { registerTokenHelpers } from '../host/template-helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const USERS: Record<string, number> = { admin: 1, alice: 2, bob: 3 };

async function main(): Promise<void> {
  const db = await loadRedisDatabase().connect(process.env.REDIS_URL as string);
  await db.client.flushdb();
  const host = testHost(db, { operationsTid: '42', operationsPublishMode: 'per-operation' });
  Object.assign(host.users, {
    getUidByUsername: async (n: string) => USERS[n] ?? null,
    getUidByUserslug: async (n: string) => USERS[n] ?? null,
    getUsers: async (uids: number[]) => uids.map((uid) => {
      const name = Object.keys(USERS).find((k) => USERS[k] === uid);
      return name ? { uid, username: name, userslug: name, displayname: name, picture: null, birthday: '', banned: false, joindate: 0 } : null;
    }),
  });
  (host as { content: unknown }).content = { reply: async () => 1 };
  const s = createServices(host);
  const day = 86_400_000;
  const t0 = host.clock.now();
  host.setNow(t0 - 20 * day);
  await s.ledger.credit({ uid: 2, amount: 250, key: 'group:activists:2', reason: 'group-entry', source: { type: 'group', id: 'Activists' } });
  for (let i = 0; i < 24; i += 1) {
    host.setNow(t0 - (19 - i * 0.7) * day);
    await s.ledger.creditPending({ uid: 2, amount: i % 3 ? 1 : 2, key: `earn:post:${100 + i}`, reason: i % 3 ? 'reply' : 'topic', source: { type: 'post', id: 100 + i }, maturesAt: host.clock.now() + 2 * day });
    if (i < 22) await s.ledger.mature({ targetKey: `earn:post:${100 + i}` });
  }
  await s.ledger.debit({ uid: 2, amount: 100, key: 'warning:1', reason: 'warning', comment: 'Off-topic', source: { type: 'warning', id: 1 }, actorUid: 1 });
  host.setNow(t0 - day);
  await s.operations.submit({ uid: 1 }, { operationKey: 'demo-operation-1', usernames: ['alice', 'bob'], direction: 'award', amount: 250, reason: 'event', comment: 'Autumn meetup' });
  host.setNow(t0);
  await s.ledger.reconcile();
  const feature = pointsFeature(host, s);

  const app = express();
  app.use('/preview/bootstrap', express.static(process.env.BOOTSTRAP_DIR ?? '/tmp/bs/node_modules/bootstrap/dist'));
  const ctxOf = (req: express.Request): RequestContext => ({
    uid: req.query.as === 'admin' || req.path.includes('/admin/') ? 1 : 2, lang: req.query.lang === 'ru' ? 'ru' : 'en-GB',
    params: req.params as Record<string, string>, query: req.query as Record<string, string>, relativePath: '',
  });
  for (const route of [...(feature.pages ?? []), ...(feature.adminPages ?? [])] as PageRoute[]) {
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
  const port = Number(process.env.PORT ?? 4591);
  app.listen(port, '127.0.0.1', () => console.log(`points preview on http://127.0.0.1:${port}/bonus/points`));
}

if (require.main === module) void main();
