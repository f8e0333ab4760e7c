/**
 * The public face of the home module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { homeFeature } from './feature';
