/** A scripted game for tests, the bench and the sandbox: the autopilot's inputs until the game ends or `maxTicks`. */
import { autopilot, newGame, step } from '../../lib/modules/game/domain-sim';

export function playScripted(seed: number, skill: number, maxTicks: number): { inputs: number[]; score: number; over: boolean } {
  const state = newGame(seed);
  const inputs: number[] = [];
  while (!state.over && inputs.length < maxTicks) {
    const input = autopilot(state, skill);
    inputs.push(input);
    step(state, input);
  }
  return { inputs, score: state.score, over: state.over };
}
