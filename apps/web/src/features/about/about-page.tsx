import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useHealth } from '../../api/health';
import { useCurrentUser } from '../../app/auth-guard';
import { PageHeader } from '../../components/page-header';

export function AboutPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const health = useHealth();
  return (
    <Stack maw={640}>
      <PageHeader title={t('about.title')} description={t('about.description')} />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text>
            {t('about.version')}: <b>{health.data?.version ?? '…'}</b>
          </Text>
          <Text>
            {t('about.database')}: <b>{health.data?.database ?? '…'}</b>
          </Text>
          <Text>{t('about.license')}</Text>
          {me.user.role === 'admin' && (
            <Anchor href="/api/docs" target="_blank" rel="noopener">
              {t('about.apiDocs')}
            </Anchor>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
