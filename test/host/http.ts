import { templateSource } from './template-helpers';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import express from 'express';
import { downloadHeaders, type Access, type ApiRoute, type Download, type Http, type PageResult, type PageRoute, type RequestContext } from '../../lib/host/index';
import { refusalMessage, refusalStatus } from '../../lib/kernel/result';
import { registerTokenHelpers } from './template-helpers';
import { decodeEntities, type FileTranslator } from './translator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string>; registerHelper(name: string, fn: (...args: unknown[]) => string): void } = require('benchpressjs');
registerTokenHelpers(benchpress);

export const ROOT = path.resolve(__dirname, '../../..');
const SESSION_COOKIE = 'bonus.sid';

export interface Session { uid: number; csrf: string }

export interface HttpDeps {
  translator: FileTranslator;
  isAdmin(uid: number): Promise<boolean>;
  language(uid: number): Promise<string>;
  /**
   * NodeBB's user search as `GET /api/users?query=` answers it (api.users.search, searchBy username):
   * members whose username starts with the query, case-insensitively, in username order.
   */
  searchUsers(query: string): Promise<{ uid: number; username: string; userslug: string; displayname: string; picture: string | null; banned: boolean }[]>;
  /** NodeBB's `user.getUserData` for `loggedInUser` (null for a guest). */
  userData(uid: number): Promise<Record<string, unknown> | null>;
  /** Extra HTML at the top of every page (the sandbox bar). */
  bar?(ctx: RequestContext, session: Session): Promise<string>;
}

