/**
 * First entry into a program group (PROGRAM §2): the configured gift once ever per member and
 * program role, whatever the forum group is called or becomes. The ledger key
 * `group-role:{role}:{uid}` makes leaving and re-joining pay nothing; `bonus:groupgifts:marked` holds
 * members the admin chose to mark without paying when the plugin was installed, so their later joins
 * pay nothing either.
 *
 * Gifts were once keyed by group name (`group:{name}:{uid}`, marks `group:{name}:{uid}` too): those
 * still count, under the role's current name and every name its group had
 * (`bonus:groupgifts:names:{role}`, recorded when a mapped group is renamed, `action:group.rename`).
 */
import { refusable, type Result, valueOrRaise } from '../../kernel/result';
import type { Host } from '../../host/index';
import { BonusError, userTextToken } from '../../kernel/errors';
import { GIFT_ROLES, PROGRAM_ROLES, giftsForJoin, groupGiftKey, roleGiftKey, type GiftRole, type GroupGift } from './domain-groups';
import type { SettingsService } from '../settings';
import { isNew, type EarningLedger } from './ledger-port';
import type { EarningNotifier } from './notify';
import { excludedMembers, giftAmounts, roleGroups } from './roles';
import { GroupGiftsStore } from './store-groupgifts';

const ROLE_SETTING = {
  newcomers: 'roleNewcomers', participants: 'roleParticipants', activists: 'roleActivists', consultants: 'roleConsultants',
  oldTimers: 'roleOldTimers', clubCouncil: 'roleClubCouncil', banned: 'roleBanned',
} as const;

export class GroupGiftService {
  private readonly store: GroupGiftsStore;

  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {
    this.store = new GroupGiftsStore(host.db);
  }

  /** `action:group.join`: pays the gifts of the program groups among `groupNames`. */
  async joined(uid: number, groupNames: string[]): Promise<number> {
    if (!Number.isSafeInteger(uid) || uid <= 0) return 0;
    const s = await this.settings.get();
    const gifts = giftsForJoin(groupNames, roleGroups(s), giftAmounts(s));
    if (!gifts.length) return 0;
    if ((await excludedMembers(this.host, s, [uid], s.excludeGroupGifts)).has(uid)) return 0;
    let paid = 0;
    for (const gift of gifts) if (await this.pay(uid, gift)) paid++;
    return paid;
  }

  /**
   * `action:group.rename`: every role mapped to the group follows it to its new name, and the old
   * name is remembered for the role, so gifts paid under it still count. The name is recorded
   * before the mapping changes: a crash in between only leaves the mapping to redo.
   */
  async renamed(oldName: string, newName: string): Promise<void> {
    if (!oldName || !newName || oldName === newName) return;
    const s = await this.settings.get();
    const map = roleGroups(s);
    const roles = PROGRAM_ROLES.filter((role) => map[role] === oldName);
    if (!roles.length) return;
    for (const role of roles) if ((GIFT_ROLES as readonly string[]).includes(role)) await this.store.addFormerName(role as GiftRole, oldName);
    valueOrRaise(await this.settings.update(Object.fromEntries(roles.map((role) => [ROLE_SETTING[role], newName]))));
  }

  /** Paid or marked before, under the role key or under any name the role's group had. */
  private async alreadyGiven(uid: number, gift: GroupGift): Promise<boolean> {
    const roleKey = roleGiftKey(gift.role, uid);
    const names = [...new Set([gift.group, ...(await this.store.formerNames(gift.role))])];
    const legacy = names.map((name) => groupGiftKey(name, uid));
    for (const key of [roleKey, ...legacy]) if (await this.store.isMarked(key)) return true;
    for (const key of legacy) if (await this.ledger.entryByKey(key)) return true;
    return false;
  }

  private async pay(uid: number, gift: GroupGift): Promise<boolean> {
    if (await this.alreadyGiven(uid, gift)) return false;
    const key = roleGiftKey(gift.role, uid);
    const result = await this.ledger.credit({ uid, amount: gift.amount, key, reason: 'group-entry', comment: userTextToken(gift.group), source: { type: 'group', id: gift.group } });
    if (!isNew(result)) return false;
    await this.notifier.gift(uid, gift.amount, 'group', key, gift.group);
    return true;
  }

  /**
   * ACP action: members already in the program groups are paid, or only marked so that they are
   * never paid. Admins only. Returns how many members were paid or marked.
   */
  backfill(caller: { uid: number }, mode: 'pay' | 'mark', batch = 500): Promise<Result<number>> {
    return refusable(() => this.doBackfill(caller, mode, batch));
  }

  private async doBackfill(caller: { uid: number }, mode: 'pay' | 'mark', batch = 500): Promise<number> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 'forbidden');
    const s = await this.settings.get();
    const groups = roleGroups(s);
    const amounts = giftAmounts(s);
    let n = 0;
    for (const [role, amount] of Object.entries(amounts) as [keyof typeof amounts, number][]) {
      const group = groups[role];
      const gift = giftsForJoin([group], groups, amounts).find((g) => g.role === role);
      if (!gift || amount <= 0) continue;
      for (let start = 0; ; start += batch) {
        const uids = await this.host.groups.getMembers(group, start, start + batch - 1);
        if (!uids.length) break;
        const excluded = mode === 'pay' ? await excludedMembers(this.host, s, uids, s.excludeGroupGifts) : new Set<number>();
        for (const uid of uids) {
          if (mode === 'mark') {
            await this.store.mark(roleGiftKey(gift.role, uid));
            n++;
          } else if (!excluded.has(uid) && (await this.pay(uid, gift))) {
            n++;
          }
        }
        if (uids.length < batch) break;
      }
    }
    return n;
  }
}
