/**
 * Issue 18 item 4: the game's simulation is deterministic (same seed and inputs, same score;
 * different inputs, a different game), its replay refuses malformed records, and the browser's
 * module (static/client/bonus/game/domain-sim.js) is the same source compiled: byte-for-byte what
 * tsconfig.game.json emits now, and it computes the same scores as Node's module.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeRuns, MAX_TICKS, newGame, pointsFor, replay, step, TICKS_PER_SECOND } from '../../lib/modules/game/domain-sim';
import { playScripted } from './play';

const ROOT = path.join(__dirname, '../../..');

describe('game simulation (domain-sim.ts)', () => {
  it('same seed and inputs give the same score; other inputs or another seed another game', () => {
    const a = playScripted(12345, 20, 60 * 60);
    const b = playScripted(12345, 20, 60 * 60);
    assert.deepEqual(a, b);
    assert.ok(a.score > 0, 'the autopilot breaks bricks');
    const again = replay(12345, encodeRuns(a.inputs));
    assert.equal(again.ok, true);
    assert.equal(again.score, a.score);
    assert.equal(again.ticks, a.inputs.length);
    const other = playScripted(12345, 45, 60 * 60);
    assert.notDeepEqual(other.inputs, a.inputs);
    assert.notEqual(other.score, a.score);
    // the same inputs on another seed: another layout, another game
    assert.notEqual(replay(999, encodeRuns(a.inputs.slice(0, 600))).score, replay(12345, encodeRuns(a.inputs.slice(0, 600))).score);
  });

  it('one changed input changes the game the replay computes', () => {
    const a = playScripted(77, 10, 60 * 30);
    const tampered = [...a.inputs];
    for (let i = 100; i < 400; i += 1) tampered[i] = 0; // the paddle sent away to the left
    const r = replay(77, encodeRuns(tampered));
    // the ball is lost sooner: either the record runs on after the game's end (refused) or scores otherwise
    assert.ok(!r.ok ? r.reason === 'after-end' : r.score !== a.score, JSON.stringify(r));
  });

  it('malformed records are refused: a bad input, a bad count, too long, inputs after the end', () => {
    assert.equal(replay(1, [[1, -1]]).reason, 'bad-input');
    assert.equal(replay(1, [[1, 641.5]]).reason, 'bad-input');
    assert.equal(replay(1, [[1, 10_000]]).reason, 'bad-input');
    assert.equal(replay(1, [[0, 10]]).reason, 'bad-input');
    assert.equal(replay(1, [[1.5, 10]]).reason, 'bad-input');
    assert.equal(replay(1, [[1, 10, 3] as unknown as [number, number]]).reason, 'bad-input');
    assert.equal(replay(1, ['x' as unknown as [number, number]]).reason, 'bad-input');
    assert.equal(replay(1, [[MAX_TICKS + 1, 2]]).reason, 'too-long');
    // the paddle parked at the far left: the game ends, and more inputs after it are refused
    const lost = replay(1, [[MAX_TICKS, 0]]);
    assert.equal(lost.reason, 'after-end');
    const state = newGame(1);
    let ticks = 0;
    while (!state.over) { step(state, 0); ticks += 1; }
    assert.ok(ticks < 60 * TICKS_PER_SECOND);
    const ended = replay(1, [[ticks, 0]]);
    assert.equal(ended.ok, true);
    assert.equal(ended.over, true);
    assert.equal(replay(1, [[ticks, 0], [1, 0]]).reason, 'after-end');
  });

  it('pays floor(score / divisor)', () => {
    assert.equal(pointsFor(0, 10), 0);
    assert.equal(pointsFor(9, 10), 0);
    assert.equal(pointsFor(1239, 10), 123);
    assert.equal(pointsFor(1239, 1), 1239);
  });

  it('the browser module is domain-sim.ts compiled now, and scores as Node does', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'game-sim-'));
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.game.json'), '--outDir', out], { cwd: ROOT });
      const fresh = fs.readFileSync(path.join(out, 'domain-sim.js'), 'utf8');
      const served = fs.readFileSync(path.join(ROOT, 'static/client/bonus/game/domain-sim.js'), 'utf8');
      assert.equal(served, fresh, 'static/client/bonus/game/domain-sim.js is out of date: run npm run build');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
    const load = new Function('u', 'return import(u)') as (u: string) => Promise<{ replay: typeof replay }>;
    const browser = await load(pathToFileURL(path.join(ROOT, 'static/client/bonus/game/domain-sim.js')).href);
    for (const [seed, skill] of [[5, 0], [6, 25], [4_000_000_000, 40]]) {
      const game = playScripted(seed, skill, 60 * 120);
      const runs = encodeRuns(game.inputs);
      assert.deepEqual(browser.replay(seed, runs), replay(seed, runs));
      assert.equal(browser.replay(seed, runs).score, game.score);
    }
  });
});
