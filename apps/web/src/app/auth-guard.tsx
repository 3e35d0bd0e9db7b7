import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '@toso/domain/roles';
import type { MeDto } from '@toso/domain/users';
import { useMe } from '../api/auth';
import { ErrorState } from '../components/error-state';

/** Shows the protected pages only to a signed-in user; others go to the login page. */
export function AuthGuard() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100dvh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <Outlet />;
}

/** The signed-in user; only call below AuthGuard. */
export function useCurrentUser(): MeDto {
  const me = useMe();
  if (!me.data) throw new Error('useCurrentUser outside AuthGuard');
  return me.data;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useCurrentUser();
  return (permission) => me.permissions.includes(permission);
}

export function RequirePermission(props: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (!can(props.permission)) return <Navigate to="/units" replace />;
  return <>{props.children}</>;
}
