import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { parseSettings, settingsTable, validateSettings } from '../../lib/modules/settings/domain';

/** Pages (and the CSV export) that read the time zone or other typed settings. */
const PAGES = [
  '/bonus', '/bonus/points', '/bonus/transfer', '/bonus/loans', '/bonus/top', '/bonus/store', '/bonus/orders',
  '/admin/plugins/bonus/orders', '/admin/plugins/bonus/loans', '/admin/plugins/bonus/transfers', '/admin/plugins/bonus/operations',
  '/admin/plugins/bonus/settings', '/admin/plugins/bonus/catalog', '/api/v3/plugins/bonus/admin/orders/export?month=2026-09',
];

describe('settings: every value validated by its type and range before it is stored (issue 11, item 6)', function () {
  let fake: FakeHost;
  let admin: number;

  beforeEach(async function () {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    fake.forum.createUser({ username: 'maria', groups: ['Activists'], language: 'ru' });
    await fake.settle();
  });

  async function pagesAnswer200(): Promise<void> {
    for (const url of PAGES) {
      const res = await fake.agent(admin).get(url);
      assert.equal(res.status, 200, `${url} answered ${res.status}`);
    }
  }

  it('a boolean, number, array or object where text is expected is refused, the field named in the admin\'s language; nothing stored', async function () {
    const bad: [string, unknown, RegExp, RegExp][] = [
      ['timeZone', true, /Time zone/, /Часовой пояс/],
      ['timeZone', 123, /Time zone/, /Часовой пояс/],
      ['timeZone', ['Europe/Moscow'], /Time zone/, /Часовой пояс/],
      ['timeZone', { zone: 'UTC' }, /Time zone/, /Часовой пояс/],
      ['pickupPlace', false, /Pickup place/, /самовывоза/],
      ['charityUsername', 7, /Charity account/, /благотворительн/i],
      ['roleActivists', ['Activists'], /Activists/, /Активисты/],
      ['operationsPublishMode', 1, /Publishing/, /Публикация/],
      ['pointsTopic', 1.5, /New topic/, /Новая тема/],
      ['pointsTopic', true, /New topic/, /Новая тема/],
      ['earningCids', [0], /Earning categories/, /Категории/],
      ['noDeliveryCountries', 'Turkmenistan', /Countries nothing is sent to/, /ничего не отправляем/],
      ['russiaOnlyCountry', 'RUS', /Russia-only/, /только по России/],
    ];
    const ru = fake.forum.createUser({ username: 'ruadmin', groups: ['administrators'], language: 'ru' });
    for (const [name, value, en, ruText] of bad) {
      const res = await fake.agent(admin).put('/api/v3/plugins/bonus/settings', { pointsReply: '3', [name]: value }).expect(400);
      assert.match(res.body.status.message, en, `${name}=${JSON.stringify(value)}: ${res.body.status.message}`);
      assert.doesNotMatch(res.body.status.message, /\[\[|-$/);
      const r = await fake.agent(ru).put('/api/v3/plugins/bonus/settings', { [name]: value }).expect(400);
      assert.match(r.body.status.message, ruText, `${name}=${JSON.stringify(value)}: ${r.body.status.message}`);
      assert.deepEqual(await fake.host.settings.get('bonus'), {}, `${name}=${JSON.stringify(value)} stored nothing`);
    }
    await pagesAnswer200();
  });

  it('an unknown IANA zone is refused naming the field; a known one is stored', async function () {
    const res = await fake.agent(admin).put('/api/v3/plugins/bonus/settings', { timeZone: 'Mars/Base' }).expect(400);
    assert.match(res.body.status.message, /^Time zone \(IANA\): “Mars\/Base” is not a known time zone/);
    assert.deepEqual(await fake.host.settings.get('bonus'), {});
    await fake.agent(admin).put('/api/v3/plugins/bonus/settings', { timeZone: 'Asia/Almaty', pointsTopic: 4, earningCids: [3, 1] }).expect(200);
    const stored = await fake.host.settings.get('bonus');
    assert.deepEqual([stored.timeZone, stored.pointsTopic, stored.earningCids], ['Asia/Almaty', '4', '3,1']);
    await pagesAnswer200();
  });

  it('a body that is not an object is refused with a message saying so', async function () {
    const res = await fake.agent(admin).put('/api/v3/plugins/bonus/settings', [{ timeZone: 'UTC' }]).expect(400);
    assert.match(res.body.status.message, /JSON object/);
  });

  it('a bad value already stored (before this check existed) is read as the default: the pages still answer 200', async function () {
    await fake.host.settings.set('bonus', { timeZone: 'true', russiaOnlyCountry: '12', licenseRegions: '[1,2]' });
    const s = parseSettings(await fake.host.settings.get('bonus'));
    assert.deepEqual([s.timeZone, s.russiaOnlyCountry, s.licenseRegions[0]], ['Europe/Moscow', 'RU', 'RU']);
    await pagesAnswer200();
  });

  it('each kind of setting takes only its own type (domain table)', function () {
    for (const [name, spec] of Object.entries(settingsTable)) {
      for (const wrong of [{}, null, [{}]]) {
        assert.equal(validateSettings({ [name]: wrong }).ok, false, `${name} accepted ${JSON.stringify(wrong)}`);
      }
      // the default, as the form sends it, is always accepted
      const formatted = (spec.format as (v: unknown) => string)(spec.default);
      assert.equal(validateSettings({ [name]: formatted }).ok, true, `${name} refused its own default ${formatted}`);
    }
    assert.deepEqual(validateSettings({ noClothingCountries: 'ua, by', licenseRegions: ['kz', 'RU'] }), { ok: true, values: { noClothingCountries: '["UA","BY"]', licenseRegions: '["KZ","RU"]' } });
    assert.equal(validateSettings({ birthdayMonthsBefore: '5' }, { birthdayMonthsAfter: '5' }).ok, true);
    assert.deepEqual(validateSettings({ birthdayMonthsBefore: '5' }, { birthdayMonthsAfter: '5', birthdayMonthsBefore: '1' }).ok, true);
    assert.deepEqual(validateSettings({ transferMin: '600' }, { transferMax: '500' }), { ok: false, invalid: ['transferMin'], rule: 'error.invalid-transfer-limits' });
  });
});
