import { z } from 'zod';
import { ROLES } from './roles';
import { pageBody, pageQuery } from './units';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'Nhập tên đăng nhập').max(64),
  password: z.string().min(1, 'Nhập mật khẩu').max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const username = z
  .string()
  .trim()
  .min(3, 'Tên đăng nhập có ít nhất 3 ký tự')
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'Chỉ dùng chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới');

export const newPassword = z
  .string()
  .min(10, 'Mật khẩu có ít nhất 10 ký tự')
  .max(256, 'Mật khẩu dài tối đa 256 ký tự');

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại').max(256),
  newPassword,
});

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  locale: z.enum(LOCALES),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  permissions: z.array(z.string()),
});
export type MeDto = z.infer<typeof meSchema>;

export const createUserBody = z.object({
  username,
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(120),
  role: z.enum(ROLES),
  unitId: z.uuid().nullable(),
  password: newPassword,
  locale: z.enum(LOCALES).default('vi'),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(120).optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.uuid().nullable().optional(),
  isActive: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
  password: newPassword.optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

/** GET /api/users: the accounts of a unit, without search text. */
export const listUsersQuery = z.object({
  unitId: z.uuid().optional(),
  ...pageQuery,
});

/** POST /api/users/search: by name or username (people's names: in a body, never in a URL). */
export const searchUsersBody = z.object({
  q: z.string().max(100).optional(),
  unitId: z.uuid().optional(),
  ...pageBody,
});
export type ListUsersQuery = z.infer<typeof searchUsersBody>;

/** What an audit entry is about; every change the server records names one of these. */
export const AUDIT_ENTITIES = [
  'unit',
  'user',
  'demo',
  'team',
  'decision',
  'chat_group',
  'resident',
  'household',
  'consent',
  'data_request',
  'platform',
  'guide_card',
  'campaign',
  'target',
  'training',
  'member_course',
  'partner',
  'partner_contribution',
  'material',
  'practice',
  'practice_comment',
  'report',
  'report_request',
  'report_settings',
  'programme_settings',
  'evaluation_weights',
  'difficulty',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  unitId: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  summary: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;

export const listAuditQuery = z.object({
  unitId: z.uuid().optional(),
  userId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  entity: z.string().max(40).optional(),
  ...pageQuery,
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
