/**
 * The public face of the settings module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export type { ProgramSettings, Spec } from './domain';
export { birthdayReindexApi, groupGiftBackfillApi, settingsPage, updateSettingsApi } from './http';
export { SettingsService } from './service';
