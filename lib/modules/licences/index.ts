/** The licences module's public face (issue 19, in progress: the pure rules so far). */
export { ADD_REFUSALS, decideAdd, dueReminder, maskCode, reminderDays, reminderKey } from './domain';
export type { AddContext, AddDecision, AddRefusal, RegistryEntry } from './domain';
