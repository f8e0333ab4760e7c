import assert from 'node:assert/strict';
import { maskActivationCode, parseActivationCode, parseCodeLines, type ActivationCode } from '../../lib/modules/catalog/domain-codes';

describe('catalog: activation codes (PROGRAM §9)', () => {
  const table: [string, string | null][] = [
    ['ABCDE-12345-FGHIJ-67890', 'ABCDE-12345-FGHIJ-67890'],
    ['abcde-12345-fghij-67890', 'ABCDE-12345-FGHIJ-67890'],
    ['  AbCdE-12345-fGhIj-67890 \t', 'ABCDE-12345-FGHIJ-67890'],
    ['ABCDE12345FGHIJ67890', 'ABCDE-12345-FGHIJ-67890'],
    ['00000-00000-00000-00000', '00000-00000-00000-00000'],
    ['ABCDE-12345-FGHIJ-6789', null],
    ['ABCDE-12345-FGHIJ-678901', null],
    ['ABCDE-12345-FGHIJ', null],
    ['ABCDE-12345-FGHIJ-67890-ABCDE', null],
    ['ABCDE_12345_FGHIJ_67890', null],
    ['ABCDE 12345 FGHIJ 67890', null],
    ['ABCDE-12345-FGHIJ-6789Ä', null],
    ['ABCDE-1234--FGHIJ-67890', null],
    ['ABCDE--12345-FGHIJ-6789', null],
    ['АВСDE-12345-FGHIJ-67890', null], // Cyrillic look-alikes are not Latin letters
    ['ABCDE12345FGHIJ6789', null],
  ];
  for (const [raw, expected] of table) {
    it(`${JSON.stringify(raw)} → ${expected ?? 'invalid'}`, () => {
      const r = parseActivationCode(raw);
      assert.deepEqual(r, expected ? { ok: true, code: expected } : { ok: false, reason: 'format' });
    });
  }
  it('empty and blank input is "empty", not "format"', () => {
    assert.deepEqual(parseActivationCode(''), { ok: false, reason: 'empty' });
    assert.deepEqual(parseActivationCode('   '), { ok: false, reason: 'empty' });
  });
  it('mask keeps only the first block', () => {
    assert.equal(maskActivationCode('ABCDE-12345-FGHIJ-67890' as ActivationCode), 'ABCDE-*****-*****-*****');
  });

  describe('parseCodeLines (paste or CSV)', () => {
    it('reports every line: ok, blank, invalid, duplicate within the file (case-insensitively)', () => {
      const text = 'code\r\nABCDE-12345-FGHIJ-67890\n\nabcde-12345-fghij-67890,KIS 2PC\n"QWERT-YUIOP-ASDFG-HJKLZ";x\nnope\rZXCVB-NMASD-FGHJK-LQWER\n';
      assert.deepEqual(parseCodeLines(text), [
        { line: 1, status: 'invalid', reason: 'format' },
        { line: 2, status: 'ok', code: 'ABCDE-12345-FGHIJ-67890' },
        { line: 3, status: 'blank' },
        { line: 4, status: 'duplicate-in-file', firstLine: 2 },
        { line: 5, status: 'ok', code: 'QWERT-YUIOP-ASDFG-HJKLZ' },
        { line: 6, status: 'invalid', reason: 'format' },
        { line: 7, status: 'ok', code: 'ZXCVB-NMASD-FGHJK-LQWER' },
      ]);
    });
    it('an empty text has no lines', () => {
      assert.deepEqual(parseCodeLines(''), []);
    });
  });
});