const STATUS_CODES: Record<number, string> = { 400: 'bad-request', 401: 'not-authorised', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 500: 'internal-server-error' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Pages and the write API served the NodeBB way: each page at its path and its `/api` JSON twin,
 * the write API under /api/v3/plugins with NodeBB's envelope, cookie sessions with a CSRF token
 * required on writes, the language from the member's setting or `?lang=`.
 */
export class FakeHttp implements Http {
  readonly app = express();
  readonly sessions = new Map<string, Session>();
  private readonly modules: Record<string, string>;

  constructor(private readonly deps: HttpDeps) {
    const pluginJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'plugin.json'), 'utf8')) as { modules?: Record<string, string> };
    this.modules = pluginJson.modules ?? {};
    // NodeBB 4.15 src/webserver.js: bodyParser.json({ limit: '1mb', ... }) — the same limit, so a
    // record NodeBB refuses with 413 is refused here too
    this.app.use(express.json({ limit: '1mb' }));
    this.app.use(express.urlencoded({ extended: false }));
    this.app.use('/plugins/nodebb-plugin-bonus/static', express.static(path.join(ROOT, 'static')));
    // where NodeBB serves plugin.json's staticDirs (build/public/plugins/<id>/<mapping>, at /assets)
    this.app.use('/assets/plugins/nodebb-plugin-bonus/static', express.static(path.join(ROOT, 'static')));
    this.app.use('/assets/bootstrap', express.static(path.join(ROOT, 'node_modules/bootstrap/dist')));
    // the plugin's stylesheet, as NodeBB includes plugin.json's `scss` in the forum's and the ACP's CSS
    // (the file keeps to plain CSS with native nesting, so it is served as it is)
    this.app.get('/assets/plugin/bonus.css', (_req, res) => res.type('text/css').sendFile(path.join(ROOT, 'static/scss/bonus.scss')));
    this.app.use('/assets/sandbox', express.static(path.join(__dirname, '../../../test/host/client')));
    // NodeBB's client bundle has jQuery and loads jQuery UI for its `autocomplete` module (same versions)
    this.app.use('/assets/jquery', express.static(path.join(ROOT, 'node_modules/jquery/dist')));
    this.app.use('/assets/jquery-ui', express.static(path.join(ROOT, 'node_modules/jquery-ui/dist')));
    // NodeBB's users page's JSON twin with a query: the user search (the `search:users` privilege,
    // which guests lack in a default forum); NodeBB's fields for each user
    this.app.get('/api/users', async (req, res) => {
      const session = this.session(req, res);
      if (!(session.uid > 0)) return res.status(403).json({ error: '[[error:no-privileges]]' });
      const query = typeof req.query.query === 'string' ? req.query.query : '';
      const users = query ? await this.deps.searchUsers(query) : [];
      res.json({ users: users.map((u) => ({ ...u, 'icon:text': u.username.slice(0, 1).toUpperCase(), 'icon:bgColor': '#607d8b' })), matchCount: users.length, pageCount: 1 });
    });
    // the client translator stand-in asks the server, as NodeBB's loads language files
    this.app.post('/api/sandbox/translate', express.text(), (req, res) => {
      const lang = typeof req.query.lang === 'string' ? req.query.lang : 'en-GB';
      res.type('text/plain').send(this.deps.translator.translateSync(String(req.body ?? ''), lang));
    });
  }

  session(req: express.Request, res: express.Response): Session {
    const sid = /(?:^|;\s*)bonus\.sid=([a-f0-9]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (sid && this.sessions.has(sid)) return this.sessions.get(sid)!;
    const id = crypto.randomBytes(16).toString('hex');
    const s: Session = { uid: 0, csrf: crypto.randomBytes(16).toString('hex') };
    this.sessions.set(id, s);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    return s;
  }

  /** A session for tests: the cookie header and CSRF token of a member. */
  login(uid: number): { cookie: string; csrf: string } {
    const id = crypto.randomBytes(16).toString('hex');
    const csrf = crypto.randomBytes(16).toString('hex');
    this.sessions.set(id, { uid, csrf });
    return { cookie: `${SESSION_COOKIE}=${id}`, csrf };
  }

  async context(req: express.Request, session: Session): Promise<RequestContext> {
    const q = typeof req.query.lang === 'string' && ['en-GB', 'ru'].includes(req.query.lang) ? req.query.lang : undefined;
    return {
      uid: session.uid,
      lang: q ?? (await this.deps.language(session.uid)),
      params: { ...(req.params as Record<string, string>) },
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined])),
      relativePath: '',
    };
  }

  private async allowed(access: Access, uid: number): Promise<'ok' | 401 | 403> {
    if (access === 'public') return 'ok';
    if (!(uid > 0)) return 401;
    if (access === 'admin' && !(await this.deps.isAdmin(uid))) return 403;
    return 'ok';
  }

  /**
   * NodeBB's client modules the plugin imports (stand-ins), and the plugin's own shared modules:
   * a `modules` key without `../` lands in public/src/modules and is imported by its name.
   */
  private importMap(): Record<string, string> {
    const own = Object.entries(this.modules).filter(([key]) => !key.startsWith('../')).map(([key, file]) => [key.replace(/\.js$/, ''), `/plugins/nodebb-plugin-bonus/${file}`]);
    return {
      api: '/assets/sandbox/api.js', alerts: '/assets/sandbox/alerts.js', translator: '/assets/sandbox/translator.js', hooks: '/assets/sandbox/hooks.js', bootbox: '/assets/sandbox/bootbox.js', uploader: '/assets/sandbox/uploader.js',
      autocomplete: '/assets/sandbox/autocomplete.js',
      // NodeBB's ACP ships Chart.js (its dashboard imports it so); the project does not install it: a stand-in
      'chart.js': '/assets/sandbox/chart.js',
      ...Object.fromEntries(own),
    };
  }

  private clientModule(template: string): string | null {
    const key = template.startsWith('admin/') ? `../${template}.js` : `../client/${template}.js`;
    const file = this.modules[key];
    return file ? `/plugins/nodebb-plugin-bonus/${file}` : null;
  }

  /**
   * What NodeBB 4.15's render middleware (src/middleware/render.js) adds to a page's data, sent as
   * the `/api` twin and given to the page as `ajaxify.data`: loggedIn, loggedInUser, relative_path,
   * template `{ name, [name]: true }`, url, bodyClass, widgets, _header; breadcrumbs as
   * `helpers.buildBreadcrumbs` makes them (a home crumb first, each url prefixed by the forum's URL
   * and a slash, so a path that already holds the relative path would be doubled).
   */
  private async renderOptions(req: express.Request, ctx: RequestContext, result: Extract<PageResult, { kind: 'render' }>): Promise<Record<string, unknown>> {
    const forumUrl = `${req.protocol}://${req.get('host')}${ctx.relativePath}`;
    const url = req.path.replace(/^\/api/, '');
    const [top = '', ...rest] = url.replace(/^\/|\/$/g, '').split('/').slice(0, 3);
    const parts = [`page-${top || 'home'}`, ...rest.map((p) => `page-${top || 'home'}-${p}`)];
    const user = ctx.uid > 0 ? await this.deps.userData(ctx.uid) : null;
    return {
      ...JSON.parse(JSON.stringify(result.data)) as Record<string, unknown>,
      bonusLang: ctx.lang,
      title: result.title,
      ...(result.breadcrumbs ? { breadcrumbs: [{ text: '[[global:home]]', url: forumUrl }, ...result.breadcrumbs.map((c) => (c.url ? { ...c, url: `${forumUrl}/${c.url}` } : c))] } : {}),
      loggedIn: ctx.uid > 0,
      loggedInUser: user ?? { uid: 0, username: '[[global:guest]]', picture: null, 'icon:text': '?', 'icon:bgColor': '#aaa' },
      relative_path: ctx.relativePath,
      template: { name: result.template, [result.template]: true },
      url,
      bodyClass: [...parts, `template-${result.template.split('/').join('-')}`, 'page-status-200', ctx.uid > 0 ? 'user-loggedin' : 'user-guest'].join(' '),
      widgets: {},
      _header: { tags: { meta: [], link: [] } },
    };
  }

  async renderPage(template: string, title: string, data: Record<string, unknown>, ctx: RequestContext, session: Session, options: Record<string, unknown> = { template: { name: template } }): Promise<string> {
    const tpl = templateSource(template);
    // as NodeBB ≥ 4.14: the template gets the language's `_i18n` and its `tx` helper translates; the
    // rendered page is NOT translated as a whole, so a `[[…]]` left in the HTML stays raw
    const body = await benchpress.compileRender(tpl, { ...JSON.parse(JSON.stringify(data)), _i18n: this.deps.translator.i18n(ctx.lang), bonusLang: ctx.lang });
    const bar = this.deps.bar ? this.deps.translator.translateSync(await this.deps.bar(ctx, session), ctx.lang) : '';
    const module = this.clientModule(template);
    const config = { csrf_token: session.csrf, relative_path: '', userLang: ctx.lang, uid: ctx.uid };
    const html = `<!doctype html>
<html lang="${ctx.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(decodeEntities(this.deps.translator.translateKeySync(title, ctx.lang)))}</title>
<link rel="stylesheet" href="/assets/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="/assets/plugin/bonus.css">
<link rel="stylesheet" href="/assets/jquery-ui/themes/base/jquery-ui.min.css">
<script src="/assets/jquery/jquery.min.js"></script>
<script type="importmap">${JSON.stringify({ imports: this.importMap() })}</script>
<script>window.config = ${JSON.stringify(config)}; window.ajaxify = { data: ${JSON.stringify(options).replace(/<\//g, '<\\/')}, refresh: () => location.reload() }; window.app = { user: { uid: ${ctx.uid} } };</script>
</head><body class="bg-body-tertiary">
${bar}
<main id="content" class="container bg-body rounded p-3 my-3">${body}</main>
<div id="alerts" class="position-fixed bottom-0 end-0 p-3" style="z-index: 1080"></div>
${module ? `<script type="module">import('${module}').then((m) => m.init && m.init());</script>` : ''}
</body></html>`;
    return html;
  }

  /** As lib/nodebb: the template with the language's `_i18n` (the `tx` helper) and `bonusLang`; not translated afterwards. */
  async renderTemplate(template: string, data: Record<string, unknown>, lang: string): Promise<string> {
    const language = ['en-GB', 'ru'].includes(lang) ? lang : await this.deps.translator.defaultLanguage();
    return benchpress.compileRender(templateSource(template), {
      ...JSON.parse(JSON.stringify(data)) as Record<string, unknown>, relative_path: '', _i18n: this.deps.translator.i18n(language), bonusLang: language,
    });
  }

  /** As NodeBB's render middleware picks a page's language: `?lang=`, else the reader's setting (a guest: the forum's). */
  async hookRequest(uid: number, req: unknown): Promise<{ lang: string; relativePath: string }> {
    const q = (req as { query?: Record<string, unknown> } | undefined)?.query?.lang;
    return { lang: typeof q === 'string' && ['en-GB', 'ru'].includes(q) ? q : await this.deps.language(uid), relativePath: '' };
  }

  mountPages(_payload: unknown, routes: PageRoute[]): void {
    for (const route of routes) {
      for (const api of [false, true]) {
        this.app.get(`${api ? '/api' : ''}${route.path}`, async (req, res, next) => {
          try {
            const session = this.session(req, res);
            const ctx = await this.context(req, session);
            const ok = await this.allowed(route.access, session.uid);
            if (ok === 401) return api ? res.status(401).json({ status: { code: 'not-authorised', message: 'Not logged in' } }) : res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
            if (ok === 403) return res.status(403).send(api ? { error: '[[error:no-privileges]]' } : this.deps.translator.translateSync('<h1>403</h1>', ctx.lang));
            const result = await route.handler(ctx);
            // as NodeBB's controllers/helpers.redirect: the /api twin answers X-Redirect, a page 307
            if (result.kind === 'redirect') return api ? res.set('X-Redirect', encodeURI(result.to)).status(200).json(encodeURI(result.to)) : res.redirect(307, encodeURI(result.to));
            if (result.kind === 'not-found') return next();
            if (result.kind === 'forbidden') return res.status(403).send('403');
            if (result.kind === 'refused') {
              // as lib/nodebb/http.ts: NodeBB's 404, its "not allowed", or its 400 page with the message
              const status = refusalStatus(result.refusal);
              if (status === 404) return next();
              if (status === 403) return res.status(403).send('403');
              const message = this.deps.translator.translateSync(refusalMessage(result.refusal, ctx.lang), ctx.lang);
              return api ? res.status(status).json({ error: message }) : res.status(status).send(`<h1>400</h1><p>${message}</p>`);
            }
            const options = await this.renderOptions(req, ctx, result);
            if (api) return res.json(options);
            return res.send(await this.renderPage(result.template, result.title, result.data, ctx, session, options));
          } catch (err) {
            next(err);
          }
        });
      }
    }
  }

  mountApi(_payload: unknown, routes: ApiRoute[]): void {
    for (const route of routes) {
      this.app[route.method](`/api/v3/plugins${route.path}`, async (req, res) => {
        const session = this.session(req, res);
        const ctx = await this.context(req, session);
        const fail = (status: number, message: string) => res.status(status).json({
          status: { code: STATUS_CODES[status] ?? 'error', message: this.deps.translator.translateSync(message, ctx.lang) }, response: {},
        });
        if (route.method !== 'get' && session.uid > 0 && req.get('x-csrf-token') !== session.csrf) return fail(403, '[[error:invalid-csrf]]');
        const ok = await this.allowed(route.access, session.uid);
        if (ok !== 'ok') return fail(ok, ok === 401 ? '[[error:not-logged-in]]' : '[[error:no-privileges]]');
        try {
          const result = await route.handler({ ...ctx, body: req.body ?? {} });
          if (!result.ok) return fail(refusalStatus(result.refusal), refusalMessage(result.refusal, ctx.lang));
          if (route.download) {
            const d = result.value as Download;
            return res.status(200).set(downloadHeaders(d)).send(Buffer.from(d.bytes));
          }
          return res.json({ status: { code: 'ok', message: 'OK' }, response: result.value ?? {} });
        } catch (err) {
          console.error(err);
          return fail(500, '[[error:internal-error]]');
        }
      });
    }
  }
}
