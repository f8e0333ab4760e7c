import type { Host } from './host/index';
import { createNodebbHost } from './nodebb';
import { createPlugin, type Plugin } from './plugin';

/**
 * Holds the one plugin instance of this process. In NodeBB the real adapter is built on first use;
 * the fake host (tests, sandbox) installs its own Host before any hook fires.
 */
let current: Plugin | undefined;

export function useHost(host: Host): Plugin {
  current = createPlugin(host);
  return current;
}

export function plugin(): Plugin {
  current ??= createPlugin(createNodebbHost());
  return current;
}
