import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { downloadHeaders, type Access, type ApiContext, type Download, type Files, type Http, type PageResult, type RequestContext } from '../host/index';
import { refusalMessage, refusalStatus } from '../kernel/result';
import { nb, type Loose } from './require';
import { formatCount, pluralKey } from '../kernel/plural';

type Req = Loose;
type Res = Loose;
type Next = (err?: unknown) => void;

const LANG = /^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})?$/;

async function context(req: Req): Promise<RequestContext> {
  const uid = Number(req.uid) || 0;
  const queryLang = typeof req.query?.lang === 'string' && LANG.test(req.query.lang) ? req.query.lang : undefined;
  const meta = nb('./src/meta');
  const lang = queryLang ?? (uid > 0 ? String((await nb('./src/user').getSettings(uid))?.userLang || '') : '') ?? '';
  return {
    uid,
    lang: lang || String(meta.config.defaultLang || 'en-GB'),
    params: { ...(req.params ?? {}) },
    query: Object.fromEntries(Object.entries(req.query ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : undefined])),
    relativePath: String(nb('nconf').get('relative_path') || ''),
  };
}

async function render(req: Req, res: Res, next: Next, result: PageResult, ctx: RequestContext): Promise<void> {
  const helpers = nb('./src/controllers/helpers');
  switch (result.kind) {
    case 'render':
      res.render(result.template, {
        // A profile tab (below /user/:userslug) gets the member data NodeBB's account header shows.
        ...(res.locals?.userData ?? {}),
        ...result.data,
        // the page's language, for the plural helper (`bonusPlural`) on the server and in the browser
        bonusLang: ctx.lang,
        title: result.title,
        ...(result.breadcrumbs ? { breadcrumbs: helpers.buildBreadcrumbs(result.breadcrumbs) } : {}),
      });
      return;
    case 'redirect':
      helpers.redirect(res, result.to);
      return;
    case 'not-found':
      next();
      return;
    case 'forbidden':
      await helpers.notAllowed(req, res);
      return;
    case 'refused': {
      // the one mapping of a refusal (kernel/result.ts): 404 as NodeBB's own 404, 403 as its
      // "not allowed", anything else NodeBB's 400 page with the refusal's message
      const status = refusalStatus(result.refusal);
      if (status === 404) return next();
      if (status === 403) return helpers.notAllowed(req, res);
      res.status(status).render('400', { error: refusalMessage(result.refusal, ctx.lang) });
    }
  }
}

/** Only admins: the write API answers 403 in NodeBB's envelope. */
async function isAdmin(uid: number): Promise<boolean> {
  return uid > 0 && Boolean(await nb('./src/user').isAdministrator(uid));
}

/** A profile tab: NodeBB's own account routes' middlewares (src/routes/user.js), which load `res.locals.userData`. */
const PROFILE_TAB = /^\/user\/:userslug\//;

function pageMiddlewares(route: { path: string; access: Access }, middleware: Loose): unknown[] {
  const login = route.access === 'member' ? [middleware.ensureLoggedIn] : [];
  if (!PROFILE_TAB.test(route.path)) return login;
  return [middleware.exposeUid, middleware.canViewUsers, middleware.buildAccountData, ...login].filter(Boolean);
}

/**
 * NodeBB ≥ 4.14 templates translate with Benchpress helpers (`{{tx("bonus:key")}}`). The plugin
 * adds `bonusTx(prefix, value, ...args)` for keys built from data (`bonus:kind.` + `license`); the
 * browser registers the same helper (static/client/bonus/template-helpers.js).
 */
function registerTemplateHelpers(): void {
  const helpers = nb('./src/helpers');
  nb('benchpressjs').registerHelper('bonusTx', function (this: unknown, prefix: unknown, value: unknown, ...args: unknown[]) {
    return helpers.tx.call(this, `${String(prefix)}${String(value)}`, ...args);
  });
  // `{{bonusPlural("bonus:points.count", n)}}`: the form of the key `n` takes in the page's language
  // (`bonus:points.count.few`), with `n` written as the language writes numbers.
  nb('benchpressjs').registerHelper('bonusPlural', function (this: Loose, key: unknown, n: unknown, ...args: unknown[]) {
    const lang = String(this?.bonusLang || nb('./src/meta').config.defaultLang || 'en-GB');
    const count = Number(n);
    return helpers.tx.call(this, pluralKey(lang, String(key), count), formatCount(lang, count), ...args);
  });
  // `{{bonusNumber(n)}}`: a bare number as the page's language writes it ("25 000" in Russian)
  nb('benchpressjs').registerHelper('bonusNumber', function (this: Loose, n: unknown) {
    return formatCount(String(this?.bonusLang || nb('./src/meta').config.defaultLang || 'en-GB'), Number(n));
  });
}

/**
 * The ACP's product image upload sends `folder: 'bonus'` to NodeBB's /api/admin/upload/file, which
 * refuses a folder that does not exist under upload_path ("invalid-path", seen in a real forum).
 */
