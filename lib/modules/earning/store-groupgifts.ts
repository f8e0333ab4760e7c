/**
 * The group gifts' records on the database port (private to the earning module):
 * `bonus:groupgifts:marked` (set of gift keys the admin marked as given without paying) and
 * `bonus:groupgifts:names:{role}` (every name the role's group had, recorded when it is renamed).
 */
import type { Database } from '../../host/index';
import type { GiftRole } from './domain-groups';

const MARKED = 'bonus:groupgifts:marked';
const formerNames = (role: GiftRole) => `bonus:groupgifts:names:${role}`;

export class GroupGiftsStore {
  constructor(private readonly db: Database) {}

  async addFormerName(role: GiftRole, name: string): Promise<void> {
    await this.db.setAdd(formerNames(role), name);
  }

  formerNames(role: GiftRole): Promise<string[]> {
    return this.db.getSetMembers(formerNames(role));
  }

  async mark(giftKey: string): Promise<void> {
    await this.db.setAdd(MARKED, giftKey);
  }

  isMarked(giftKey: string): Promise<boolean> {
    return this.db.isSetMember(MARKED, giftKey);
  }
}
