import type {
  ActionGroupJoin, ActionGroupRename, ActionPostChangeOwner, ActionPostDelete, ActionPostMove,
  ActionPostRestore, ActionPostSave, ActionPostsPurge, ActionTopicDelete, ActionTopicMove, ActionTopicPost,
  ActionTopicReply, ActionTopicRestore, ActionTopicsPurge, ActionUserBanned, ActionUserCreate, ActionUserUnbanned,
  ActionUserUpdateProfile, FilterAdminHeaderBuild, FilterNavigationAvailable, FilterPostTools,
  FilterPostsCustomProfileInfo, FilterUserNotificationTypes, FilterUserProfileMenu, StaticUserDelete,
} from '.';

/** Action hooks: NodeBB does not await them and nothing retries; handlers must be idempotent. */
export interface ActionPayloads {
  'action:post.save': ActionPostSave;
  'action:topic.post': ActionTopicPost;
  'action:topic.reply': ActionTopicReply;
  'action:post.delete': ActionPostDelete;
  'action:post.restore': ActionPostRestore;
  'action:posts.purge': ActionPostsPurge;
  'action:topic.delete': ActionTopicDelete;
  'action:topic.restore': ActionTopicRestore;
  'action:topics.purge': ActionTopicsPurge;
  'action:topic.move': ActionTopicMove;
  'action:post.changeOwner': ActionPostChangeOwner;
  'action:post.move': ActionPostMove;
  'action:user.banned': ActionUserBanned;
  'action:user.unbanned': ActionUserUnbanned;
  'action:group.join': ActionGroupJoin;
  'action:group.rename': ActionGroupRename;
  'action:user.create': ActionUserCreate;
  'action:user.updateProfile': ActionUserUpdateProfile;
  'static:user.delete': StaticUserDelete;
  'action:rewards.award:bonus:award-points': ActionRewardAward;
}

/** Filter hooks: awaited in order; each returns the (possibly changed) payload. */
export interface FilterPayloads {
  'filter:navigation.available': FilterNavigationAvailable;
  'filter:admin.header.build': FilterAdminHeaderBuild;
  'filter:user.profileMenu': FilterUserProfileMenu;
  'filter:posts.custom_profile_info': FilterPostsCustomProfileInfo;
  'filter:post.tools': FilterPostTools;
  'filter:user.notificationTypes': FilterUserNotificationTypes;
  'filter:rewards.rewards': RewardTypes;
  'filter:widgets.getWidgets': WidgetDefinition[];
  'filter:widget.render:bonus-points': FilterWidgetRender;
  'filter:widget.render:bonus-top': FilterWidgetRender;
  'filter:widget.render:bonus-new': FilterWidgetRender;
}

/**
 * `filter:widgets.getWidgets` (NodeBB src/widgets/admin.js): the widgets ACP › Extend › Widgets offers.
 * `content` is the widget's form, HTML (NodeBB appends its own title, container, groups and dates).
 */
export interface WidgetDefinition { widget: string; name: string; description: string; content: string }

/**
 * `filter:widget.render:{widget}` (NodeBB src/widgets/index.js renderWidget): the handler fills `html`
 * (an empty or missing `html` shows nothing). `uid` is the reader (0 for a guest), `data` the values the
 * admin saved in the widget's form; `req` and `res` are the page's request, opaque to the plugin (the
 * host reads them: `Http.hookRequest`).
 */
export interface FilterWidgetRender {
  uid: number;
  data: Record<string, unknown>;
  templateData?: Record<string, unknown>;
  area?: unknown;
  req?: unknown;
  res?: unknown;
  location?: string;
  html?: string;
}

/** NodeBB core Rewards (src/rewards): a reward type offered in ACP › Manage › Rewards. */
export interface RewardType {
  rid: string;
  name: string;
  inputs: { type: 'text' | 'select'; name: string; label: string; values?: { name: string; value: string }[] }[];
}
export type RewardTypes = RewardType[];
/** `action:rewards.award:{rid}`: `rewardData` is the reward row (its `id`), `reward` the admin's input values. */
export interface ActionRewardAward { uid: number | string; rewardData?: { id?: number | string; rid?: string }; reward?: Record<string, string> | null }

export type ActionName = keyof ActionPayloads;
export type FilterName = keyof FilterPayloads;

export type ActionHandlers = { [K in ActionName]?: (payload: ActionPayloads[K]) => Promise<void> };
export type FilterHandlers = { [K in FilterName]?: (payload: FilterPayloads[K]) => Promise<FilterPayloads[K]> };
