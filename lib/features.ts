import type { FeatureFactory } from './feature';
import { homeFeature } from './modules/home';
import { storeFeature } from './modules/catalog';
import { ordersFeature } from './modules/orders';
import { claimsFeature } from './modules/orders';
import { earningFeature } from './modules/earning';
import { warningsFeature } from './modules/moderation';
import { pointsFeature } from './modules/ledger';
import { financeFeature } from './modules/finance';
import { retailFeature } from './modules/retail';
import { eventsFeature } from './modules/events';
import { quizzesFeature } from './modules/quizzes';
import { gameFeature } from './modules/game';
import { licencesFeature } from './modules/licences';
import { requestsFeature } from './modules/requests';
import { economyFeature } from './modules/economy';

/** The plugin, feature by feature. Order matters only for filters (applied in this order). */
export const features: FeatureFactory[] = [
  homeFeature,
  storeFeature,
  ordersFeature,
  claimsFeature,
  earningFeature,
  warningsFeature,
  pointsFeature,
  financeFeature,
  retailFeature,
  eventsFeature,
  quizzesFeature,
  gameFeature,
  licencesFeature,
  requestsFeature,
  economyFeature,
];
