import type { ApiRoute, Host, PageRoute, StaticApiRoutes, StaticAppLoad } from './host/index';
import type { Feature } from './feature';
import { features } from './features';
import type { ActionName, ActionPayloads, FilterName, FilterPayloads } from './host/hooks';
import { createServices, type Services } from './services';

export interface Plugin {
  host: Host;
  services: Services;
  features: Feature[];
  /** static:app.load: page routes, then the scheduled jobs. */
  appLoad(payload: StaticAppLoad): Promise<void>;
  /** static:api.routes: the write API. */
  apiRoutes(payload: StaticApiRoutes): Promise<void>;
  action<K extends ActionName>(name: K, payload: ActionPayloads[K]): Promise<void>;
  filter<K extends FilterName>(name: K, payload: FilterPayloads[K]): Promise<FilterPayloads[K]>;
}

export function createPlugin(host: Host): Plugin {
  const services = createServices(host);
  const list = features.map((make) => make(host, services));
  const pages: PageRoute[] = list.flatMap((f) => [...(f.pages ?? []), ...(f.adminPages ?? [])]);
  const api: ApiRoute[] = list.flatMap((f) => f.api ?? []);

  return {
    host,
    services,
    features: list,
    async appLoad(payload) {
      host.http.mountPages(payload, pages);
      for (const job of list.flatMap((f) => f.jobs ?? [])) host.jobs.add(job);
    },
    async apiRoutes(payload) {
      host.http.mountApi(payload, api);
    },
    async action(name, payload) {
      // Each feature's handler runs even if another's fails: NodeBB would only log the error.
      for (const feature of list) {
        const handler = feature.actions?.[name] as ((p: typeof payload) => Promise<void>) | undefined;
        if (!handler) continue;
        try {
          await handler(payload);
        } catch (err) {
          host.log.error(`[bonus] ${feature.name}: ${name} failed`, err);
        }
      }
    },
    async filter(name, payload) {
      // NodeBB awaits filters and turns a throw into a failed page (a topic page answering 500):
      // a failing feature is logged and the payload goes on as that feature received it.
      let value = payload;
      for (const feature of list) {
        const handler = feature.filters?.[name] as ((p: typeof value) => Promise<typeof value>) | undefined;
        if (!handler) continue;
        try {
          value = await handler(value);
        } catch (err) {
          host.log.error(`[bonus] ${feature.name}: ${name} failed`, err);
        }
      }
      return value;
    },
  };
}
