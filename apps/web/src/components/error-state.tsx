import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from './notify';

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('errors.title')} m="md" role="alert">
      <Stack gap="sm" align="flex-start">
        <span>{describeError(props.error, t)}</span>
        {props.onRetry && (
          <Button size="xs" variant="light" color="red" onClick={props.onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
