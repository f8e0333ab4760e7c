/**
 * Input of claims, validated with zod at the service edge: the shapes here, the program's rules
 * (lengths, links, amounts) in lib/modules/orders/domain-claims.ts with their own messages.
 */
import { z } from 'zod';
import { canonicalInt, idSchema } from '../../kernel/input';
import { CLAIM_LIMITS, CLAIM_PROBLEMS, CLAIM_RESOLUTIONS } from './domain-claims';

const optionalUrl = z.string().trim().max(CLAIM_LIMITS.urlMax).nullish().transform((v) => v || null);

/** The client makes one key per form (crypto.randomUUID), so a repeated click opens one claim. */
export const openClaimSchema = z.object({
  orderId: idSchema,
  problem: z.enum(CLAIM_PROBLEMS),
  // Long enough that the domain's length rule answers with its own message.
  description: z.string().max(CLAIM_LIMITS.descriptionMax * 2),
  photos: z.array(z.string().trim().max(CLAIM_LIMITS.urlMax)).max(CLAIM_LIMITS.photosMax * 4).default([])
    .transform((list) => list.filter((p) => p !== '')),
  videoUrl: optionalUrl,
  key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
}).strict();

export const claimMessageSchema = z.object({
  text: z.string().trim().min(1).max(CLAIM_LIMITS.messageMax),
}).strict();

export const closeClaimSchema = z.object({
  resolution: z.enum(CLAIM_RESOLUTIONS),
  note: z.string().trim().max(CLAIM_LIMITS.noteMax).default(''),
  amount: canonicalInt(0, 100_000_000).nullish().transform((v) => v ?? null),
}).strict();

export const claimListSchema = z.object({
  status: z.enum(['', 'open', 'closed']).default(''),
}).strict();
