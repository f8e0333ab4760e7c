/**
 * The retail sellers' programme (PROGRAM §9, issue 16): pure rules. Time is a parameter.
 */
import { DateTime } from 'luxon';
import { parseActivationCode, type ActivationCode } from '../catalog';

export interface RetailProduct {
  id: string;
  /** Admin-written name: shown escaped, never a translation key. */
  name: string;
  points: number;
  /** registry: the code must be in the imported list, credited at once; review: pending until an admin decides. */
  mode: 'registry' | 'review';
}

export const DEFAULT_RETAIL_PRODUCTS: readonly RetailProduct[] = [
  { id: 'kis-2', name: 'Kaspersky Internet Security для всех устройств, 2 ПК', points: 20, mode: 'review' },
  { id: 'kis-3', name: 'Kaspersky Internet Security для всех устройств, 3 ПК', points: 20, mode: 'review' },
];

export interface RetailLimits {
  registrationsPerDay: number;
  failuresPerHour: number;
}

export const DEFAULT_LIMITS: RetailLimits = { registrationsPerDay: 30, failuresPerHour: 10 };

/** Refusals of one registration, each with its own message `bonus:retail.refusal.{code}`. */
export const SALE_REFUSALS = [
  'malformed', 'unknown-product', 'blacklisted', 'already-registered', 'not-in-registry',
  'daily-limit', 'cooling-down', 'not-a-seller',
] as const;
export type SaleRefusal = (typeof SALE_REFUSALS)[number];

/** A box code as typed: any case, hyphens optional, spaces anywhere ignored. */
export function normaliseBoxCode(raw: string): ActivationCode | null {
  const parsed = parseActivationCode(raw.replace(/\s+/g, ''));
  if (parsed.ok) return parsed.code;
  // Hyphens in odd places ("ABCDE-FGHIJKLMNO-PQRST") are still four blocks once removed.
  const bare = parseActivationCode(raw.replace(/[\s-]+/g, ''));
  return bare.ok ? bare.code : null;
}

/** The lines of a pasted block, blank ones dropped, each with its 1-based line number. */
export function pastedLines(text: string): { line: number; raw: string }[] {
  return text.split(/\r?\n/).map((raw, i) => ({ line: i + 1, raw: raw.trim() })).filter((l) => l.raw !== '');
}

/** The day (yyyy-mm-dd in the club's time zone; UTC if it is not given or not valid) and hour buckets of the limits. */
export function dayBucket(now: number, timeZone = 'utc'): string {
  const local = DateTime.fromMillis(now, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(now, { zone: 'utc' })).toFormat('yyyy-MM-dd');
}

export function hourBucket(now: number): string {
  return DateTime.fromMillis(now, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH");
}

/** Whether an instant registration is spot-checked: a deterministic share by the sale id. */
export function isSpotChecked(saleId: number, sharePercent: number): boolean {
  if (sharePercent <= 0) return false;
  if (sharePercent >= 100) return true;
  return ((saleId * 2654435761) >>> 0) % 100 < sharePercent;
}
