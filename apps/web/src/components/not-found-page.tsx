import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from './empty-state';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      action={
        <Button component={Link} to="/units" variant="light">
          {t('common.backHome')}
        </Button>
      }
    >
      {t('common.notFound')}
    </EmptyState>
  );
}
