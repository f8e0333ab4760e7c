import type { Host } from '../host';

/** The Host port on NodeBB's modules. (Being written: see issue 2.) */
export function createNodebbHost(): Host {
  throw new Error('nodebb adapter not implemented yet');
}
