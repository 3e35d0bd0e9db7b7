import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Switch,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotificationDto } from '@toso/domain/notifications';
import {
  markAllNotificationsRead,
  markNotificationRead,
  notificationKeys,
  useNotificationList,
} from '../../api/notifications';
import { formatDateTime } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { usePageFor } from '../../components/use-page-for';
import { notificationText } from './notification-text';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [order, setOrder] = useState<'unread' | 'newest'>('unread');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = usePageFor(`${order}|${unreadOnly}`);
  const list = useNotificationList({
    order,
    unreadOnly: unreadOnly ? '1' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: async (r) => {
      notifySuccess(t('notifications.markedAll', { count: r.updated }));
      await refresh();
    },
    onError: (error) => notifyError(error, t),
  });

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.description')}
        actions={
          <Button
            variant="default"
            leftSection={<IconChecks size={16} />}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('notifications.order')}
          value={order}
          onChange={(e) => setOrder(e.currentTarget.value as 'unread' | 'newest')}
          data={[
            { value: 'unread', label: t('notifications.orderUnread') },
            { value: 'newest', label: t('notifications.orderNewest') },
          ]}
          style={{ flex: '0 1 200px' }}
        />
        <Switch
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((n) => (
              <NotificationRow key={n.id} notification={n} onRead={refresh} />
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}

function NotificationRow(props: { notification: NotificationDto; onRead: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const n = props.notification;
  const unread = n.readAt === null;
  const open = async () => {
    if (unread) {
      try {
        await markNotificationRead(n.id);
        await props.onRead();
      } catch (error) {
        notifyError(error, t);
      }
    }
    void navigate(n.link);
  };
  return (
    <Paper
      withBorder
      radius="md"
      data-testid="notification-row"
      data-unread={unread ? '1' : '0'}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-6)' } : undefined}
    >
      <UnstyledButton onClick={() => void open()} p="sm" w="100%">
        <Stack gap={4}>
          <Text fw={unread ? 600 : 400} className="toso-break">
            {notificationText(n, t, i18n.language)}
          </Text>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt, i18n.language)}
            </Text>
            {unread && (
              <Badge size="xs" color="blue" variant="light">
                {t('notifications.unread')}
              </Badge>
            )}
          </Group>
        </Stack>
      </UnstyledButton>
    </Paper>
  );
}
