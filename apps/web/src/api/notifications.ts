import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { NotificationDto } from '@toso/domain/notifications';
import { api, type Page } from './client';

export interface NotificationListParams {
  order?: 'unread' | 'newest';
  unreadOnly?: '1';
  page?: number;
  pageSize?: number;
}

export const notificationKeys = {
  all: ['notifications'] as const,
  count: ['notifications', 'count'] as const,
  list: (params: NotificationListParams) => ['notifications', 'list', params] as const,
};

export const listNotifications = (params: NotificationListParams) =>
  api<Page<NotificationDto>>('notifications', { query: { ...params } });

export const unreadCount = () => api<{ unread: number }>('notifications/unread-count');

export const markNotificationRead = (id: string) =>
  api<NotificationDto>(`notifications/${id}/read`, { method: 'POST' });

export const markAllNotificationsRead = () =>
  api<{ updated: number }>('notifications/read-all', { method: 'POST' });

/** How often the bell asks for the unread count (a cheap count query). */
export const POLL_MS = 60_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: unreadCount,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

export function useNotificationList(params: NotificationListParams) {
  return useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: () => listNotifications(params),
    placeholderData: keepPreviousData,
  });
}
