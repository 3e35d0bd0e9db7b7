import { z } from 'zod';
import { pageQuery } from './units';

/**
 * What a notification is about. The text is never stored: each kind has a sentence per language
 * in the web app (`notifications.kinds.<kind>`), filled with the stored params.
 */
export const NOTIFICATION_KINDS = [
  'difficulty_raised',
  'difficulty_escalated',
  'difficulty_assigned',
  'difficulty_answered',
  'difficulty_resolved',
  'difficulty_reopened',
  'difficulty_overdue',
  'report_submitted',
  'report_returned',
  'report_approved',
  'report_due_soon',
  'report_overdue',
  'report_adhoc_requested',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Values put into the sentence of a kind (a title, a unit name, a date…); never personal data. */
export const notificationParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  params: notificationParamsSchema,
  /** A path inside the app, e.g. `/difficulties/<id>`. */
  link: z.string(),
  entity: z.string(),
  entityId: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof notificationSchema>;

export const listNotificationsQuery = z.object({
  /** `unread`: unread first, then newest; `newest`: newest first. */
  order: z.enum(['unread', 'newest']).default('unread'),
  unreadOnly: z
    .enum(['0', '1'])
    .optional()
    .transform((v) => v === '1'),
  ...pageQuery,
});
export type ListNotificationsQuery = z.input<typeof listNotificationsQuery>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
