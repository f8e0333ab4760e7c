/**
 * Bans (PROGRAM §3): a ban deducts once and cancels the member's pending post points; the warn
 * action in a post's tools and in the member's profile menu (the warning centre).
 */
import type { ActionHandlers, FilterHandlers } from '../../host/hooks';
import type { Services } from '../../services';

export function moderationActions(services: Services): ActionHandlers {
  return {
    'action:user.banned': async (payload) => {
      await services.earning.cancelAuthor(Number(payload.uid));
      await services.warnings.banned(payload);
    },
    'action:user.unbanned': async ({ uid }) => {
      await services.warnings.unbanned(Number(uid));
    },
  };
}

export function moderationFilters(services: Services): FilterHandlers {
  return {
    'filter:post.tools': async (payload) => {
      if (await services.warnings.canWarn({ uid: payload.uid }, Number(payload.pid))) {
        payload.tools.push({ action: 'bonus-warn', html: '[[bonus:warnings.warn]]', icon: 'fa-triangle-exclamation' });
      }
      return payload;
    },
    'filter:user.profileMenu': async (payload) => {
      payload.links.push({
        id: 'bonus-warnings', route: 'bonus-warnings', icon: 'fa-triangle-exclamation', name: '[[bonus:warnings.title]]',
        visibility: { self: true, other: false, moderator: true, globalMod: true, admin: true },
      });
      return payload;
    },
  };
}
