import { Button, Group } from '@mantine/core';
import { IconHome, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Switches between the people and the households of the registry. */
export function RegistryTabs(props: { active: 'residents' | 'households' }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} role="navigation" aria-label={t('registry.sections')}>
      <Button
        component={Link}
        to="/residents"
        size="compact-sm"
        variant={props.active === 'residents' ? 'light' : 'subtle'}
        leftSection={<IconUser size={16} />}
        aria-current={props.active === 'residents' ? 'page' : undefined}
      >
        {t('registry.residentsTab')}
      </Button>
      <Button
        component={Link}
        to="/households"
        size="compact-sm"
        variant={props.active === 'households' ? 'light' : 'subtle'}
        leftSection={<IconHome size={16} />}
        aria-current={props.active === 'households' ? 'page' : undefined}
      >
        {t('registry.householdsTab')}
      </Button>
    </Group>
  );
}
