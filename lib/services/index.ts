import type { Host } from '../host';

/**
 * The plugin's use cases, built once per process around one Host. Features get this container, so
 * that one feature calls another's service instead of its store.
 */
export interface Services {
  host: Host;
}

export function createServices(host: Host): Services {
  return { host };
}
