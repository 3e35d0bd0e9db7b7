import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../../api/notifications';

/** The bell in the header: the unread count, polled about once a minute; opens the list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const count = useUnreadCount();
  const unread = count.data?.unread ?? 0;
  const label =
    unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <Indicator
      label={unread > 99 ? '99+' : unread}
      disabled={unread === 0}
      size={18}
      color="red"
      offset={6}
      data-testid="bell-count"
      data-count={count.data ? unread : undefined}
    >
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        title={label}
      >
        <IconBell size={22} stroke={1.6} />
      </ActionIcon>
    </Indicator>
  );
}
