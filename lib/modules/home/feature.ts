import type { FeatureFactory } from '../../feature';
import { adminHomePage, homePage } from './http';
import { ADMIN_NOTIFICATION_TYPES, MEMBER_NOTIFICATION_TYPES, settingName } from '../publishing';

const MEMBER_SETTINGS = MEMBER_NOTIFICATION_TYPES.map(settingName);
const ADMIN_SETTINGS = ADMIN_NOTIFICATION_TYPES.map(settingName);

/** Appends the names the list lacks, in their order. */
function addMissing(list: string[], names: readonly string[]): void {
  const have = new Set(list);
  for (const name of names) if (!have.has(name)) list.push(name);
}

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
    // NodeBB fires it on every load of a member's settings, several times a reply (issue 14): the names
    // are made once, and each list is looked through once.
    'filter:user.notificationTypes': async (payload) => {
      addMissing(payload.types, MEMBER_SETTINGS);
      if (payload.privilegedTypes.includes('notificationType_new-user-flag')) addMissing(payload.privilegedTypes, ADMIN_SETTINGS);
      return payload;
    },
    'filter:admin.header.build': async (header) => {
      header.plugins.push({ route: '/plugins/bonus', icon: 'fa-star', name: '[[bonus:admin.menu]]' });
      return header;
    },
  },
});
