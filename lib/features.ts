import type { FeatureFactory } from './feature';
import { homeFeature } from './features/home';
import { storeFeature } from './features/store';
import { ordersFeature } from './features/orders';
import { claimsFeature } from './features/claims';
import { earningFeature } from './features/earning';
import { warningsFeature } from './features/warnings';
import { pointsFeature } from './features/points';
import { financeFeature } from './features/finance';

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
];
