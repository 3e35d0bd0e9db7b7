import { z } from 'zod';

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'out_of_scope',
  'not_found',
  'conflict',
  'rate_limited',
  'csrf_rejected',
  'payload_too_large',
  'unsupported_media_type',
  'import_invalid',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const errorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(errorDetailSchema),
  correlationId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
