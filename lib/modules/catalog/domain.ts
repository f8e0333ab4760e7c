/**
 * The store catalog's model (PROGRAM §5, seed 004): products of four kinds, text in both
 * languages, prices in whole points, visibility, sort order, stock modes and size variants.
 * Pure: the store persists these shapes, services validate input into them.
 */
import type { CountryCode } from '../../kernel/countries';
import type { Programme } from '../../kernel/programmes';

export const PRODUCT_KINDS = ['license', 'souvenir', 'gift-card', 'mobile-top-up'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const VISIBILITIES = ['draft', 'on-sale', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** unlimited: never runs out; counted: an atomic counter; manual: the admin says in or out of stock. */
export const STOCK_MODES = ['unlimited', 'counted', 'manual'] as const;
export type StockMode = (typeof STOCK_MODES)[number];

/** PROGRAM §7. `battery-electronics` = electronics with a non-removable battery (on the Russia-only list). */
export const DELIVERY_CLASSES = ['none', 'clothing', 'shoes', 'battery-electronics', 'ships-without-battery', 'russia-only'] as const;
export type DeliveryClass = (typeof DELIVERY_CLASSES)[number];

export const CATALOG_LANGUAGES = ['en-GB', 'ru'] as const;
export type CatalogLanguage = (typeof CATALOG_LANGUAGES)[number];
export type LocalizedText = Record<CatalogLanguage, string>;

export const LIMIT_SCOPES = ['product', 'category'] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

/** At most `maxUnits` within `months` calendar months per member (rolling window). */
export interface PurchaseLimit {
  maxUnits: number;
  months: number;
  scope: LimitScope;
}

/** A size (or other option) with its own stock. `id` is stable; `label` is shown as is (S, M, XL, 42). */
export interface Variant {
  id: string;
  label: string;
  /** manual stock mode only */
  inStock: boolean;
}

/** Mobile top-up: the member picks an amount; price = amount (1 point = 1 rouble, seed 004). */
export interface TopUpRule {
  minAmount: number;
  stepAmount: number;
  maxAmount: number;
}

export interface Product {
  id: number;
  kind: ProductKind;
  /** Whose points pay for it (PROGRAM §9): club products for every member, sellers' prizes for active sellers only. */
  programme: Programme;
  title: LocalizedText;
  description: LocalizedText;
  images: string[];
  /** For a mobile top-up, the price of one unit is the chosen amount, and this is 0. */
  priceInPoints: number;
  categoryId: number | null;
  visibility: Visibility;
  sortOrder: number;
  stockMode: StockMode;
  /** manual stock mode, products without variants */
  inStock: boolean;
  variants: Variant[];
  deliveryClass: DeliveryClass;
  /** Empty = everywhere the global rules allow. */
  allowedCountries: CountryCode[];
  forbiddenCountries: CountryCode[];
  limit: PurchaseLimit | null;
  /** License only: the countries the member may choose for activation (must pick one). */
  activationRegions: CountryCode[];
  topUp: TopUpRule | null;
  createdAt: number;
  updatedAt: number;
}

export interface StoreCategory {
  id: number;
  title: LocalizedText;
  sortOrder: number;
}

export const DEFAULT_TOP_UP: TopUpRule = { minAmount: 200, stepAmount: 100, maxAmount: 5000 };

export function isPhysical(kind: ProductKind): boolean {
  return kind === 'souvenir';
}

/** Licenses are stocked by their code pool: always counted, never by hand. */
export function effectiveStockMode(p: Pick<Product, 'kind' | 'stockMode'>): StockMode {
  return p.kind === 'license' ? 'counted' : p.stockMode;
}

/**
 * Products whose units are codes from a pool: licences always; a gift card whose stock is counted
 * (its stock is its pool: imported codes add to it, each unit sold is delivered as one code).
 */
export function deliversCodes(p: Pick<Product, 'kind' | 'stockMode'>): boolean {
  return p.kind === 'license' || (p.kind === 'gift-card' && p.stockMode === 'counted');
}

/** Text in the member's language, falling back to the other one when a translation is missing. */
export function localized(text: LocalizedText, lang: string): string {
  const primary: CatalogLanguage = lang === 'ru' || lang.startsWith('ru') ? 'ru' : 'en-GB';
  const other: CatalogLanguage = primary === 'ru' ? 'en-GB' : 'ru';
  return text[primary].trim() !== '' ? text[primary] : text[other];
}

export type ProductProblem =
  | 'no-title' | 'price-not-positive' | 'variants-only-for-souvenirs' | 'duplicate-variant'
  | 'regions-only-for-licenses' | 'license-needs-regions' | 'top-up-rule-invalid'
  | 'delivery-class-only-for-souvenirs' | 'country-both-allowed-and-forbidden';

/** Consistency rules across fields (shapes are checked at the edge). Empty = consistent. */
export function productProblems(p: Omit<Product, 'id' | 'createdAt' | 'updatedAt'>): ProductProblem[] {
  const problems: ProductProblem[] = [];
  if (p.title['en-GB'].trim() === '' && p.title.ru.trim() === '') problems.push('no-title');
  if (p.kind === 'mobile-top-up') {
    const t = p.topUp;
    if (!t || t.minAmount <= 0 || t.stepAmount <= 0 || t.maxAmount < t.minAmount) problems.push('top-up-rule-invalid');
  } else if (!(p.priceInPoints > 0)) problems.push('price-not-positive');
  if (p.variants.length > 0 && p.kind !== 'souvenir') problems.push('variants-only-for-souvenirs');
  if (new Set(p.variants.map((v) => v.id)).size !== p.variants.length
    || new Set(p.variants.map((v) => v.label.trim().toUpperCase())).size !== p.variants.length) problems.push('duplicate-variant');
  if (p.kind === 'license' && p.activationRegions.length === 0) problems.push('license-needs-regions');
  if (p.kind !== 'license' && p.activationRegions.length > 0) problems.push('regions-only-for-licenses');
  if (!isPhysical(p.kind) && p.deliveryClass !== 'none') problems.push('delivery-class-only-for-souvenirs');
  if (p.allowedCountries.some((c) => p.forbiddenCountries.includes(c))) problems.push('country-both-allowed-and-forbidden');
  return problems;
}

export type TopUpCheck = { ok: true } | { ok: false; code: 'top-up-amount'; min: number; step: number; max: number };

/** 200, 300, 400 … up to the maximum (seed 004: from 200 in steps of 100). */
export function checkTopUpAmount(rule: TopUpRule, amount: number): TopUpCheck {
  const ok = Number.isSafeInteger(amount) && amount >= rule.minAmount && amount <= rule.maxAmount
    && (amount - rule.minAmount) % rule.stepAmount === 0;
  return ok ? { ok: true } : { ok: false, code: 'top-up-amount', min: rule.minAmount, step: rule.stepAmount, max: rule.maxAmount };
}

export type StockState = 'in-stock' | 'low' | 'out-of-stock';

/**
 * What a member sees for an item (or one variant). `count` is the counter for counted stock (ignored
 * otherwise); `inStock` the admin's flag for manual stock.
 */
export function stockState(mode: StockMode, count: number, inStock: boolean, lowThreshold: number): StockState {
  if (mode === 'unlimited') return 'in-stock';
  if (mode === 'manual') return inStock ? 'in-stock' : 'out-of-stock';
  if (count <= 0) return 'out-of-stock';
  return count <= lowThreshold ? 'low' : 'in-stock';
}

/** A product with variants is in stock when any variant is; low when the best one is low. */
export function combineStockStates(states: StockState[]): StockState {
  if (states.includes('in-stock')) return 'in-stock';
  if (states.includes('low')) return 'low';
  return 'out-of-stock';
}

/** Catalog order: sort order, then id (older first). */
export function compareProducts(a: Pick<Product, 'sortOrder' | 'id'>, b: Pick<Product, 'sortOrder' | 'id'>): number {
  return a.sortOrder - b.sortOrder || a.id - b.id;
}

/** A case-insensitive match on either language's title or description, for the ACP search. */
export function matchesSearch(p: Pick<Product, 'title' | 'description'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [p.title['en-GB'], p.title.ru, p.description['en-GB'], p.description.ru].some((s) => s.toLowerCase().includes(q));
}
