import { AppShell, Burger, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/language-switch';
import { NotificationBell } from '../features/notifications/notification-bell';
import { useCurrentUser } from './auth-guard';
import { applyLocale, currentLocale } from './i18n';
import { LogoutButton } from './logout-button';
import { NavLinks } from './nav-links';

/** The signed-in shell: header, side navigation (a burger menu on phones) and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const accountLocale = me.user.locale;
  useEffect(() => {
    if (accountLocale !== currentLocale()) applyLocale(accountLocale);
  }, [accountLocale]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('shell.closeMenu') : t('shell.openMenu')}
            />
            <Title order={1} size="h4" style={{ whiteSpace: 'nowrap' }}>
              <Link to="/units" style={{ color: 'inherit', textDecoration: 'none' }}>
                {t('app.name')}
              </Link>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Stack gap={0} visibleFrom="sm" align="flex-end" data-testid="header-user">
              <Text size="sm" fw={600} lh={1.2}>
                {me.user.fullName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {t(`role.${me.user.role}`)}
                {me.user.unitName ? ` · ${me.user.unitName}` : ''}
              </Text>
            </Stack>
            <NotificationBell />
            <LanguageSwitch />
            <LogoutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.navigation')}>
        <Stack gap={2} hiddenFrom="sm" mb="sm" px="xs">
          <Text size="sm" fw={600}>
            {me.user.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`role.${me.user.role}`)}
            {me.user.unitName ? ` · ${me.user.unitName}` : ''}
          </Text>
        </Stack>
        <NavLinks onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
