/** The licences module's public face (issue 19, in progress: the pure rules so far). */
export { ADD_REFUSALS, IMPORT_LINE_ERRORS, decideAdd, dueReminder, maskCode, parseRegistryLines, reminderDays, reminderKey } from './domain';
export type { AddContext, AddDecision, AddRefusal, ImportLine, ImportLineError, RegistryEntry } from './domain';
