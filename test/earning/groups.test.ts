import assert from 'node:assert/strict';
import { giftsForJoin, groupGiftKey, inExcludedRole, isSystemGroup, roleList, type GiftRole, type ProgramRole } from '../../lib/modules/earning/domain-groups';
import { parseSettings, validateSettings } from '../../lib/modules/settings/domain';

const roleGroups: Record<ProgramRole, string> = {
  newcomers: 'Newcomers', participants: 'Participants', activists: 'Activists', consultants: 'Consultants',
  oldTimers: 'Old-timers', clubCouncil: 'Club council', banned: 'banned-users',
};
const amounts: Record<GiftRole, number> = { activists: 100, consultants: 250, oldTimers: 500, clubCouncil: 1000 };

describe('earning: first group entry', () => {
  describe('system and privilege groups are ignored', () => {
    for (const name of ['administrators', 'registered-users', 'verified-users', 'unverified-users', 'Global Moderators', 'banned-users', 'guests', 'spiders', 'cid:3:privileges:groups:read', 'cid:12:privileges:topics:create']) {
      it(name, () => assert.equal(isSystemGroup(name), true));
    }
    for (const name of ['Activists', 'Club council', 'cid-fans', 'Administrators of fun']) {
      it(`${name} is not a system group`, () => assert.equal(isSystemGroup(name), false));
    }
  });

  const table: [string, string[], Partial<Record<GiftRole, string>>, [string, number][]][] = [
    ['a program group pays its amount', ['Activists'], {}, [['Activists', 100]]],
    ['several groups at once pay each', ['Club council', 'Consultants'], {}, [['Consultants', 250], ['Club council', 1000]]],
    ['system and privilege groups pay nothing', ['registered-users', 'verified-users', 'cid:1:privileges:groups:read'], {}, []],
    ['an unmapped role pays nothing', ['Activists'], { activists: '' }, []],
    ['a role mapped to a system group pays nothing', ['registered-users'], { activists: 'registered-users' }, []],
    ['Newcomers and Participants pay no gift', ['Newcomers', 'Participants'], {}, []],
    ['a renamed group pays under its new name', ['Активисты'], { activists: 'Активисты' }, [['Активисты', 100]]],
  ];
  for (const [name, joined, over, expected] of table) {
    it(name, () => assert.deepEqual(giftsForJoin(joined, { ...roleGroups, ...over }, amounts).map((g) => [g.group, g.amount]), expected));
  }
  it('an amount of 0 pays nothing', () => assert.deepEqual(giftsForJoin(['Activists'], roleGroups, { ...amounts, activists: 0 }), []));

  it('exclusions by role', () => {
    assert.equal(inExcludedRole(['Newcomers'], ['newcomers', 'banned'], roleGroups), true);
    assert.equal(inExcludedRole(['Participants'], ['newcomers', 'banned'], roleGroups), false);
    assert.equal(inExcludedRole(['Participants'], ['newcomers', 'banned'], roleGroups, true), true);
    assert.equal(inExcludedRole(['banned-users'], ['banned'], roleGroups), true);
    assert.equal(inExcludedRole(['Newcomers'], [], roleGroups), false);
    assert.equal(inExcludedRole([''], ['newcomers'], { ...roleGroups, newcomers: '' }), false);
  });

  it('gift keys encode group names', () => {
    assert.equal(groupGiftKey('Activists', 5), 'group:Activists:5');
    assert.equal(groupGiftKey('Club council', 5), 'group:Club%20council:5');
    assert.equal(groupGiftKey('a:b', 5), 'group:a%3Ab:5');
  });

  it('role lists in settings', () => {
    const spec = roleList(['banned']);
    assert.deepEqual(spec.parse('["newcomers","banned","newcomers"]'), ['newcomers', 'banned']);
    assert.equal(spec.parse('["admins"]'), undefined);
    assert.equal(spec.parse('nope'), undefined);
    assert.deepEqual(spec.parse(''), []);
    const s = parseSettings({});
    assert.deepEqual([s.excludeBirthday, s.excludeTop, s.pointsTopic, s.pointsReply, s.holdWindowHours, s.penaltyBan, s.giftClubCouncil], [['newcomers', 'banned'], ['banned'], 2, 1, 48, 1000, 1000]);
    assert.deepEqual(validateSettings({ excludeTop: ['nobody'], holdWindowHours: '-1' }), { ok: false, invalid: ['holdWindowHours', 'excludeTop'] });
    assert.deepEqual(validateSettings({ earningCids: '3, 4', excludeTop: [] }), { ok: true, values: { earningCids: '3,4', excludeTop: '[]' } });
  });
});
