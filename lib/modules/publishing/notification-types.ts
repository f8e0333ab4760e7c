/**
 * The plugin's notification types. NodeBB stores a notification's `type` ("bonus-matured") and
 * keeps each member's choice (none, notification, e-mail, both) under the setting
 * `notificationType_{type}`; the member's notification settings list the types that
 * `filter:user.notificationTypes` returns and label each `[[notifications:notificationType-{type}]]`
 * (languages/{lang}/notifications.json extends NodeBB's own namespace).
 */
export const MEMBER_NOTIFICATION_TYPES = [
  'bonus-matured', 'bonus-deduction', 'bonus-gift', 'bonus-top', 'bonus-transfer', 'bonus-loan', 'bonus-order', 'bonus-retail', 'bonus-licence', 'bonus-request',
] as const;

/** Offered to administrators only (privileged types). */
export const ADMIN_NOTIFICATION_TYPES = ['bonus-low-stock'] as const;

export type NotificationType = (typeof MEMBER_NOTIFICATION_TYPES)[number] | (typeof ADMIN_NOTIFICATION_TYPES)[number];

/** The setting name NodeBB keeps per member for a type. */
export const settingName = (type: string): string => `notificationType_${type}`;
