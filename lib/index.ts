/**
 * The plugin's exports: exactly the methods plugin.json names. Each is a one-liner into the plugin;
 * they are `async` so NodeBB awaits them (it checks for native async functions).
 */
import type * as H from './host/index';
import { plugin } from './runtime';
import type { ActionRewardAward, FilterWidgetRender, RewardTypes, WidgetDefinition } from './host/hooks';

export const appLoad = async (p: H.StaticAppLoad) => plugin().appLoad(p);
export const apiRoutes = async (p: H.StaticApiRoutes) => plugin().apiRoutes(p);

export const onPostSave = async (p: H.ActionPostSave) => plugin().action('action:post.save', p);
export const onPostDelete = async (p: H.ActionPostDelete) => plugin().action('action:post.delete', p);
export const onPostRestore = async (p: H.ActionPostRestore) => plugin().action('action:post.restore', p);
export const onPostsPurge = async (p: H.ActionPostsPurge) => plugin().action('action:posts.purge', p);
export const onTopicDelete = async (p: H.ActionTopicDelete) => plugin().action('action:topic.delete', p);
export const onTopicRestore = async (p: H.ActionTopicRestore) => plugin().action('action:topic.restore', p);
export const onTopicsPurge = async (p: H.ActionTopicsPurge) => plugin().action('action:topics.purge', p);
export const onTopicMove = async (p: H.ActionTopicMove) => plugin().action('action:topic.move', p);
export const onPostChangeOwner = async (p: H.ActionPostChangeOwner) => plugin().action('action:post.changeOwner', p);
export const onPostMove = async (p: H.ActionPostMove) => plugin().action('action:post.move', p);
export const onUserBanned = async (p: H.ActionUserBanned) => plugin().action('action:user.banned', p);
export const onUserUnbanned = async (p: H.ActionUserUnbanned) => plugin().action('action:user.unbanned', p);
export const onGroupJoin = async (p: H.ActionGroupJoin) => plugin().action('action:group.join', p);
export const onGroupRename = async (p: H.ActionGroupRename) => plugin().action('action:group.rename', p);
export const onUserCreate = async (p: H.ActionUserCreate) => plugin().action('action:user.create', p);
export const onUserUpdateProfile = async (p: H.ActionUserUpdateProfile) => plugin().action('action:user.updateProfile', p);
export const onUserDelete = async (p: H.StaticUserDelete) => plugin().action('static:user.delete', p);

export const addNavigation = async (p: H.FilterNavigationAvailable) => plugin().filter('filter:navigation.available', p);
export const addAdminMenu = async (p: H.FilterAdminHeaderBuild) => plugin().filter('filter:admin.header.build', p);
export const addProfileMenu = async (p: H.FilterUserProfileMenu) => plugin().filter('filter:user.profileMenu', p);
export const addProfileInfo = async (p: H.FilterPostsCustomProfileInfo) => plugin().filter('filter:posts.custom_profile_info', p);
export const addPostTools = async (p: H.FilterPostTools) => plugin().filter('filter:post.tools', p);
export const addNotificationTypes = async (p: H.FilterUserNotificationTypes) => plugin().filter('filter:user.notificationTypes', p);
export const addRewardTypes = async (p: RewardTypes) => plugin().filter('filter:rewards.rewards', p);
export const addWidgets = async (p: WidgetDefinition[]) => plugin().filter('filter:widgets.getWidgets', p);
export const renderPointsWidget = async (p: FilterWidgetRender) => plugin().filter('filter:widget.render:bonus-points', p);
export const renderTopWidget = async (p: FilterWidgetRender) => plugin().filter('filter:widget.render:bonus-top', p);
export const renderNewWidget = async (p: FilterWidgetRender) => plugin().filter('filter:widget.render:bonus-new', p);
export const onRewardAwardPoints = async (p: ActionRewardAward) => plugin().action('action:rewards.award:bonus:award-points', p);
