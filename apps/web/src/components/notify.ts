import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** A sentence for any error: known codes are translated, 5xx show their correlation id. */
export function describeError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 0) return t('errors.network');
  if (error.status >= 500) {
    return error.correlationId
      ? t('errors.serverWithId', { id: error.correlationId })
      : t('errors.server');
  }
  if (error.code === 'validation_failed' && error.details.length > 0) {
    return error.details.map((d) => d.message).join('; ');
  }
  return t(`errors.codes.${error.code}`, { defaultValue: error.message });
}

export function notifyError(error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: describeError(error, t) });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}
