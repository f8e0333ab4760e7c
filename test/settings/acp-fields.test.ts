import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host';
import { settingsTable, type SettingName } from '../../lib/modules/settings/domain';
import { withoutScripts } from '../host/translator';

/**
 * Every setting of the table has a field on the ACP settings page (issue 11, item 12): derived from
 * the table, so a new setting without a field fails here.
 */
describe('ACP settings: every setting has a field, labelled in both languages', function () {
  let fake: FakeHost;
  let admin: number;

  beforeEach(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    fake.forum.createCategory('Club life');
    fake.forum.createGroup('Activists');
  });

  /** The form control of a setting: an input, select or textarea named after it, or a group of checkboxes (data-name). */
  function control(html: string, name: SettingName): string | null {
    const named = new RegExp(`<(input|select|textarea)\\b[^>]*\\bname="${name}"[^>]*>`).exec(html);
    if (named) return named[0];
    const group = new RegExp(`<[a-z]+\\b[^>]*\\bdata-name="${name}"[^>]*>`).exec(html);
    return group ? group[0] : null;
  }

  for (const lang of ['en-GB', 'ru']) {
    it(`${lang}: a field for each of the ${Object.keys(settingsTable).length} settings, each with a label; no untranslated token`, async () => {
      const html = (await fake.agent(admin).get(`/admin/plugins/bonus/settings?lang=${lang}`).expect(200)).text;
      assert.doesNotMatch(withoutScripts(html), /\[\[/);
      const missing: string[] = [];
      const unlabelled: string[] = [];
      for (const name of Object.keys(settingsTable) as SettingName[]) {
        const tag = control(html, name);
        if (!tag) { missing.push(name); continue; }
        const id = /\bid="([^"]+)"/.exec(tag)?.[1];
        const labelled = /aria-label="[^"]+"/.test(tag) || (id !== undefined && html.includes(`for="${id}"`)) || /^<tr\b/.test(tag) || /data-name="earningCids"/.test(tag);
        if (!labelled) unlabelled.push(name);
      }
      assert.deepEqual(missing, [], `settings without a field on the ACP page: ${missing.join(', ')}`);
      assert.deepEqual(unlabelled, [], `fields without a label: ${unlabelled.join(', ')}`);
    });
  }

  it('the values the page shows are accepted back as they are (country lists, pickup place, topic, mode)', async () => {
    await okValue(fake.plugin.services.settings.update({
      pickupPlace: 'Club office, <b>Mon–Fri</b> 10–18', noDeliveryCountries: ['TM', 'AF'], licenseRegions: 'RU, KZ', operationsTid: '12', operationsPublishMode: 'daily-digest', lowStockThreshold: '3',
    }));
    const html = (await fake.agent(admin).get('/admin/plugins/bonus/settings?lang=en-GB').expect(200)).text;
    assert.match(html, /name="pickupPlace"[^>]*>Club office, &lt;b&gt;Mon–Fri&lt;\/b&gt; 10–18<\/textarea>/);
    assert.match(html, /name="noDeliveryCountries" value="TM, AF"/);
    assert.match(html, /name="licenseRegions" value="RU, KZ"/);
    assert.match(html, /name="operationsTid" value="12"/);
    assert.match(html, /<option value="daily-digest" selected>/);
    assert.match(html, /Where and when members collect their items/);
    // what the form posts back: every named control with its shown value
    const body: Record<string, string> = {};
    for (const m of html.matchAll(/<input\b[^>]*\bname="([A-Za-z]+)"[^>]*\bvalue="([^"]*)"/g)) body[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    body.pickupPlace = 'Club office, <b>Mon–Fri</b> 10–18';
    await fake.agent(admin).put('/api/v3/plugins/bonus/settings', body).expect(200);
    const s = await fake.plugin.services.settings.get();
    assert.deepEqual([s.noDeliveryCountries, s.licenseRegions, s.operationsTid, s.lowStockThreshold], [['TM', 'AF'], ['RU', 'KZ'], 12, 3]);
  });
});
