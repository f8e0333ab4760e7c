// Client module `forum/bonus/game`: the box-code game (issue 18). The simulation is
// ./game/domain-sim.js, compiled from lib/modules/game/domain-sim.ts: the same module the server
// replays. This file only draws the state, reads the keyboard, mouse and touch, records one input
// per tick and sends the record at the end; the server's replay decides the score.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import * as sim from './game/domain-sim.js';

const STEP_MS = 1000 / sim.TICKS_PER_SECOND;
// the page's language: the counted texts the API writes ("6 plays left") are in it, not in the
// member's saved language where a page was opened in another (`?lang=`)
const LANG = encodeURIComponent((window.config && window.config.userLang) || document.documentElement.lang || 'en-GB');
const COLOURS = ['#e63946', '#f4a261', '#e9c46a', '#2a9d8f', '#48cae4', '#a78bfa'];

export function init() {
  const page = document.querySelector('[data-bonus-page="game"]');
  const canvas = page?.querySelector('[data-bonus="canvas"]');
  if (!page || !canvas) return;
  const ctx = canvas.getContext('2d');
  const el = (name) => page.querySelector(`[data-bonus="${name}"]`);
  const message = el('message');
  const startBtn = el('start');
  const giveUp = el('give-up');
  const resend = el('resend');
  const sound = el('sound');
  message.textContent = message.dataset.ready;

  let state = sim.newGame(1);
  let session = null;
  let inputs = [];
  let running = false;
  let last = 0;
  let acc = 0;
  // the input being held: a target x on the field, and a launch request
  let target = sim.WIDTH / 2;
  let keyDir = 0;
  let launchWanted = false;
  let audio = null;

  const beep = (freq) => {
    if (!sound.checked) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = freq;
      g.gain.value = 0.05;
      o.connect(g).connect(audio.destination);
      o.start();
      o.stop(audio.currentTime + 0.05);
    } catch { /* no sound */ }
  };

  const fieldX = (clientX) => {
    const r = canvas.getBoundingClientRect();
    return Math.max(0, Math.min(sim.WIDTH, Math.round(((clientX - r.left) / r.width) * sim.WIDTH)));
  };

  const draw = () => {
    ctx.fillStyle = '#14213d';
    ctx.fillRect(0, 0, sim.WIDTH, sim.HEIGHT);
    const left = Math.trunc((sim.WIDTH - (sim.COLS * sim.BRICK_W + (sim.COLS - 1) * sim.BRICK_GAP)) / 2);
    state.bricks.forEach((hits, i) => {
      if (!hits) return;
      const row = Math.trunc(i / sim.COLS);
      const col = i % sim.COLS;
      const x = left + col * (sim.BRICK_W + sim.BRICK_GAP);
      const y = sim.BRICK_TOP + row * (sim.BRICK_H + sim.BRICK_GAP);
      ctx.fillStyle = COLOURS[row % COLOURS.length];
      ctx.fillRect(x, y, sim.BRICK_W, sim.BRICK_H);
      if (hits > 1) {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, y + 1, sim.BRICK_W - 2, sim.BRICK_H - 2);
      }
    });
    ctx.fillStyle = '#f1faee';
    const px = state.paddleX / sim.FX;
    ctx.fillRect(px - sim.PADDLE_W / 2, sim.PADDLE_Y, sim.PADDLE_W, sim.PADDLE_H);
    ctx.beginPath();
    ctx.arc(state.ballX / sim.FX, state.ballY / sim.FX, sim.BALL_R, 0, Math.PI * 2);
    ctx.fill();
    el('score').textContent = String(state.score);
    el('lives').textContent = String(Math.max(0, state.lives));
    el('level').textContent = String(state.level);
  };

  // The record of a finished play, kept until the server has answered it: a submit that failed on
  // the way (the network, a server that stopped, "being submitted") can be sent again unchanged.
  let pending = null;

  const send = async () => {
    if (!pending) return;
    resend.classList.add('d-none');
    message.textContent = `${message.dataset.over}. ${message.dataset.checking}`;
    try {
      const res = await api.post(`/plugins/bonus/sellers/game/sessions/${pending.id}?lang=${LANG}`, pending.body);
      pending = null;
      const text = await translator.translate(`[[bonus:game.result, ${res.score}, ${res.pointsText}]]`);
      message.textContent = text;
      page.dataset.verified = String(res.score);
      page.dataset.localScore = String(state.score);
      alerts.success(text);
      if (res.claimDiffered) alerts.alert({ type: 'warning', message: '[[bonus:game.claim-differed]]' });
    } catch (err) {
      message.textContent = err.message || String(err);
      alerts.error(err.message || String(err));
      resend.classList.remove('d-none');
    }
    startBtn.disabled = Boolean(pending) || Number(page.querySelector('[data-bonus="plays-left"]')?.dataset.plays || 0) <= 0;
  };

  const finish = async () => {
    if (!session) return;
    running = false;
    pending = { id: session.id, body: { inputs: sim.encodeRuns(inputs), score: state.score } };
    session = null;
    giveUp.classList.add('d-none');
    await send();
  };

  resend.addEventListener('click', () => { send(); });

  const frame = (now) => {
    if (!running) return;
    acc += Math.min(250, now - last);
    last = now;
    while (acc >= STEP_MS && running) {
      acc -= STEP_MS;
      if (keyDir !== 0) target = Math.max(0, Math.min(sim.WIDTH, Math.round(state.paddleX / sim.FX) + keyDir * sim.PADDLE_SPEED));
      const input = target * 2 + (launchWanted ? 1 : 0);
      launchWanted = false;
      inputs.push(input);
      sim.step(state, input);
      if (state.event === 1) beep(660);
      else if (state.event === 2) beep(330);
      else if (state.event === 3) beep(120);
      else if (state.event === 4) beep(880);
      if (state.over) { draw(); finish(); return; }
    }
    // the launch hint only while the ball waits on the paddle
    const hint = state.held > 0 ? message.dataset.launch : '';
    if (message.textContent !== hint) message.textContent = hint;
    draw();
    window.requestAnimationFrame(frame);
  };

  startBtn.addEventListener('click', async () => {
    startBtn.disabled = true;
    try {
      session = await api.post(`/plugins/bonus/sellers/game/sessions?lang=${LANG}`, {});
    } catch (err) {
      alerts.error(err.message || String(err));
      startBtn.disabled = false;
      return;
    }
    const left = page.querySelector('[data-bonus="plays-left"]');
    if (left) {
      left.dataset.plays = String(session.playsLeft);
      left.textContent = await translator.translate(session.playsText);
    }
    state = sim.newGame(session.seed);
    inputs = [];
    target = sim.WIDTH / 2;
    running = true;
    giveUp.classList.remove('d-none');
    message.textContent = message.dataset.launch;
    canvas.focus();
    last = window.performance.now();
    acc = 0;
    window.requestAnimationFrame(frame);
  });
  giveUp.addEventListener('click', () => finish());

  // keyboard: arrows move, space launches
  canvas.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowLeft') { keyDir = -1; ev.preventDefault(); }
    else if (ev.key === 'ArrowRight') { keyDir = 1; ev.preventDefault(); }
    else if (ev.key === ' ' || ev.key === 'ArrowUp') { launchWanted = true; ev.preventDefault(); }
  });
  canvas.addEventListener('keyup', (ev) => {
    if ((ev.key === 'ArrowLeft' && keyDir < 0) || (ev.key === 'ArrowRight' && keyDir > 0)) keyDir = 0;
  });
  // mouse and touch (pointer events): the paddle follows, a press launches
  canvas.addEventListener('pointermove', (ev) => { keyDir = 0; target = fieldX(ev.clientX); });
  canvas.addEventListener('pointerdown', (ev) => { keyDir = 0; target = fieldX(ev.clientX); launchWanted = true; canvas.focus(); ev.preventDefault(); });
  draw();
}
