/**
 * First entry into a program group (PROGRAM §2): a gift per program role, once ever per member and
 * group. NodeBB fires `action:group.join` for system and privilege groups too (registration, e-mail
 * confirmation, bans, category privileges); those never pay, even if an admin maps a role to one.
 */
import type { Spec } from '../settings';

export const PROGRAM_ROLES = ['newcomers', 'participants', 'activists', 'consultants', 'oldTimers', 'clubCouncil', 'banned'] as const;
export type ProgramRole = (typeof PROGRAM_ROLES)[number];

/** Roles whose first entry pays a gift. */
export const GIFT_ROLES = ['activists', 'consultants', 'oldTimers', 'clubCouncil'] as const;
export type GiftRole = (typeof GIFT_ROLES)[number];

const SYSTEM_GROUPS = new Set([
  'administrators', 'registered-users', 'verified-users', 'unverified-users',
  'Global Moderators', 'banned-users', 'guests', 'spiders', 'fediverse',
]);

/** NodeBB's built-in groups and per-category privilege groups (`cid:3:privileges:groups:read`). */
export function isSystemGroup(name: string): boolean {
  return SYSTEM_GROUPS.has(name) || /^cid:\d+:privileges:/.test(name) || name.startsWith('ephemeral:');
}

export interface GroupGift {
  role: GiftRole;
  group: string;
  amount: number;
}

/**
 * The gifts the joined groups may pay. `roleGroups` maps a role to its forum group ('' = unmapped);
 * `amounts` the gift per role. Unmapped roles, system groups and zero amounts pay nothing.
 */
export function giftsForJoin(
  joined: readonly string[],
  roleGroups: Readonly<Record<GiftRole, string>>,
  amounts: Readonly<Record<GiftRole, number>>,
): GroupGift[] {
  const out: GroupGift[] = [];
  for (const role of GIFT_ROLES) {
    const group = roleGroups[role];
    if (!group || isSystemGroup(group) || !joined.includes(group)) continue;
    const amount = amounts[role];
    if (Number.isSafeInteger(amount) && amount > 0) out.push({ role, group, amount });
  }
  return out;
}

/** Is the member (by their group names) in any of the excluded roles? */
export function inExcludedRole(
  memberGroups: readonly string[],
  excludedRoles: readonly ProgramRole[],
  roleGroups: Readonly<Record<ProgramRole, string>>,
  banned = false,
): boolean {
  if (banned && excludedRoles.includes('banned')) return true;
  return excludedRoles.some((role) => roleGroups[role] !== '' && memberGroups.includes(roleGroups[role]));
}

export { groupGiftKey, roleGiftKey } from './ledger-keys';

/** Settings spec: a list of program roles, stored as a JSON array (`["newcomers","banned"]`). */
export const roleList = (def: ProgramRole[]): Spec<ProgramRole[]> => ({
  default: def,
  parse(raw) {
    if (raw.trim() === '') return [];
    try {
      const v: unknown = JSON.parse(raw);
      if (!Array.isArray(v) || !v.every((x) => (PROGRAM_ROLES as readonly unknown[]).includes(x))) return undefined;
      return [...new Set(v as ProgramRole[])];
    } catch {
      return undefined;
    }
  },
  format: (v) => JSON.stringify(v),
  input: (raw) => (typeof raw === 'string' ? raw : Array.isArray(raw) ? JSON.stringify(raw) : undefined),
});
