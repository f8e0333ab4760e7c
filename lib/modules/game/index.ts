/**
 * The public face of the game module (the box-code game, issue 18 items 3–5): the composition root
 * imports only this file.
 */
export { GameService, MAX_RUNS, type Started, type Verified, type LeaderRow } from './service';
export { gameFeature } from './feature';
