import type { FeatureFactory } from '../../feature';
import { gameApi, gamePage } from './http';

/** The box-code game (issue 18 items 3–5): its page and API. */
export const gameFeature: FeatureFactory = (_host, services) => ({
  name: 'game',
  pages: [
    { path: '/bonus/sellers/game', access: 'member', handler: (ctx) => gamePage(services, ctx) },
  ],
  api: gameApi(services),
});
