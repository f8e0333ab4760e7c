/**
 * The sellers' monthly prize draw (seed 004 §6.3, issue 17 items 5–8): pure rules. No clock, no I/O.
 *
 * The frozen list: a category's participants in a published order (the time of their first accepted
 * sale of the month, then member id), written one per line as `position uid username`; its SHA-256
 * (hex, UTF-8, lines joined by "\n") is published before any rate is known.
 *
 * The rules' formula: position = round(N / prizes × kopecks / 100), rounded half up, where N is the
 * list's length and `kopecks` the first two decimals of the USD/RUB rate ("the fractional part is the
 * number of kopecks in the rate, e.g. 0.12"). Worked in integers so that no float rounds it:
 * position = floor((2·N·kopecks + 100·prizes) / (200·prizes)).
 *
 * Positions are read round the list: position p is participant ((p − 1) mod N) + 1, so position 0
 * (few kopecks) is the LAST participant, and a position past the end (impossible while prizes ≥ 1,
 * stated for completeness) counts on from the first.
 *
 * The fair mode: seed = SHA-256(`${rate}|${listHash}`); for i = 0, 1, … take the first six bytes of
 * SHA-256(`${seed}|${i}`) as an integer x < 2^48, drop x ≥ limit = 2^48 − (2^48 mod N) (rejection
 * sampling, so every position is equally likely), and the position is (x mod N) + 1.
 *
 * A winner who is not eligible (annulled, banned) is replaced by the next participant in the list
 * after them, going round, skipping the ineligible: the same for everyone who recomputes it.
 */
import { createHash } from 'node:crypto';

export type DrawMode = 'rules' | 'fair';
export const DRAW_MODES: readonly DrawMode[] = ['rules', 'fair'];

export interface Participant {
  uid: number;
  username: string;
  /** The time of their first accepted sale of the month. */
  firstSaleAt: number;
}

/** The published order: first accepted sale of the month, then member id. */
export function freezeOrder(participants: readonly Participant[]): Participant[] {
  return [...participants].sort((a, b) => a.firstSaleAt - b.firstSaleAt || a.uid - b.uid);
}

/** The list as published and hashed: `position uid username`, one per line. */
export function listText(list: readonly Pick<Participant, 'uid' | 'username'>[]): string {
  return list.map((p, i) => `${i + 1} ${p.uid} ${p.username}`).join('\n');
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function listHash(list: readonly Pick<Participant, 'uid' | 'username'>[]): string {
  return sha256(listText(list));
}

/** A rate as entered: digits, a point or comma, up to four decimals ("92.5123", "92,51"); normalised, or null. */
export function parseRate(raw: string): string | null {
  const m = /^\s*(\d{1,4})(?:[.,](\d{1,4}))?\s*$/.exec(raw);
  if (!m) return null;
  const whole = String(Number(m[1]));
  const frac = (m[2] ?? '').padEnd(4, '0');
  if (whole === '0' && /^0+$/.test(frac)) return null;
  return `${whole}.${frac}`;
}

/** The rate's kopecks: its first two decimals (0–99). */
export function kopecks(rate: string): number {
  const frac = (rate.split('.')[1] ?? '').padEnd(2, '0');
  return Number(frac.slice(0, 2));
}

/** The formula's raw position (0…N), round half up, in integers. */
export function rulesPosition(n: number, prizes: number, kop: number): number {
  if (n <= 0 || prizes <= 0) return 0;
  return Math.floor((2 * n * kop + 100 * prizes) / (200 * prizes));
}

/** A raw position read round the list (1…N): 0 is the last participant, past the end counts on from the first. */
export function wrapPosition(raw: number, n: number): number {
  return ((((raw - 1) % n) + n) % n) + 1;
}

/** The fair mode's position (1…N) and how many draws the rejection sampling took. */
export function fairPosition(n: number, rate: string, hash: string): { position: number; tries: number } {
  const seed = sha256(`${rate}|${hash}`);
  const span = 2 ** 48;
  const limit = span - (span % n);
  for (let i = 0; ; i += 1) {
    const x = parseInt(sha256(`${seed}|${i}`).slice(0, 12), 16);
    if (x < limit) return { position: (x % n) + 1, tries: i + 1 };
  }
}

export interface DrawOutcome {
  mode: DrawMode;
  n: number;
  kopecks: number;
  /** The formula's raw value (rules mode), before it is read round the list. */
  raw: number;
  /** The drawn position (1…N). */
  position: number;
  /** The winner's position after any re-draw (1…N), or 0 when nobody is eligible. */
  winnerPosition: number;
  /** Positions passed over because their participant was not eligible. */
  skipped: number[];
}

/**
 * The draw for one category. `eligible(position)` says whether the participant at a position
 * (1-based) may still win; an ineligible one is replaced by the next one round the list.
 */
export function draw(mode: DrawMode, n: number, prizes: number, rate: string, hash: string, eligible: (position: number) => boolean = () => true): DrawOutcome {
  const kop = kopecks(rate);
  const raw = mode === 'rules' ? rulesPosition(n, prizes, kop) : 0;
  const position = n === 0 ? 0 : mode === 'rules' ? wrapPosition(raw, n) : fairPosition(n, rate, hash).position;
  const skipped: number[] = [];
  let winnerPosition = 0;
  for (let i = 0; i < n; i += 1) {
    const p = wrapPosition(position + i, n);
    if (eligible(p)) { winnerPosition = p; break; }
    skipped.push(p);
  }
  return { mode, n, kopecks: kop, raw, position, winnerPosition, skipped };
}

/** The positions (1…N) the rules' formula can never draw for this list, whatever the rate's kopecks. */
export function neverWinning(n: number, prizes: number): number[] {
  const reachable = new Set<number>();
  for (let kop = 0; kop < 100; kop += 1) reachable.add(wrapPosition(rulesPosition(n, prizes, kop), n));
  const out: number[] = [];
  for (let p = 1; p <= n; p += 1) if (!reachable.has(p)) out.push(p);
  return out;
}

/** Consecutive positions as ranges for display: [2,3,4,7] → "2–4, 7". */
export function positionRanges(positions: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < positions.length; i += 1) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j] + 1) j += 1;
    out.push(i === j ? String(positions[i]) : `${positions[i]}–${positions[j]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * A short program anyone can run (`node -e`) with the published list pasted into list.txt: it
 * checks the hash and prints the position the chosen mode draws.
 */
export function recomputeSnippet(mode: DrawMode, prizes: number, rate: string): string {
  const common = `const c=require('crypto'),h=s=>c.createHash('sha256').update(s,'utf8').digest('hex');`
    + `const t=require('fs').readFileSync('list.txt','utf8').trim().replace(/\\r/g,''),n=t.split('\\n').length,rate='${rate}';`
    + `console.log('hash',h(t));`;
  if (mode === 'rules') {
    return `node -e "${common}const k=Number(rate.split('.')[1].slice(0,2)),raw=Math.floor((2*n*k+100*${prizes})/(200*${prizes}));console.log('position',((raw-1)%n+n)%n+1)"`;
  }
  return `node -e "${common}const s=h(rate+'|'+h(t)),L=2**48-2**48%n;for(let i=0;;i++){const x=parseInt(h(s+'|'+i).slice(0,12),16);if(x<L){console.log('position',x%n+1);break}}"`;
}
