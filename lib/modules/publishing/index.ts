/**
 * The public face of the publishing module: other modules and the composition root import only this
 * file (enforced by eslint.config.mjs). Everything else in this folder is private to the module.
 */
export { Announcer } from './announcer';
export { operationsApi, operationsPage } from './http-operations';
export { ADMIN_NOTIFICATION_TYPES, MEMBER_NOTIFICATION_TYPES, settingName } from './notification-types';
export { OperationsService } from './service-operations';
