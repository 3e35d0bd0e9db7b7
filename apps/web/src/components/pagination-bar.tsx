import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Page numbers, shown only when there is more than one page. */
export function PaginationBar(props: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  return (
    <Group justify="space-between" gap="xs" mt="md">
      <Text size="sm" c="dimmed">
        {t('common.pageOf', { page: props.page, pages, total: props.total })}
      </Text>
      <Pagination
        total={pages}
        value={props.page}
        onChange={props.onChange}
        size="sm"
        siblings={0}
        boundaries={1}
        getControlProps={(control) => ({
          'aria-label':
            control === 'next'
              ? t('common.nextPage')
              : control === 'previous'
                ? t('common.previousPage')
                : control === 'first'
                  ? t('common.firstPage')
                  : t('common.lastPage'),
        })}
        getItemProps={(page) => ({ 'aria-label': t('common.goToPage', { page }) })}
      />
    </Group>
  );
}
