import type { ApiRoute, Host, Job, PageRoute } from './host/index';
import type { ActionHandlers, FilterHandlers } from './host/hooks';
import type { Services } from './services';

/**
 * One slice of the program (points, earning, store, …): its routes, jobs and hook handlers. The
 * plugin is the list of features in lib/features.ts; features never reach into each other's stores,
 * they call each other's services.
 */
export interface Feature {
  name: string;
  pages?: PageRoute[];
  adminPages?: PageRoute[];
  api?: ApiRoute[];
  jobs?: Job[];
  actions?: ActionHandlers;
  filters?: FilterHandlers;
}

export type FeatureFactory = (host: Host, services: Services) => Feature;
