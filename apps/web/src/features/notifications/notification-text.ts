import type { TFunction } from 'i18next';
import type { NotificationDto } from '@toso/domain/notifications';
import { formatDate } from '../../components/dates';
import { formatDay } from '../difficulties/difficulty-labels';

/** The sentence of a notification in the current language, from its kind and stored params. */
export function notificationText(n: NotificationDto, t: TFunction, language: string): string {
  const params: Record<string, string | number> = { ...n.params };
  if (typeof params.urgency === 'string')
    params.urgency = t(`difficulties.urgency.${params.urgency}`);
  // dueAt is an instant (shown as its local day), dueOn a calendar date.
  if (typeof params.dueAt === 'string') params.dueAt = formatDay(params.dueAt, language);
  if (typeof params.dueOn === 'string') params.dueOn = formatDate(params.dueOn, language);
  return t(`notifications.kinds.${n.kind}`, params);
}
