import assert from 'node:assert/strict';
import { dateText, dateTimeText, periodText, zoneText } from '../../lib/kernel/dates';
import { sourceText } from '../../lib/modules/ledger/http';
import { FileTranslator } from '../host/translator';

/** Times in the club's zone and the page language's format; period ids as dates (issue 15, items 2–3). */
const translator = new FileTranslator();
const AT = Date.parse('2026-08-31T22:30:00Z');

describe('dates for members (issue 15, items 2 and 3)', function () {
  it('one instant in two zones and two languages, never ISO UTC', function () {
    assert.equal(dateTimeText(AT, 'en-GB', 'Europe/Moscow'), '1 Sept 2026, 01:30');
    assert.equal(dateTimeText(AT, 'en-GB', 'America/New_York'), '31 Aug 2026, 18:30');
    assert.equal(dateTimeText(AT, 'ru', 'Europe/Moscow'), '1 сент. 2026 г., 01:30');
    assert.equal(dateTimeText(AT, 'ru', 'America/New_York'), '31 авг. 2026 г., 18:30');
    assert.equal(dateText(AT, 'ru', 'Asia/Vladivostok'), '1 сент. 2026 г.');
    assert.equal(dateTimeText(AT, 'en-GB', 'Not/AZone'), '31 Aug 2026, 22:30', 'an unknown zone reads as UTC');
    assert.equal(zoneText(AT, 'Europe/Moscow'), 'Europe/Moscow (UTC+03:00)');
  });

  it('a week id is its Monday to Sunday, a month id its name', function () {
    assert.deepEqual(periodText('2026-W36', 'en-GB'), { kind: 'week', text: '31 Aug – 6 Sept 2026' });
    assert.deepEqual(periodText('2026-W36', 'ru'), { kind: 'week', text: '31 авг. – 6 сент. 2026 г.' });
    assert.deepEqual(periodText('2026-W01', 'en-GB'), { kind: 'week', text: '29 Dec 2025 – 4 Jan 2026' });
    assert.deepEqual(periodText('2026-08', 'en-GB'), { kind: 'month', text: 'August 2026' });
    assert.deepEqual(periodText('2026-08', 'ru'), { kind: 'month', text: 'август 2026 г.' });
  });

  it('history sources show no internal ids', function () {
    const say = (lang: string, s: Parameters<typeof sourceText>[0]) => translator.translateSync(sourceText(s, lang), lang);
    assert.equal(say('en-GB', { type: 'top', id: 'week:2026-W36' }), 'week of 31 Aug – 6 Sept 2026');
    assert.equal(say('ru', { type: 'top', id: 'month:2026-08' }), 'за август 2026 г.');
    assert.equal(say('en-GB', { type: 'operation', id: '92cbe9a5f0e14c3a' }), 'admin operation');
    assert.equal(say('en-GB', { type: 'order', id: 12 }), 'order 12');
  });
});
