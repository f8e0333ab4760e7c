/**
 * First entry into a program group (PROGRAM §2): the configured gift once ever per member and group.
 * The ledger key `group:{name}:{uid}` makes leaving and re-joining pay nothing; `bonus:groupgifts:marked`
 * (set of `{group}:{uid}`) holds members the admin chose to mark without paying when the plugin was
 * installed, so their later joins pay nothing either.
 */
import type { Host } from '../host';
import { BonusError, userTextToken } from '../errors';
import { giftsForJoin, groupGiftKey, type GroupGift } from '../domain/groups';
import type { SettingsService } from './settings';
import { isNew, type EarningLedger } from './earning-ledger';
import type { EarningNotifier } from './earning-notify';
import { excludedMembers, giftAmounts, roleGroups } from './earning-roles';

const MARKED = 'bonus:groupgifts:marked';

export class GroupGiftService {
  constructor(
    private readonly host: Host,
    private readonly settings: SettingsService,
    private readonly ledger: EarningLedger,
    private readonly notifier: EarningNotifier,
  ) {}

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

  private async pay(uid: number, gift: GroupGift): Promise<boolean> {
    const key = groupGiftKey(gift.group, uid);
    if (await this.host.db.isSetMember(MARKED, key)) return false;
    const result = await this.ledger.credit({ uid, amount: gift.amount, key, reason: 'group-entry', comment: userTextToken(gift.group), source: { type: 'group', id: gift.group } });
    if (!isNew(result)) return false;
    await this.notifier.gift(uid, gift.amount, 'group', key, gift.group);
    return true;
  }

  /**
   * ACP action: members already in the program groups are paid, or only marked so that they are
   * never paid. Admins only. Returns how many members were paid or marked.
   */
  async backfill(caller: { uid: number }, mode: 'pay' | 'mark', batch = 500): Promise<number> {
    if (!(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.no-privileges', [], 403);
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
            await this.host.db.setAdd(MARKED, groupGiftKey(group, uid));
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
