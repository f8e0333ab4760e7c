/**
 * Issue 17 items 6–8: the draw's pure rules. The frozen list's order and hash are stable; the
 * rules' formula (round half up, in integers) by a table including position 0, exact halves,
 * N < 100 and N > 100; the positions it can never draw; the fair mode is uniform (chi-squared over
 * many seeds); the published snippet computes the same position as the plugin.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  draw, fairPosition, freezeOrder, kopecks, listHash, listText, neverWinning, parseRate, positionRanges,
  recomputeSnippet, rulesPosition, sha256, wrapPosition,
} from '../../lib/modules/events/domain-draw';

const people = (n: number) => Array.from({ length: n }, (_, i) => ({ uid: 100 + i, username: `seller${i + 1}`, firstSaleAt: 1_000 + i }));

describe('prize draw: the rules', () => {
  it('freezes in the published order (first sale, then member id) with a stable SHA-256', () => {
    const list = freezeOrder([
      { uid: 9, username: 'b', firstSaleAt: 20 }, { uid: 3, username: 'a', firstSaleAt: 20 }, { uid: 5, username: 'c', firstSaleAt: 10 },
    ]);
    assert.deepEqual(list.map((p) => p.uid), [5, 3, 9]);
    assert.equal(listText(list), '1 5 c\n2 3 a\n3 9 b');
    assert.equal(listHash(list), sha256('1 5 c\n2 3 a\n3 9 b'));
    // the same participants in another input order: the same list and hash
    assert.equal(listHash(freezeOrder([...list].reverse())), listHash(list));
    assert.match(listHash(list), /^[0-9a-f]{64}$/);
  });

  it('reads the rate and its kopecks', () => {
    assert.equal(parseRate('92.5123'), '92.5123');
    assert.equal(parseRate('92,5'), '92.5000');
    assert.equal(parseRate(' 101.07 '), '101.0700');
    for (const bad of ['', 'abc', '92.51234', '-1', '0', '1e3', '92..1']) assert.equal(parseRate(bad), null, bad);
    assert.equal(kopecks('92.5123'), 51);
    assert.equal(kopecks('92.0700'), 7);
  });

  it('the formula table: round(N / prizes × kopecks / 100), half up; 0 is the last participant', () => {
    const table: [n: number, prizes: number, kop: number, raw: number][] = [
      [10, 1, 0, 0], // no kopecks: position 0
      [10, 1, 4, 0], // 0.4 → 0
      [10, 1, 5, 1], // 0.5 → 1 (half up)
      [10, 1, 15, 2], // 1.5 → 2
      [10, 1, 25, 3], // 2.5 → 3 (not banker's 2)
      [10, 1, 99, 10], // 9.9 → 10
      [50, 1, 51, 26], // 25.5 → 26
      [7, 1, 50, 4], // 3.5 → 4
      [250, 1, 51, 128], // 127.5 → 128
      [250, 1, 99, 248], // 247.5 → 248
      [40, 4, 12, 1], // 40 / 4 × 0.12 = 1.2 → 1
      [40, 4, 25, 3], // 2.5 → 3
    ];
    for (const [n, prizes, kop, raw] of table) assert.equal(rulesPosition(n, prizes, kop), raw, `${n}/${prizes}×0.${kop}`);
    assert.equal(wrapPosition(0, 10), 10, 'position 0 is the last participant');
    assert.equal(wrapPosition(11, 10), 1, 'past the end counts on from the first');
    assert.equal(draw('rules', 10, 1, '92.0000', 'h').position, 10);
    assert.equal(draw('rules', 10, 1, '92.2500', 'h').position, 3);
  });

  it('which positions can never win: none missing below 100 participants; most of them above 100', () => {
    assert.deepEqual(neverWinning(10, 1), []);
    assert.deepEqual(neverWinning(99, 1), []);
    const big = neverWinning(250, 1);
    assert.equal(big.length, 250 - 100, 'only 100 kopeck values: at most 100 positions can win');
    assert.ok(big.includes(2) && !big.includes(3), '2.5 kopecks do not exist: 250 × 0.01 = 2.5 → 3');
    assert.equal(positionRanges([2, 3, 4, 7, 9, 10]), '2–4, 7, 9–10');
    assert.deepEqual(neverWinning(40, 4).slice(0, 3), [11, 12, 13], 'with 4 prizes positions past N/4 never win');
  });

  it('an ineligible winner is replaced by the next participant round the list', () => {
    const out = draw('rules', 10, 1, '92.9900', 'h', (p) => p !== 10 && p !== 1);
    assert.equal(out.position, 10);
    assert.deepEqual(out.skipped, [10, 1]);
    assert.equal(out.winnerPosition, 2);
    assert.equal(draw('rules', 3, 1, '92.5000', 'h', () => false).winnerPosition, 0, 'nobody eligible: no winner');
  });

  it('the fair mode is uniform: chi-squared over 20 000 seeds stays under the 0.1% critical value', () => {
    const n = 7;
    const counts = new Array<number>(n).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i += 1) counts[fairPosition(n, `9${i % 10}.${String(i).padStart(4, '0').slice(-4)}`, sha256(`list ${i}`)).position - 1] += 1;
    const expected = draws / n;
    const chi2 = counts.reduce((sum, c) => sum + ((c - expected) ** 2) / expected, 0);
    // 6 degrees of freedom: P(χ² > 22.46) = 0.001
    assert.ok(chi2 < 22.46, `χ² = ${chi2.toFixed(2)} for ${counts.join(', ')}`);
    assert.ok(counts.every((c) => c > 0));
  });

  it('the published snippet recomputes the same position (both modes) from the list as published', function () {
    this.timeout(30_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'bonus-draw-'));
    for (const n of [1, 7, 120]) {
      const list = freezeOrder(people(n));
      writeFileSync(path.join(dir, 'list.txt'), `${listText(list)}\n`);
      for (const mode of ['rules', 'fair'] as const) {
        for (const rate of ['92.5123', '101.0700', '88.0000']) {
          const snippet = recomputeSnippet(mode, 1, rate);
          const code = /^node -e "(.*)"$/s.exec(snippet)![1];
          const out = execFileSync(process.execPath, ['-e', code], { cwd: dir, encoding: 'utf8' });
          assert.match(out, new RegExp(`hash ${listHash(list)}`));
          assert.match(out, new RegExp(`position ${draw(mode, n, 1, rate, listHash(list)).position}\\n`), `${mode} ${n} ${rate}: ${out}`);
        }
      }
    }
  });
});
