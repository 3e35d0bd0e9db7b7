import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { describeError } from './notify';

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  // A record that does not exist (or a mistyped address) will not appear by retrying.
  const missing = props.error instanceof ApiError && props.error.status === 404;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('errors.title')} m="md" role="alert">
      <Stack gap="sm" align="flex-start">
        <span>{describeError(props.error, t)}</span>
        {missing ? (
          <Button size="xs" variant="light" color="red" component={Link} to="/units">
            {t('common.backHome')}
          </Button>
        ) : (
          props.onRetry && (
            <Button size="xs" variant="light" color="red" onClick={props.onRetry}>
              {t('common.retry')}
            </Button>
          )
        )}
      </Stack>
    </Alert>
  );
}
