import type { Refusal, Result } from '../kernel/result';
import type { StaticApiRoutes, StaticAppLoad } from './payloads';

// ---------------------------------------------------------------------------------------------
// HTTP: the plugin declares routes; the host mounts them the NodeBB way.
// ---------------------------------------------------------------------------------------------

export interface RequestContext {
  uid: number;
  lang: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The forum's relative path (`''` or `/forum`), for links. */
  relativePath: string;
}

export interface ApiContext extends RequestContext {
  body: unknown;
}

export interface Breadcrumb {
  text: string;
  /**
   * A path within the forum (`/bonus/store`), without the forum's relative path: the host makes the
   * link, as NodeBB's `helpers.buildBreadcrumbs` prefixes the forum's URL (a relative path in the
   * crumb would be doubled: `/forum//forum/bonus`).
   */
  url?: string;
}

export type PageResult =
  | { kind: 'render'; template: string; title: string; data: Record<string, unknown>; breadcrumbs?: Breadcrumb[] }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  /** A use case refused (kernel/result.ts): the host answers as `refusalStatus` says, with its message. */
  | { kind: 'refused'; refusal: Refusal };

export type Access = 'public' | 'member' | 'admin';

export interface PageRoute {
  /** Path without the /api prefix; Express syntax (`/bonus/orders/:id`). */
  path: string;
  access: Access;
  handler(ctx: RequestContext): Promise<PageResult>;
}

export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Path below /api/v3/plugins (`/bonus/points/adjust`). */
  path: string;
  access: Access;
  /** The response body, or the refusal the host turns into its status and translated message. */
  handler(ctx: ApiContext): Promise<Result<unknown>>;
  /**
   * The value is a file (`Download`), sent as it is (not in NodeBB's envelope) with
   * `Content-Disposition: attachment`, `nosniff` and no caching; a refusal is still the envelope.
   */
  download?: true;
}

/** A file an API route answers with (`download: true`). */
export interface Download {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The response headers of a download: always saved, never shown inline or sniffed, never cached. */
export function downloadHeaders(d: Download): Record<string, string> {
  const ascii = d.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': d.contentType,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(d.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
}

export interface Http {
  /** Called from `static:app.load` with its payload: page routes + `/api` JSON twins. */
  mountPages(payload: StaticAppLoad, routes: PageRoute[]): void;
  /** Called from `static:api.routes` with its payload: write API with NodeBB's envelope. */
  mountApi(payload: StaticApiRoutes, routes: ApiRoute[]): void;
  /**
   * A plugin template (`templates/<name>.tpl`) rendered to HTML in `lang`, with the helpers pages
   * have (`tx`, `bonusTx`, `bonusPlural`, `bonusNumber`): for HTML a hook hands to the forum (a widget),
   * which NodeBB ≥ 4.14 no longer translates. Values are escaped as in pages (`{value}`).
   */
  renderTemplate(template: string, data: Record<string, unknown>, lang: string): Promise<string>;
  /**
   * What a hook fired while a page is served knows of its request (NodeBB passes `req`/`res`, opaque to
   * the plugin): the language the page is rendered in (its `?lang=`, else the reader's setting or, for a
   * guest, the forum's), and the forum's relative path, for links.
   */
  hookRequest(uid: number, req: unknown, res: unknown): Promise<{ lang: string; relativePath: string }>;
}
