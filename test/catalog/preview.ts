/**
 * An interim preview of the catalog pages for looking at them in a browser before the shared sandbox
 * (test/host, `npm start`) exists. Not NodeBB: a plain Bootstrap 5 layout, the plugin's real
 * templates rendered with Benchpress, tokens translated from the language files, client modules
 * loaded as ES modules with small stand-ins for NodeBB's `api`, `alerts`, `hooks`, `translator`.
 *
 *   REDIS_URL=redis://127.0.0.1:6379/15 BOOTSTRAP_DIR=…/bootstrap/dist node build/test/catalog/preview.js
 * `?as=admin` (uid 1) or member (uid 2, default); `?lang=ru`.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { ApiRoute, PageRoute, RequestContext } from '../../lib/host';
import { createServices } from '../../lib/services';
import { storeFeature } from '../../lib/features/store';
import { BonusError } from '../../lib/errors';
import { ADMIN, backends, testHost } from './backends';
import { seedCatalog } from './seed-catalog';
import { registerTokenHelpers } from '../host/template-helpers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
registerTokenHelpers(benchpress);

const ROOT = path.resolve(__dirname, '../../..');
const files: Record<string, string> = { bonus: 'bonus.json', 'admin/plugins/bonus': 'admin/plugins/bonus.json' };

export function translate(text: string, lang: string): string {
  const l = lang === 'ru' ? 'ru' : 'en-GB';
  const dict = (ns: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'languages', l, files[ns] ?? 'bonus.json'), 'utf8'));
  let out = text;
  for (let i = 0; i < 5; i += 1) {
    const next = out.replace(/\[\[([a-z/]+):([^[\]]+?)\]\]/g, (_m, ns: string, body: string) => {
      const [key, ...args] = body.split(',').map((s) => s.trim());
      const value = dict(ns)[key] ?? key;
      return value.replace(/%(\d+)/g, (_x, n: string) => args[Number(n) - 1] ?? '');
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

const SHIMS: Record<string, string> = {
  api: `const call = async (method, p, body) => {
    const r = await fetch('/api/v3' + p, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : JSON.stringify(body || {}) });
    const j = await r.json(); if (!r.ok) throw new Error(j.status.message); return j.response; };
    export default { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b), put: (p, b) => call('PUT', p, b), del: (p, b) => call('DELETE', p, b) };`,
  alerts: `export default { success: (m) => console.log('success', m), error: (e) => console.log('error', e && e.message) };`,
  hooks: `export default { fire: () => {} };`,
  translator: `export default { translate: async (t) => (await (await fetch('/preview/translate?lang=' + document.documentElement.lang, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: t })).text()) };`,
};

function layout(body: string, module: string, lang: string, title: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/preview/bootstrap/css/bootstrap.min.css">
<script type="importmap">{"imports": {${Object.keys(SHIMS).map((k) => `"${k}": "/preview/shim/${k}.js"`).join(', ')}}}</script>
<script>window.config = { relative_path: '' };</script></head>
<body><nav class="navbar bg-body-tertiary border-bottom mb-3"><div class="container"><span class="navbar-brand">Forum</span></div></nav>
<main class="container pb-5">${body}</main>
<script src="/preview/bootstrap/js/bootstrap.bundle.min.js"></script>
<script type="module">import { init } from '${module}'; init();</script></body></html>`;
}

async function main(): Promise<void> {
  const [backend] = backends();
  if (!backend) throw new Error('needs REDIS_URL or test/host/memory-db');
  const host = testHost(await backend.open());
  const services = createServices(host);
  await seedCatalog(services, ADMIN);
  const feature = storeFeature(host, services);
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  app.use(express.text({ limit: '1mb' }));
  app.use('/preview/bootstrap', express.static(process.env.BOOTSTRAP_DIR ?? '/tmp/bs/node_modules/bootstrap/dist'));
  app.get('/preview/shim/:name.js', (req, res) => { res.type('js').send(SHIMS[req.params.name] ?? ''); });
  app.post('/preview/translate', (req, res) => { res.type('text').send(translate(String(req.body), String(req.query.lang))); });
  app.use('/plugins/nodebb-plugin-bonus/static', express.static(path.join(ROOT, 'static')));
  app.use('/assets/client', express.static(path.join(ROOT, 'static/client')));
  app.use('/assets/admin', express.static(path.join(ROOT, 'static/admin')));

  const ctxOf = (req: express.Request): RequestContext => ({
    uid: req.query.as === 'admin' || req.path.includes('/admin/') ? 1 : 2, lang: req.query.lang === 'ru' ? 'ru' : 'en-GB',
    params: req.params as Record<string, string>, query: req.query as Record<string, string>, relativePath: '',
  });
  for (const route of [...(feature.pages ?? []), ...(feature.adminPages ?? [])] as PageRoute[]) {
    app.get(`/api${route.path}`, async (req, res) => { res.json(await route.handler(ctxOf(req))); });
    app.get(route.path, async (req, res, next) => {
      try {
        const ctx = ctxOf(req);
        const r = await route.handler(ctx);
        if (r.kind !== 'render') { res.status(404).send(r.kind); return; }
        const tpl = fs.readFileSync(path.join(ROOT, 'templates', `${r.template}.tpl`), 'utf8');
        const html = await benchpress.compileRender(tpl, JSON.parse(JSON.stringify(r.data)));
        const module = r.template.startsWith('admin/') ? `/assets/${r.template}.js` : `/assets/client/${r.template.replace(/^bonus\//, 'bonus/')}.js`;
        res.send(translate(layout(html, module, ctx.lang, r.title), ctx.lang));
      } catch (err) { next(err); }
    });
  }
  for (const route of (feature.api ?? []) as ApiRoute[]) {
    app[route.method](`/api/v3/plugins${route.path}`, async (req, res) => {
      const ctx = { ...ctxOf(req), uid: route.access === 'admin' ? 1 : 2, body: req.body };
      try {
        res.json({ status: { code: 'ok', message: 'OK' }, response: await route.handler(ctx) });
      } catch (err) {
        const status = err instanceof BonusError ? err.status : 500;
        res.status(status).json({ status: { code: 'bad-request', message: translate(err instanceof Error ? err.message : String(err), ctx.lang) }, response: {} });
      }
    });
  }
  const port = Number(process.env.PORT ?? 4590);
  app.listen(port, '127.0.0.1', () => console.log(`catalog preview on http://127.0.0.1:${port}/bonus/store`));
}

if (require.main === module) void main();
