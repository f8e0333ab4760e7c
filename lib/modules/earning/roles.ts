/** Program roles → forum groups from the settings, and the exclusion check every rule shares. */
import type { Host } from '../../host/index';
import { inExcludedRole, type GiftRole, type ProgramRole } from './domain-groups';
import type { ProgramSettings } from '../settings';

export function roleGroups(s: ProgramSettings): Record<ProgramRole, string> {
  return {
    newcomers: s.roleNewcomers, participants: s.roleParticipants, activists: s.roleActivists,
    consultants: s.roleConsultants, oldTimers: s.roleOldTimers, clubCouncil: s.roleClubCouncil, banned: s.roleBanned,
  };
}

export function giftAmounts(s: ProgramSettings): Record<GiftRole, number> {
  return { activists: s.giftActivists, consultants: s.giftConsultants, oldTimers: s.giftOldTimers, clubCouncil: s.giftClubCouncil };
}

/** The members (of `uids`) that an excluded role or a ban keeps out of a rule. */
export async function excludedMembers(host: Host, s: ProgramSettings, uids: number[], excluded: readonly ProgramRole[]): Promise<Set<number>> {
  if (!uids.length) return new Set();
  const [groups, users] = await Promise.all([host.groups.getUserGroupNames(uids), host.users.getUsers(uids)]);
  const map = roleGroups(s);
  const out = new Set<number>();
  uids.forEach((uid, i) => {
    const user = users[i];
    if (!user || inExcludedRole(groups[i] ?? [], excluded, map, user.banned)) out.add(uid);
  });
  return out;
}
