import type { FeatureFactory } from '../../feature';
import { adminHomePage, homePage } from './http';
import { ADMIN_NOTIFICATION_TYPES, MEMBER_NOTIFICATION_TYPES, settingName } from '../publishing';

/** The program's home page, its navigation item, the ACP entry and the notification types. */
export const homeFeature: FeatureFactory = (_host, services) => ({
  name: 'home',
  pages: [
    { path: '/bonus', access: 'member', handler: (ctx) => homePage(services, ctx) },
  ],
  adminPages: [
    { path: '/admin/plugins/bonus', access: 'admin', handler: (ctx) => adminHomePage(services, ctx) },
  ],
  filters: {
    'filter:navigation.available': async (items) => [
      ...items,
      {
        route: '/bonus',
        title: '[[bonus:nav.title]]',
        enabled: false,
        iconClass: 'fa-star',
        textClass: 'd-lg-none',
        text: '[[bonus:nav.title]]',
      },
    ],
    // The member's notification settings. The payload does not name the member: admin-only types
    // join the privileged list only when NodeBB already put the admins' and global moderators' type there.
    'filter:user.notificationTypes': async (payload) => {
      for (const t of MEMBER_NOTIFICATION_TYPES) if (!payload.types.includes(settingName(t))) payload.types.push(settingName(t));
      if (payload.privilegedTypes.includes('notificationType_new-user-flag')) {
        for (const t of ADMIN_NOTIFICATION_TYPES) if (!payload.privilegedTypes.includes(settingName(t))) payload.privilegedTypes.push(settingName(t));
      }
      return payload;
    },
    'filter:admin.header.build': async (header) => {
      header.plugins.push({ route: '/plugins/bonus', icon: 'fa-star', name: '[[bonus:admin.menu]]' });
      return header;
    },
  },
});
