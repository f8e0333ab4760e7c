/**
 * Member input of the cart, checkout and orders, validated with zod at the service edge (a failure
 * names the fields in a translated error and changes nothing).
 */
import { z } from 'zod';
import { canonicalInt, idSchema } from '../../kernel/input';
import { CLIENT_KEY } from '../../kernel/idempotency';

const lineKey = {
  productId: idSchema,
  variantId: z.string().trim().max(20).nullish().transform((v) => v || null),
  region: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).nullish().or(z.literal('')).transform((v) => v || null),
  amount: canonicalInt(1).nullish().transform((v) => v ?? null),
};

export const cartLineUpdateSchema = z.object({
  ...lineKey,
  /** 1–99: removing a line is its own action (cartLineRemoveSchema), never a quantity of 0. */
  quantity: canonicalInt(1, 99),
  /** Licenses: move the line to another activation country. */
  newRegion: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional(),
}).strict();

export const cartLineRemoveSchema = z.object(lineKey).strict();

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().max(200).email(),
  phone: z.string().trim().regex(/^\+?[0-9 ()-]{5,25}$/),
}).strict();

export const deliverySchema = z.object({
  method: z.enum(['delivery', 'pickup']),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
  region: z.string().trim().max(100).default(''),
  city: z.string().trim().max(100).default(''),
  address: z.string().trim().max(300).default(''),
  postcode: z.string().trim().max(20).regex(/^[A-Za-z0-9 -]*$/).default(''),
}).strict().refine((d) => d.method === 'pickup' || (d.city !== '' && d.address !== '' && d.postcode !== ''), { path: ['address'] });

export const quoteSchema = z.object({
  promoCode: z.string().max(50).default(''),
}).strict();

/** The client makes one key per checkout attempt (crypto.randomUUID), so a repeated click pays once. */
export const paySchema = z.object({
  idempotencyKey: z.string().regex(CLIENT_KEY),
  promoCode: z.string().max(50).default(''),
  /** The total the member saw: if the cart changed meanwhile (another tab), nothing is charged. */
  expectedTotal: z.number().int().min(0).optional(),
}).strict();

export const statusChangeSchema = z.object({
  status: z.enum(['processing', 'shipped', 'delivered', 'cancelled']),
  note: z.string().trim().max(1000).default(''),
}).strict();

export const refundLinesSchema = z.object({
  lines: z.array(z.number().int().min(0).max(1000)).min(1).max(1000),
  note: z.string().trim().max(1000).default(''),
  /** The admin saw the warning that the souvenirs left are below the minimum and goes ahead. */
  confirmBelowMinimum: z.boolean().default(false),
}).strict();

/** Packing: line `line` replaced by another product (and size); `clubPays` when it costs more. */
export const replaceLineSchema = z.object({
  line: canonicalInt(0, 1000),
  productId: idSchema,
  variantId: z.string().trim().max(20).nullish().transform((v) => v || null),
  clubPays: z.boolean().default(false),
  confirmBelowMinimum: z.boolean().default(false),
  note: z.string().trim().max(1000).default(''),
}).strict();

export const bulkStatusSchema = z.object({
  ids: z.array(idSchema).min(1).max(500),
  status: z.enum(['processing', 'shipped', 'delivered', 'cancelled']),
  note: z.string().trim().max(1000).default(''),
}).strict();
