import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { authKeys, logout } from '../api/auth';

/** The field screen's device copy (loaded on demand: it brings the IndexedDB library). */
const offline = async () => {
  const [db, sync] = await Promise.all([import('../offline/db'), import('../offline/sync')]);
  return { ...db, ...sync };
};

export function LogoutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [unsent, setUnsent] = useState(0);
  const [sending, setSending] = useState(false);
  const mutation = useMutation({
    mutationFn: logout,
    // Signing out with no connection still erases this device's copy.
    networkMode: 'always',
    onSettled: async () => {
      try {
        const { stopSync, eraseDeviceCopy } = await offline();
        stopSync();
        await eraseDeviceCopy();
      } catch {
        // no IndexedDB on this browser: nothing was kept
      }
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
      void navigate('/login', { replace: true });
    },
  });
  const start = async () => {
    let count = 0;
    try {
      count = await (await offline()).countUnsent();
    } catch {
      count = 0;
    }
    if (count > 0) setUnsent(count);
    else mutation.mutate();
  };
  const sendFirst = async () => {
    setSending(true);
    const { syncSoon, countUnsent } = await offline();
    await syncSoon();
    const left = await countUnsent();
    setSending(false);
    if (left === 0) {
      setUnsent(0);
      mutation.mutate();
    } else {
      setUnsent(left);
    }
  };
  return (
    <>
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        px={6}
        leftSection={<IconLogout size={18} />}
        onClick={() => void start()}
        loading={mutation.isPending}
        aria-label={t('shell.logout')}
      >
        <span className="toso-logout-text">{t('shell.logout')}</span>
      </Button>
      <Modal
        opened={unsent > 0}
        onClose={() => setUnsent(0)}
        title={t('field.logoutTitle')}
        centered
      >
        <Stack gap="md">
          <Text>{t('field.logoutWarning', { count: unsent })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setUnsent(0)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => {
                setUnsent(0);
                mutation.mutate();
              }}
            >
              {t('field.logoutAnyway')}
            </Button>
            <Button onClick={() => void sendFirst()} loading={sending}>
              {t('field.sendFirst')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
