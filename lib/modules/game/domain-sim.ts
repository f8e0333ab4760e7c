/**
 * The box-code game's simulation (issue 18 items 3–4): a brick-breaker, pure and deterministic.
 *
 * The browser runs THIS file (compiled to static/client/bonus/game/domain-sim.js by tsconfig.game.json,
 * from the same source) and the server replays a session's inputs with it, so both compute the same
 * score. Rules that keep it deterministic on every engine:
 * - integers only: positions and speeds in 1/256 of a field pixel (FX), integer division truncates;
 * - a fixed tick (60 a second of play): the clock never enters, one input per tick;
 * - randomness from a seeded PRNG (mulberry32 on 32-bit integer operations), never Math.random.
 *
 * An input is one integer per tick: `target * 2 + launch`, where `target` is the field x (0..WIDTH)
 * the paddle moves towards at most PADDLE_SPEED a tick and `launch` (0/1) releases a held ball.
 * This file imports nothing, so that it compiles alone to an ES module for the browser.
 */

export const WIDTH = 320;
export const HEIGHT = 480;
export const TICKS_PER_SECOND = 60;
/** The longest replay the server verifies: 10 minutes of play. */
export const MAX_TICKS = TICKS_PER_SECOND * 600;
/** Fixed point: 1 field pixel = 256 units. */
export const FX = 256;
export const COLS = 8;
export const ROWS = 6;
export const BRICK_W = 36;
export const BRICK_H = 14;
export const BRICK_GAP = 4;
export const BRICK_TOP = 48;
export const PADDLE_W = 56;
export const PADDLE_H = 8;
export const PADDLE_Y = HEIGHT - 32;
export const PADDLE_SPEED = 8;
export const BALL_R = 4;
export const LIVES = 3;
/** A held ball is launched by itself after 3 seconds, so an idle game ends. */
export const AUTO_LAUNCH = TICKS_PER_SECOND * 3;
const BASE_SPEED = 3 * FX;
const MAX_SPEED = 6 * FX;
const MAX_INPUT = WIDTH * 2 + 1;

export interface SimState {
  seed: number;
  rng: number;
  tick: number;
  level: number;
  lives: number;
  score: number;
  /** Hits left per brick (0 = gone), row by row. */
  bricks: number[];
  paddleX: number;
  ballX: number;
  ballY: number;
  vx: number;
  vy: number;
  /** The ball rides the paddle until launched (ticks held so far). */
  held: number;
  over: boolean;
  /** Something happened this tick the browser may sound: 0 none, 1 brick, 2 paddle, 3 life lost, 4 level cleared. */
  event: number;
}

