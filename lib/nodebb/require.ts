/**
 * The one door to NodeBB's modules. NodeBB ≥ 4.12 defines `globalThis.nodebb.require` (its
 * nodebb-global.js); older 4.x exposes `require.main.require`. Modules load on first use, never at
 * import time, so requiring the plugin outside NodeBB (tests, tools) never loads NodeBB.
 */
export type ModuleLoader = (path: string) => unknown;

const defaultLoader: ModuleLoader = (path) => {
  const g = globalThis as { nodebb?: { require?: ModuleLoader } };
  if (g.nodebb?.require) return g.nodebb.require(path);
  if (!require.main) throw new Error(`[bonus] NodeBB is not loaded: cannot require ${path}`);
  return require.main.require(path);
};

let loader: ModuleLoader = defaultLoader;
const cache = new Map<string, unknown>();

/** Tests only: replace the loader (sinon stubs of NodeBB's modules). */
export function setModuleLoader(next: ModuleLoader | null): void {
  loader = next ?? defaultLoader;
  cache.clear();
}

// Each module is loosely typed on purpose: this file is the boundary, and the adapter files
// convert every value into the port's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export function nb(path: string): Loose {
  if (!cache.has(path)) cache.set(path, loader(path));
  return cache.get(path);
}
