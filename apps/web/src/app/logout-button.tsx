import { Button } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { authKeys, logout } from '../api/auth';

export function LogoutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
      void navigate('/login', { replace: true });
    },
  });
  return (
    <Button
      variant="subtle"
      color="gray"
      size="compact-sm"
      px={6}
      leftSection={<IconLogout size={18} />}
      onClick={() => mutation.mutate()}
      loading={mutation.isPending}
      aria-label={t('shell.logout')}
    >
      <span className="toso-logout-text">{t('shell.logout')}</span>
    </Button>
  );
}