/** mulberry32: the next 32-bit state and a value in [0, 2^32). */
function nextRandom(state: SimState): number {
  state.rng = (state.rng + 0x6d2b79f5) | 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

function layLevel(state: SimState): void {
  const bricks: number[] = [];
  for (let row = 0; row < ROWS; row += 1) {
    for (let col = 0; col < COLS; col += 1) {
      const r = nextRandom(state) % 100;
      // stronger bricks appear as levels go up; a few gaps make every layout different
      const hits = r < 8 ? 0 : r < 8 + Math.min(40, state.level * 8) ? 2 : 1;
      bricks.push(hits);
    }
  }
  if (!bricks.some((b) => b > 0)) bricks[0] = 1;
  state.bricks = bricks;
}

function holdBall(state: SimState): void {
  state.held = 1;
  state.ballX = state.paddleX;
  state.ballY = (PADDLE_Y - BALL_R - 1) * FX;
  state.vx = 0;
  state.vy = 0;
}

/** A new game from a session's seed (a 32-bit unsigned integer). */
export function newGame(seed: number): SimState {
  const state: SimState = {
    seed: seed >>> 0, rng: seed | 0, tick: 0, level: 1, lives: LIVES, score: 0, bricks: [],
    paddleX: (WIDTH / 2) * FX, ballX: 0, ballY: 0, vx: 0, vy: 0, held: 0, over: false, event: 0,
  };
  layLevel(state);
  holdBall(state);
  return state;
}

function speedOf(level: number): number {
  return Math.min(MAX_SPEED, BASE_SPEED + (level - 1) * (FX / 2));
}

function launch(state: SimState): void {
  const speed = speedOf(state.level);
  // a seeded sideways component: left or right, a third to two thirds of the speed
  const side = (nextRandom(state) % 2) === 0 ? -1 : 1;
  const vx = side * Math.trunc((speed * (33 + (nextRandom(state) % 34))) / 100);
  state.vx = vx;
  state.vy = -(speed - Math.trunc(Math.abs(vx) / 2));
  state.held = 0;
}

/** The brick under a field point (units), or -1. */
function brickAt(state: SimState, x: number, y: number): number {
  const px = Math.trunc(x / FX);
  const py = Math.trunc(y / FX);
  if (py < BRICK_TOP || px < 0 || px >= WIDTH) return -1;
  const left = Math.trunc((WIDTH - (COLS * BRICK_W + (COLS - 1) * BRICK_GAP)) / 2);
  const cx = px - left;
  const cy = py - BRICK_TOP;
  if (cx < 0) return -1;
  const col = Math.trunc(cx / (BRICK_W + BRICK_GAP));
  const row = Math.trunc(cy / (BRICK_H + BRICK_GAP));
  if (col >= COLS || row >= ROWS) return -1;
  if (cx % (BRICK_W + BRICK_GAP) >= BRICK_W || cy % (BRICK_H + BRICK_GAP) >= BRICK_H) return -1;
  const i = row * COLS + col;
  return state.bricks[i] > 0 ? i : -1;
}

/** Hits the brick at one of the ball's edge points; true if one was hit. */
function hitBrick(state: SimState, points: [number, number][]): boolean {
  for (const [x, y] of points) {
    const i = brickAt(state, x, y);
    if (i < 0) continue;
    state.bricks[i] -= 1;
    if (state.bricks[i] === 0) {
      const row = Math.trunc(i / COLS);
      state.score += (ROWS - row) * 10 * state.level;
    }
    state.event = 1;
    return true;
  }
  return false;
}

/** Is an input a valid tick input? */
export function validInput(input: unknown): input is number {
  return typeof input === 'number' && Number.isInteger(input) && input >= 0 && input <= MAX_INPUT;
}

/** One simulation tick with this tick's input. Mutates and returns the state; a finished game stays as it is. */
export function step(state: SimState, input: number): SimState {
  if (state.over) return state;
  state.event = 0;
  state.tick += 1;
  const target = Math.min(WIDTH, Math.max(0, input >> 1)) * FX;
  const wantsLaunch = (input & 1) === 1;
  // the paddle
  const half = (PADDLE_W / 2) * FX;
  const delta = Math.max(-PADDLE_SPEED * FX, Math.min(PADDLE_SPEED * FX, target - state.paddleX));
  state.paddleX = Math.max(half, Math.min(WIDTH * FX - half, state.paddleX + delta));
  if (state.held > 0) {
    state.ballX = state.paddleX;
    state.held += 1;
    if (wantsLaunch || state.held > AUTO_LAUNCH) launch(state);
    return state;
  }
  const r = BALL_R * FX;
  // x then y, each checked against the walls and the bricks at the leading edge
  state.ballX += state.vx;
  if (state.ballX < r) { state.ballX = r; state.vx = -state.vx; }
  if (state.ballX > WIDTH * FX - r) { state.ballX = WIDTH * FX - r; state.vx = -state.vx; }
  const edgeX = state.vx > 0 ? state.ballX + r : state.ballX - r;
  if (hitBrick(state, [[edgeX, state.ballY - r + FX], [edgeX, state.ballY + r - FX]])) {
    state.ballX -= state.vx;
    state.vx = -state.vx;
  }
  state.ballY += state.vy;
  if (state.ballY < r) { state.ballY = r; state.vy = -state.vy; }
  const edgeY = state.vy > 0 ? state.ballY + r : state.ballY - r;
  if (hitBrick(state, [[state.ballX - r + FX, edgeY], [state.ballX + r - FX, edgeY]])) {
    state.ballY -= state.vy;
    state.vy = -state.vy;
  }
  // the paddle: the bounce's angle follows where the ball meets it
  const top = PADDLE_Y * FX;
  if (state.vy > 0 && state.ballY + r >= top && state.ballY + r <= top + PADDLE_H * FX + Math.abs(state.vy)
    && state.ballX >= state.paddleX - half - r && state.ballX <= state.paddleX + half + r) {
    const speed = speedOf(state.level);
    const offset = Math.max(-half, Math.min(half, state.ballX - state.paddleX));
    const vx = Math.trunc((offset * Math.trunc((speed * 3) / 4)) / half);
    state.vx = vx === 0 ? (nextRandom(state) % 2 === 0 ? -FX / 4 : FX / 4) : vx;
    state.vy = -Math.max(FX, speed - Math.trunc(Math.abs(state.vx) / 2));
    state.ballY = top - r;
    state.event = 2;
  }
  // lost below the paddle
  if (state.ballY - r > HEIGHT * FX) {
    state.lives -= 1;
    state.event = 3;
    if (state.lives <= 0) {
      state.over = true;
      return state;
    }
    holdBall(state);
  }
  if (!state.bricks.some((b) => b > 0)) {
    state.level += 1;
    state.score += 100 * (state.level - 1);
    state.event = 4;
    layLevel(state);
    holdBall(state);
  }
  if (state.tick >= MAX_TICKS) state.over = true;
  return state;
}

export interface ReplayOutcome {
  ok: boolean;
  /** Why a replay is malformed: `too-long`, `bad-input`, `after-end`. */
  reason: string;
  score: number;
  ticks: number;
  level: number;
  over: boolean;
}

/**
 * Replays a whole game: inputs run-length encoded as `[count, input]` pairs. Malformed when an input
 * is invalid, a count is not a positive integer, the ticks exceed MAX_TICKS, or inputs continue after
 * the game ended. A game may stop before it is over (the player gave up): its score so far counts.
 */
export function replay(seed: number, runs: readonly (readonly [number, number])[]): ReplayOutcome {
  const state = newGame(seed);
  let total = 0;
  for (const run of runs) {
    if (!Array.isArray(run) || run.length !== 2) return { ok: false, reason: 'bad-input', score: 0, ticks: 0, level: 0, over: false };
    const [count, input] = run;
    if (!Number.isInteger(count) || count < 1 || !validInput(input)) return { ok: false, reason: 'bad-input', score: 0, ticks: 0, level: 0, over: false };
    total += count;
    if (total > MAX_TICKS) return { ok: false, reason: 'too-long', score: 0, ticks: 0, level: 0, over: false };
    for (let i = 0; i < count; i += 1) {
      if (state.over) return { ok: false, reason: 'after-end', score: 0, ticks: 0, level: 0, over: false };
      step(state, input);
    }
  }
  return { ok: true, reason: '', score: state.score, ticks: state.tick, level: state.level, over: state.over };
}

/** Run-length encodes per-tick inputs (what the browser sends). */
export function encodeRuns(inputs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const input of inputs) {
    const last = out[out.length - 1];
    if (last && last[1] === input) last[0] += 1;
    else out.push([1, input]);
  }
  return out;
}

/** Game points to programme points: floor(score / divisor). */
export function pointsFor(score: number, divisor: number): number {
  return divisor > 0 ? Math.floor(score / divisor) : 0;
}

/**
 * A scripted player for tests, the benchmark and the sandbox: follows the ball (its x plus a
 * per-game offset), launches at once. Deterministic from the state alone.
 */
export function autopilot(state: SimState, skill: number): number {
  const aim = Math.trunc(state.ballX / FX) + ((state.tick >> 5) % 2 === 0 ? skill : -skill);
  return Math.max(0, Math.min(WIDTH, aim)) * 2 + 1;
}
