import { z } from 'zod';
import { isoDate, pageQuery } from './units';

export const CHAT_PLATFORMS = ['zalo', 'mocha', 'gapo', 'other'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
export const CHAT_PLATFORM_LABELS: Record<ChatPlatform, string> = {
  zalo: 'Zalo',
  mocha: 'Mocha',
  gapo: 'Gapo',
  other: 'Khác',
};

const inviteLink = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => v === '' || /^https?:\/\/\S+$/.test(v),
    'Đường dẫn mời phải bắt đầu bằng http:// hoặc https://',
  );

export const chatGroupBody = z.object({
  unitId: z.uuid(),
  platform: z.enum(CHAT_PLATFORMS),
  name: z.string().trim().min(2, 'Nhập tên nhóm').max(200),
  inviteLink: inviteLink.default(''),
  admins: z.string().trim().max(500).default(''),
  householdsTotal: z.number().int().min(0).max(100000).nullable().default(null),
  householdsJoined: z.number().int().min(0).max(100000).default(0),
});
export type ChatGroupBody = z.infer<typeof chatGroupBody>;

export const updateChatGroupBody = chatGroupBody
  .omit({ unitId: true, householdsJoined: true })
  .partial();

export const chatGroupCountBody = z.object({
  recordedOn: isoDate,
  householdsJoined: z.number().int().min(0).max(100000),
});

export const chatGroupSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitLevel: z.string(),
  platform: z.enum(CHAT_PLATFORMS),
  name: z.string(),
  inviteLink: z.string().nullable(),
  admins: z.string(),
  householdsTotal: z.number().int().nullable(),
  /** Where the number of households comes from: the registry, or the number the commune entered. */
  householdsTotalSource: z.enum(['registry', 'entered']).nullable(),
  householdsJoined: z.number().int(),
  joinedUpdatedOn: z.string().nullable(),
  coverage: z.number().nullable(),
  isActive: z.boolean(),
});
export type ChatGroupDto = z.infer<typeof chatGroupSchema>;

export const chatGroupCountSchema = z.object({
  id: z.string(),
  recordedOn: z.string(),
  householdsJoined: z.number().int(),
});

export const listChatGroupsQuery = z.object({
  unitId: z.uuid().optional(),
  platform: z.enum(CHAT_PLATFORMS).optional(),
  ...pageQuery,
});

/** Share of households in the group, or null when the number of households is unknown. */
export function chatCoverage(joined: number, total: number | null): number | null {
  if (total === null || total === 0) return null;
  return Math.min(1, joined / total);
}