export const UPLOAD_FOLDER = 'bonus';

function ensureUploadFolder(): void {
  const uploadPath = nb('nconf').get('upload_path') as unknown;
  if (typeof uploadPath !== 'string' || !uploadPath) return;
  fs.mkdirSync(path.join(uploadPath, UPLOAD_FOLDER), { recursive: true });
}

/**
 * An upload's content hash and size (issue 17: the same shop-window photo entered twice, the photo's
 * size limit): the address NodeBB's
 * uploader returned (`{relative_path}{upload_url}/files/x.jpg`) read back from upload_path.
 */
export function nodebbFiles(): Files {
  return {
    async read(url) {
      const nconf = nb('nconf');
      const uploadPath = nconf.get('upload_path') as unknown;
      const prefix = `${String(nconf.get('relative_path') ?? '')}${String(nconf.get('upload_url') ?? '/assets/uploads')}/`;
      if (typeof uploadPath !== 'string' || !url.startsWith(prefix)) return null;
      const rel = decodeURIComponent(url.slice(prefix.length).split(/[?#]/)[0]);
      const file = path.resolve(uploadPath, rel);
      if (!file.startsWith(path.resolve(uploadPath) + path.sep)) return null;
      try {
        const content = await fs.promises.readFile(file);
        return { sha256: crypto.createHash('sha256').update(content).digest('hex'), bytes: content.length };
      } catch {
        return null;
      }
    },
  };
}

/** A language NodeBB has files for, from a value it may not be: a bad one is the forum's default. */
function languageOr(value: unknown): string {
  return typeof value === 'string' && LANG.test(value) ? value : String(nb('./src/meta').config.defaultLang || 'en-GB');
}

export function nodebbHttp(): Http {
  return {
    async renderTemplate(template, data, lang) {
      const language = languageOr(lang);
      // as NodeBB's render middleware: the language's `_i18n` for the `tx` helper (app.renderAsync
      // would otherwise take the language of the request's uid, not the one the page is in)
      return nb('./src/webserver').app.renderAsync(template, {
        ...data,
        bonusLang: language,
        _i18n: nb('./src/languages').getFull(language),
        relative_path: String(nb('nconf').get('relative_path') || ''),
      }) as Promise<string>;
    },

    async hookRequest(uid, req, res) {
      // NodeBB's render middleware (getLang): `?lang=`, else the page's config (the reader's
      // userLang, or the forum's language for a guest), else the reader's settings
      const query = (req as Req)?.query?.lang;
      const config = (res as Res)?.locals?.config ?? (await nb('./src/user').getSettings(Number(uid) || 0));
      return {
        lang: languageOr(typeof query === 'string' && LANG.test(query) ? query : config?.userLang),
        relativePath: String(nb('nconf').get('relative_path') || ''),
      };
    },

    mountPages(payload, routes) {
      registerTemplateHelpers();
      ensureUploadFolder();
      const routeHelpers = nb('./src/routes/helpers');
      const router = payload.router as Loose;
      const middleware = payload.middleware as Loose;
      for (const route of routes) {
        const controller = async (req: Req, res: Res, next: Next) => {
          try {
            const ctx = await context(req);
            await render(req, res, next, await route.handler(ctx), ctx);
          } catch (err) {
            next(err);
          }
        };
        if (route.path.startsWith('/admin/')) routeHelpers.setupAdminPageRoute(router, route.path, [], controller);
        else routeHelpers.setupPageRoute(router, route.path, pageMiddlewares(route, middleware), controller);
      }
    },

    mountApi(payload, routes) {
      const routeHelpers = nb('./src/routes/helpers');
      const router = payload.router as Loose;
      const middleware = payload.middleware as Loose;
      for (const route of routes) {
        const controller = async (req: Req, res: Res) => {
          const helpers = nb('./src/controllers/helpers');
          let lang = 'en-GB';
          try {
            const ctx: ApiContext = { ...(await context(req)), body: req.body ?? {} };
            lang = ctx.lang;
            if (route.access === 'admin' && !(await isAdmin(ctx.uid))) {
              return helpers.formatApiResponse(403, res, new Error('[[error:no-privileges]]'));
            }
            const result = await route.handler(ctx);
            if (!result.ok) return helpers.formatApiResponse(refusalStatus(result.refusal), res, new Error(refusalMessage(result.refusal, lang)));
            if (route.download) {
              const d = result.value as Download;
              return res.status(200).set(downloadHeaders(d)).send(Buffer.from(d.bytes));
            }
            return helpers.formatApiResponse(200, res, result.value ?? {});
          } catch (err) {
            nb('winston').error(`[bonus] ${route.method.toUpperCase()} ${route.path}: ${err instanceof Error ? err.stack : String(err)}`);
            return helpers.formatApiResponse(500, res, new Error('[[error:internal-error]]'));
          }
        };
        const middlewares = route.access === 'public' ? [] : [middleware.ensureLoggedIn];
        routeHelpers.setupApiRoute(router, route.method, route.path, middlewares, controller);
      }
    },
  };
}
