/**
 * The public face of the economy module (issue 21): the daily figures and the ACP dashboard. Other
 * modules and the composition root import only this file (enforced by eslint.config.mjs).
 */
export { DAY_FIELDS, SOURCES, USES, dayIncrements, sourceOf, useOf } from './domain';
export { DASHBOARD_PERIODS, EconomyService, dayId, type DashboardPeriod, type ProgrammeFigures, type RebuildResult } from './service';
export { economyFeature } from './feature';
export { dashboardData, periodParam } from './http';
