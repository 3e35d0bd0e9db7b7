import type { TFunction } from 'i18next';
import type { NotificationDto } from '@toso/domain/notifications';
import { formatDate } from '../../components/dates';

/** The sentence of a notification in the current language, from its kind and stored params. */
export function notificationText(n: NotificationDto, t: TFunction, language: string): string {
  const params: Record<string, string | number> = { ...n.params };
  if (typeof params.urgency === 'string')
    params.urgency = t(`difficulties.urgency.${params.urgency}`);
  for (const key of ['dueAt', 'dueOn'] as const) {
    if (typeof params[key] === 'string') params[key] = formatDate(String(params[key]), language);
  }
  return t(`notifications.kinds.${n.kind}`, params);
}
