import { AppShell, Badge, Center, Group, Loader, Title } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../../api/auth';
import { ApiError, isApiError } from '../../api/client';
import { ErrorState } from '../../components/error-state';
import { getIdentity } from '../../offline/db';
import { useLiveQuery, useOnline } from '../../offline/hooks';
import { identityOf } from '../../offline/refresh';
import { FieldIdentityContext } from './field-identity';
import { FieldPage } from './field-page';

/**
 * The field screen's own guard: with a session it is a normal page of the app; with no
 * connection it opens on the identity kept on the device, so volunteers can record in a hamlet
 * with no signal (the records are sent once the connection and the session are back).
 */
export function FieldGuard() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const stored = useLiveQuery('identity', async () => (await getIdentity()) ?? null);
  const online = useMemo(() => (me.data ? identityOf(me.data) : null), [me.data]);
  const unreachable =
    me.fetchStatus === 'paused' || (me.isError && isApiError(me.error) && me.error.status === 0);
  // Opened with no signal, the session check failed with a network error; TanStack Query does not
  // retry it when the signal comes back (its online manager never saw it go), so do it here: the
  // page then leaves the offline session and shows what needs the server (the team's progress).
  const browserOnline = useOnline();
  const { refetch } = me;
  useEffect(() => {
    if (browserOnline && unreachable) void refetch();
  }, [browserOnline, unreachable, refetch]);
  if (me.data && online) {
    if (!me.data.permissions.includes('residents:write')) return <Navigate to="/" replace />;
    return (
      <FieldIdentityContext.Provider
        value={{ identity: online, me: me.data, offlineSession: false }}
      >
        <Outlet />
      </FieldIdentityContext.Provider>
    );
  }
  if (me.data === null) {
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  }
  if (unreachable && stored) {
    return (
      <FieldIdentityContext.Provider value={{ identity: stored, me: null, offlineSession: true }}>
        <AppShell header={{ height: 56 }} padding="sm">
          <AppShell.Header>
            <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
              <Title order={1} size="h4">
                {t('app.name')}
              </Title>
              <Badge color="gray" variant="light" leftSection={<IconCloudOff size={14} />}>
                {t('field.offline')}
              </Badge>
            </Group>
          </AppShell.Header>
          <AppShell.Main>
            <FieldPage />
          </AppShell.Main>
        </AppShell>
      </FieldIdentityContext.Provider>
    );
  }
  if (me.isError && !unreachable) {
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (unreachable && stored === null) {
    return (
      <ErrorState error={me.error ?? new ApiError(0, null)} onRetry={() => void me.refetch()} />
    );
  }
  return (
    <Center h="100dvh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
