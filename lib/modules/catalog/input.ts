/**
 * Admin and member input for the catalog, validated with zod at the service edge. A failure names
 * the fields (`title.ru, priceInPoints`) in a translated error, and nothing is changed.
 */
import { z } from 'zod';
import { BonusError } from '../../kernel/errors';
import { canonicalInt, idSchema } from '../../kernel/input';
import { productDraftSchema } from './store-schema';
import { localizedSchema } from './store-schema';
import type { Product, Variant } from './domain';
import { productProblems } from './domain';

export { parseOrThrow } from '../../kernel/input';

/** Variants as the admin sends them: the id may be missing (new size); it is derived from the label. */
const variantInput = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{0,20}$/).optional(),
  label: z.string().trim().min(1).max(20),
  inStock: z.boolean().default(true),
});

/** A patch: any subset of the product's editable fields. */
export const productPatchSchema = productDraftSchema.extend({ variants: z.array(variantInput).max(50) }).partial().strict();

/** The fields of a new product that may be left out. */
export const productDefaults: Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'kind'> = {
  programme: 'club',
  title: { 'en-GB': '', ru: '' },
  description: { 'en-GB': '', ru: '' },
  images: [],
  priceInPoints: 0,
  categoryId: null,
  visibility: 'draft',
  sortOrder: 0,
  stockMode: 'counted',
  inStock: true,
  variants: [],
  deliveryClass: 'none',
  allowedCountries: [],
  forbiddenCountries: [],
  limit: null,
  activationRegions: [],
  topUp: null,
};

export function assignVariantIds(variants: { id?: string; label: string; inStock: boolean }[]): Variant[] {
  const used = new Set(variants.map((v) => v.id).filter((id): id is string => !!id));
  return variants.map((v, i) => {
    if (v.id) return { id: v.id, label: v.label, inStock: v.inStock };
    let id = v.label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20) || `v${i + 1}`;
    while (used.has(id)) id = `${id.slice(0, 17)}-${i + 1}`;
    used.add(id);
    return { id, label: v.label, inStock: v.inStock };
  });
}

/** Full consistency check of a would-be product; throws the first problem as a translated error. */
export function assertConsistent(p: Omit<Product, 'id' | 'createdAt' | 'updatedAt'>): void {
  const problems = productProblems(p);
  if (problems.length) throw new BonusError(`error.catalog.${problems[0]}`);
}

export const categoryInputSchema = z.object({
  id: z.number().int().positive().optional(),
  title: localizedSchema(200).refine((t) => t['en-GB'] !== '' || t.ru !== ''),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).default(0),
}).strict();

export const stockAdjustmentSchema = z.object({
  variantId: z.string().trim().max(20).nullable().default(null),
  delta: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0),
  reason: z.string().trim().min(1).max(500),
}).strict();

export const listFilterSchema = z.object({
  search: z.string().trim().max(200).default(''),
  kind: z.string().trim().max(30).default(''),
  visibility: z.string().trim().max(30).default(''),
  categoryId: z.string().trim().max(12).default(''),
  programme: z.string().trim().max(20).default(''),
});

export const cartAddSchema = z.object({
  productId: idSchema,
  quantity: canonicalInt(1, 99).default(1),
  variantId: z.string().trim().max(20).nullish(),
  region: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).nullish(),
  amount: canonicalInt(1).nullish(),
}).strict();

/**
 * `firstLine`: the file line number of the text's first line, so that a file sent in chunks (NodeBB
 * parses JSON bodies up to 100 kB by default) is reported with its own line numbers.
 */
export const codeImportSchema = z.object({
  text: z.string().max(2_000_000),
  firstLine: z.number().int().min(1).max(100_000_000).default(1),
}).strict();
