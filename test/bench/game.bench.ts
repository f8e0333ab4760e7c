/**
 * Issue 18's benchmark: verifying a game's replay (the server's domain-sim.ts replaying a recorded
 * game), in milliseconds per game, for 1, 2.5, 5 and 10 minutes of play (the limit), to show how it
 * grows with length. The record is the autopilot's (an input changing most ticks, the worst case for
 * the run-length encoding). Also callable alone: `node build/test/bench/game.bench.js`.
 */
import { autopilot, encodeRuns, newGame, replay, step, TICKS_PER_SECOND } from '../../lib/modules/game/domain-sim';

interface Row { name: string; backend: string; ms: number; ops: number; note?: string }

/** A record of `ticks` ticks that never ends early: the autopilot plays, a lost game is restarted on the next seed. */
function record(seed: number, ticks: number): { seed: number; runs: [number, number][] } {
  for (let s = seed; ; s += 1) {
    const state = newGame(s);
    const inputs: number[] = [];
    while (!state.over && inputs.length < ticks) {
      const input = autopilot(state, 12);
      inputs.push(input);
      step(state, input);
    }
    if (inputs.length === ticks) return { seed: s, runs: encodeRuns(inputs) };
  }
}

export async function gameBenchmarks(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const minutes of [1, 2.5, 5, 10]) {
    const ticks = Math.round(minutes * 60 * TICKS_PER_SECOND);
    const { seed, runs } = record(1000 + minutes * 10, ticks);
    replay(seed, runs); // warm-up
    const games = minutes >= 5 ? 20 : 50;
    const t0 = process.hrtime.bigint();
    let score = 0;
    for (let i = 0; i < games; i += 1) score = replay(seed, runs).score;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    rows.push({ name: `replay ${minutes} min (${ticks} ticks, ${runs.length} runs)`, backend: 'cpu', ms, ops: games, note: `${(ms / games).toFixed(2)} ms per game; score ${score}` });
  }
  return rows;
}

if (require.main === module) {
  void gameBenchmarks().then((rows) => console.table(rows.map((r) => ({ benchmark: r.name, 'ms/game': (r.ms / r.ops).toFixed(2), note: r.note }))));
}
