/** The licences module's public face (issue 19): other modules and the composition root import only this. */
export { ADD_REFUSALS, IMPORT_LINE_ERRORS, decideAdd, dueReminder, maskCode, parseRegistryLines, reminderDays, reminderKey } from './domain';
export type { AddContext, AddDecision, AddRefusal, ImportLine, ImportLineError, RegistryEntry } from './domain';
export { LicencesService, LICENCE_IMPORT_CHUNK, itemId, maskedForNotice, type BoughtCode, type Holding, type StorePurchases } from './service';
export { licencesFeature } from './feature';
