/**
 * The zod shapes of the catalog, used at both edges: parsing admin input (services) and parsing what
 * the database gives back (store). Stored documents that no longer parse are skipped, not trusted.
 */
import { z } from 'zod';
import { PROGRAMMES } from '../../kernel/programmes';
import { CATALOG_LANGUAGES, DELIVERY_CLASSES, LIMIT_SCOPES, PRODUCT_KINDS, STOCK_MODES, VISIBILITIES } from './domain';

const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/);
const countries = z.array(country).max(300).transform((l) => [...new Set(l)]);
const text = (max: number) => z.string().trim().max(max);

export const localizedSchema = (max: number) => z.object({ 'en-GB': text(max), ru: text(max) });

export const variantSchema = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{1,20}$/),
  label: z.string().trim().min(1).max(20),
  inStock: z.boolean(),
});

/**
 * An absolute http(s) address with a host, or a path on the forum itself (`/assets/uploads/…`, the
 * plugin's `/plugins/…/static/…`). Not protocol-relative (`//host/x.png`, or `/\\host`, which browsers
 * read the same way): that is another site's image under the forum's scheme.
 */
export function isSafeImageUrl(s: string): boolean {
  if (s.length > 1000 || /[\s"'<>\\`]/.test(s)) return false;
  if (s.startsWith('/')) return !s.startsWith('//');
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && /^https?:\/\/[^/]/i.test(s);
  } catch {
    return false;
  }
}

export const imageUrlSchema = z.string().trim().max(1000).refine(isSafeImageUrl);

export const limitSchema = z.object({
  maxUnits: z.number().int().min(1).max(1000),
  months: z.number().int().min(1).max(120),
  scope: z.enum(LIMIT_SCOPES),
});

export const topUpSchema = z.object({
  minAmount: z.number().int().min(1).max(1_000_000),
  stepAmount: z.number().int().min(1).max(1_000_000),
  maxAmount: z.number().int().min(1).max(1_000_000),
});

/** Everything an admin edits (no id, no timestamps). */
export const productDraftSchema = z.object({
  kind: z.enum(PRODUCT_KINDS),
  // products stored before the sellers' programme are the club's
  programme: z.enum(PROGRAMMES).default('club'),
  title: localizedSchema(200),
  description: localizedSchema(10_000),
  images: z.array(imageUrlSchema).max(20),
  priceInPoints: z.number().int().min(0).max(100_000_000),
  categoryId: z.number().int().positive().nullable(),
  visibility: z.enum(VISIBILITIES),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000),
  stockMode: z.enum(STOCK_MODES),
  inStock: z.boolean(),
  variants: z.array(variantSchema).max(50),
  deliveryClass: z.enum(DELIVERY_CLASSES),
  allowedCountries: countries,
  forbiddenCountries: countries,
  limit: limitSchema.nullable(),
  activationRegions: countries,
  topUp: topUpSchema.nullable(),
});

export const productSchema = productDraftSchema.extend({
  // a stored address the rule above no longer accepts is dropped, not the whole product
  images: z.array(z.string()).max(20).transform((a) => a.filter(isSafeImageUrl)),
  id: z.number().int().positive(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

export const categorySchema = z.object({
  id: z.number().int().positive(),
  title: localizedSchema(200),
  sortOrder: z.number().int(),
});

export const LANGS = CATALOG_LANGUAGES;
