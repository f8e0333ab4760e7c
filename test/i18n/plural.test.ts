import assert from 'node:assert/strict';
import { formatCount, pluralForm, pluralToken, signedCount } from '../../lib/kernel/plural';
import { BonusError, counted } from '../../lib/kernel/errors';
import { FileTranslator } from '../host/translator';
import { tokenHelpers } from '../host/template-helpers';

/**
 * Counts take the reader's plural form (issue 15, item 1): Russian one/few/many, English one/other,
 * through the language keys every counted phrase defines, in text the server writes and in pages.
 */
const translator = new FileTranslator();
const NUMBERS = [1, 2, 5, 11, 21, 22, 25, 101, 111, 1001];

describe('plural forms (issue 15, item 1)', function () {
  it('Intl.PluralRules picks the form per language', function () {
    assert.deepEqual(NUMBERS.map((n) => pluralForm('ru', n)), ['one', 'few', 'many', 'many', 'one', 'few', 'many', 'one', 'many', 'one']);
    assert.deepEqual(NUMBERS.map((n) => pluralForm('en-GB', n)), ['one', 'other', 'other', 'other', 'other', 'other', 'other', 'other', 'other', 'other']);
    assert.equal(pluralForm('pt_BR', 1), 'one');
    assert.equal(pluralForm('not a language!', 2), 'other');
  });

  it('points, in Russian and English, for 1, 2, 5, 11, 21, 22, 25, 101, 111, 1001', function () {
    const say = (lang: string, key: string) => NUMBERS.map((n) => translator.translateSync(pluralToken(lang, key, n), lang));
    assert.deepEqual(say('ru', 'bonus:points.count'), [
      '1 балл', '2 балла', '5 баллов', '11 баллов', '21 балл', '22 балла', '25 баллов', '101 балл', '111 баллов', '1 001 балл',
    ]);
    assert.deepEqual(say('en-GB', 'bonus:points.count'), [
      '1 point', '2 points', '5 points', '11 points', '21 points', '22 points', '25 points', '101 points', '111 points', '1001 points',
    ]);
    assert.deepEqual(say('ru', 'bonus:points.gen').slice(0, 5), ['1 балла', '2 баллов', '5 баллов', '11 баллов', '21 балла']);
    assert.deepEqual(say('ru', 'bonus:points.each').slice(0, 5), ['по 1 баллу', 'по 2 балла', 'по 5 баллов', 'по 11 баллов', 'по 21 баллу']);
    assert.deepEqual(say('ru', 'bonus:months.count').slice(0, 5), ['1 месяц', '2 месяца', '5 месяцев', '11 месяцев', '21 месяц']);
  });

  it('numbers are written the language\'s way, with one minus sign', function () {
    assert.equal(formatCount('en-GB', 15000), '15000');
    assert.equal(formatCount('ru', 15000), '15\u00a0000');
    assert.equal(formatCount('en-GB', -500), '−500');
    assert.deepEqual([signedCount('ru', 25000), signedCount('ru', -150), signedCount('en-GB', 25000), signedCount('en-GB', -12000)], ['+25\u00a0000', '−150', '+25000', '−12000']);
  });

  it('a refusal with counts reads right in the caller\'s language', function () {
    const err = new BonusError('error.checkout.insufficient-points', [counted(2753), counted(1001)]);
    assert.equal(translator.translateSync(err.messageFor('ru'), 'ru'), 'Заказ стоит 2 753 балла, а доступно для трат: 1 001 балл.');
    assert.equal(translator.translateSync(err.messageFor('en-GB'), 'en-GB'), 'The order costs 2753 points, but you can spend 1001 points.');
  });

  it('the page helper bonusPlural chooses by the page\'s language, also inside a sentence', function () {
    const { bonusPlural, tx } = tokenHelpers();
    const page = (lang: string, n: number) => translator.translateSync(tx('bonus:checkout.pay', bonusPlural.call({ bonusLang: lang }, 'bonus:points.count', n)), lang);
    assert.deepEqual(NUMBERS.map((n) => page('ru', n)).slice(0, 6), ['Оплатить 1 балл', 'Оплатить 2 балла', 'Оплатить 5 баллов', 'Оплатить 11 баллов', 'Оплатить 21 балл', 'Оплатить 22 балла']);
    assert.equal(page('en-GB', 1), 'Pay 1 point');
    assert.equal(page('en-GB', 2465), 'Pay 2465 points');
  });
});
