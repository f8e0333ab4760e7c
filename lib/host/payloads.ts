// ---------------------------------------------------------------------------------------------
// Hook payloads (NODEBB.md), one named type per hook the plugin handles.
// Action hooks are not awaited by NodeBB; their handlers must be idempotent.
// ---------------------------------------------------------------------------------------------

/** A uid as NodeBB passes it: a number for local users, a URL string for federated ones. */
export type RawUid = number | string;

export interface Caller {
  uid: number;
}

export interface HookPost {
  pid: number | string;
  uid: RawUid;
  tid: number | string;
  cid?: number | string;
  timestamp?: number | string;
  isMain?: boolean;
  _activitypub?: unknown;
}

export interface HookTopic {
  tid: number | string;
  cid?: number | string;
  uid?: RawUid;
  mainPid?: number | string;
  scheduled?: boolean | number | string;
  timestamp?: number | string;
}

export interface ActionPostSave { post: HookPost; caller?: Caller }
export interface ActionTopicPost { topic: HookTopic; post: HookPost; data?: unknown }
export interface ActionTopicReply { post: HookPost; data?: unknown }
export interface ActionPostDelete { post: HookPost; uid: number }
export interface ActionPostRestore { post: HookPost; uid: number }
export interface ActionPostsPurge { posts: HookPost[]; uid: number }
export interface ActionTopicDelete { topic: HookTopic; uid: number }
export interface ActionTopicRestore { topic: HookTopic; uid: number }
export interface ActionTopicsPurge { topics: HookTopic[]; uid: number }
export interface ActionTopicMove { tid: number | string; fromCid: number | string; toCid: number | string; uid: number }
export interface ActionPostChangeOwner { posts: HookPost[]; toUid: number; caller?: Caller }
export interface ActionPostMove { post: HookPost; tid: number | string }
export interface ActionUserBanned { callerUid: number; ip?: string; uid: number; until?: number; reason?: string }
export interface ActionUserUnbanned { callerUid: number; ip?: string; uid: number }
export interface ActionGroupJoin { groupNames: string[]; uid: number }
export interface ActionGroupRename { old: string; new: string }
export interface ActionUserCreate { user: { uid: number; birthday?: string }; data?: Record<string, unknown> }
export interface StaticUserDelete { uid: number }
export interface ActionUserUpdateProfile { uid: number; data: Record<string, unknown>; fields: string[]; oldData: Record<string, unknown> }

/** Opaque to the plugin: only lib/nodebb (or the fake host) looks inside. */
export interface StaticAppLoad { app: unknown; router: unknown; middleware: unknown; controllers: unknown }
export interface StaticApiRoutes { router: unknown; middleware: unknown; helpers: unknown }

export interface NavigationItem {
  route: string;
  title: string;
  enabled: boolean;
  iconClass: string;
  textClass: string;
  text: string;
}
export type FilterNavigationAvailable = NavigationItem[];

export interface AdminHeaderPlugin { route: string; icon: string; name: string }
export interface FilterAdminHeaderBuild { plugins: AdminHeaderPlugin[]; [key: string]: unknown }

export interface ProfileMenuLink {
  id: string;
  route: string;
  icon: string;
  name: string;
  visibility?: { self?: boolean; other?: boolean; moderator?: boolean; globalMod?: boolean; admin?: boolean; canViewInfo?: boolean };
}
export interface FilterUserProfileMenu { uid: number; callerUID: number; links: ProfileMenuLink[] }

/**
 * NodeBB's plugins.hooks.fire adds `caller` (its async-local request store) to every object payload
 * fired while serving a request: the reader's uid and request. Absent for jobs and startup.
 */
export interface HookCaller { uid?: number | string; req?: unknown }
/** One entry under a member's name in posts: themes (Harmony) render `.content` as HTML. */
export interface CustomProfileInfo { content: string }
/** Fired per author by Posts.getUserInfoForPosts; `uid` is the author (a string for remote authors). */
export interface FilterPostsCustomProfileInfo { profile: CustomProfileInfo[]; uid: number | string; caller?: HookCaller }

export interface PostTool { action: string; html: string; icon: string }
export interface FilterPostTools { pid: number; post: unknown; uid: number; tools: PostTool[] }

export interface FilterUserNotificationTypes { types: string[]; privilegedTypes: string[] }
