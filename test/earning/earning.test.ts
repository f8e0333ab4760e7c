import assert from 'node:assert/strict';
import { decideEarning, HOUR_MS, isMature, localUid, type EarningRules, type PostFacts } from '../../lib/modules/earning/domain';

const rules: EarningRules = { earningCids: [1, 5], topicPoints: 2, replyPoints: 1, holdWindowMs: 48 * HOUR_MS };
const T0 = Date.parse('2026-08-20T10:00:00Z');
const post = (over: Partial<PostFacts> = {}): PostFacts => ({ pid: 10, uid: 7, tid: 3, cid: 1, timestamp: T0, isMain: false, scheduled: false, ...over });

describe('earning: which post earns (PROGRAM §2)', () => {
  const table: [string, Partial<PostFacts>, ReturnType<typeof decideEarning>][] = [
    ['a reply by a member in an earning category', {}, { ok: true, uid: 7, amount: 1, kind: 'reply', maturesAt: T0 + 48 * HOUR_MS }],
    ['a new topic', { isMain: true }, { ok: true, uid: 7, amount: 2, kind: 'topic', maturesAt: T0 + 48 * HOUR_MS }],
    ['a uid stored as a numeric string', { uid: '7', cid: 5 }, { ok: true, uid: 7, amount: 1, kind: 'reply', maturesAt: T0 + 48 * HOUR_MS }],
    ['a guest', { uid: 0 }, { ok: false, code: 'guest' }],
    ['a guest as a string', { uid: '0' }, { ok: false, code: 'guest' }],
    ['a system user', { uid: -1 }, { ok: false, code: 'guest' }],
    ['a federated author (uid is a URL)', { uid: 'https://mastodon.social/users/alice' }, { ok: false, code: 'federated' }],
    ['federated content with a local-looking uid', { federated: true }, { ok: false, code: 'federated' }],
    ['a scheduled topic', { isMain: true, scheduled: true }, { ok: false, code: 'scheduled' }],
    ['a reply in a scheduled topic', { scheduled: true }, { ok: false, code: 'scheduled' }],
    ['a deleted post', { deleted: true }, { ok: false, code: 'deleted' }],
    ['a category that does not earn', { cid: 2 }, { ok: false, code: 'not-earning-category' }],
    ['a fractional uid', { uid: 7.5 }, { ok: false, code: 'guest' }],
    ['pid 0', { pid: 0 }, { ok: false, code: 'invalid' }],
    ['no timestamp', { timestamp: Number.NaN }, { ok: false, code: 'invalid' }],
  ];
  for (const [name, over, expected] of table) {
    it(name, () => assert.deepEqual(decideEarning(post(over), rules), expected));
  }

  it('an amount of 0 disables a rule', () => {
    assert.deepEqual(decideEarning(post(), { ...rules, replyPoints: 0 }), { ok: false, code: 'zero-amount' });
    assert.equal(decideEarning(post({ isMain: true }), { ...rules, replyPoints: 0 }).ok, true);
  });

  it('a category added to the earning set earns for posts from that moment on, inclusive', () => {
    const since = { 1: T0 };
    assert.deepEqual(decideEarning(post({ timestamp: T0 - 1 }), { ...rules, earningSince: since }), { ok: false, code: 'before-earning-category' });
    assert.equal(decideEarning(post({ timestamp: T0 }), { ...rules, earningSince: since }).ok, true);
    assert.equal(decideEarning(post({ cid: 5, timestamp: T0 - 1 }), { ...rules, earningSince: since }).ok, true, 'other categories keep earning');
  });

  it('no earning categories: nothing earns', () => {
    assert.deepEqual(decideEarning(post(), { ...rules, earningCids: [] }), { ok: false, code: 'not-earning-category' });
  });

  describe('maturity: created + hold window, inclusive', () => {
    const maturesAt = T0 + 48 * HOUR_MS;
    const table: [string, number, boolean][] = [
      ['1 ms before 48 h', maturesAt - 1, false],
      ['exactly 48 h', maturesAt, true],
      ['after 48 h', maturesAt + 1, true],
      ['at creation', T0, false],
    ];
    for (const [name, now, mature] of table) it(name, () => assert.equal(isMature(maturesAt, now), mature));
    it('a hold window of 0 matures at once', () => {
      const d = decideEarning(post(), { ...rules, holdWindowMs: 0 });
      assert.ok(d.ok && isMature(d.maturesAt, T0));
    });
  });

  describe('localUid', () => {
    const table: [unknown, number | null][] = [[1, 1], ['42', 42], [0, null], ['0', null], [-1, null], ['-1', null], ['https://x.y/u/1', null], ['', null], [null, null], [undefined, null], [1.5, null], [Number.MAX_SAFE_INTEGER + 2, null]];
    for (const [raw, uid] of table) it(`${String(raw)} -> ${uid}`, () => assert.equal(localUid(raw as never), uid));
  });
});
