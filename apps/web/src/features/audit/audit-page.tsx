import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ENTITIES } from '@toso/domain/users';
import { useAuditList } from '../../api/audit';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { AuditList } from './audit-list';

const PAGE_SIZE = 25;

export function AuditPage() {
  const { t, i18n } = useTranslation();
  // Every kind of change, by name in the reader's language.
  const entities = useMemo(
    () =>
      AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entityName.${e}`) })).sort((a, b) =>
        a.label.localeCompare(b.label, i18n.language),
      ),
    [t, i18n.language],
  );
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entity, setEntity] = useState('');
  const [page, setPage] = useState(1);
  const list = useAuditList({
    from: from || undefined,
    to: to || undefined,
    entity: entity || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const filtered = Boolean(from || to || entity);
  const update = (setter: (v: string) => void) => (value: string) => {
    setter(value);
    setPage(1);
  };

  return (
    <Stack gap="sm">
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('audit.from')}
          value={from}
          onChange={(e) => update(setFrom)(e.currentTarget.value)}
          style={{ flex: '1 1 140px' }}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={to}
          onChange={(e) => update(setTo)(e.currentTarget.value)}
          style={{ flex: '1 1 140px' }}
        />
        <NativeSelect
          label={t('audit.entity')}
          value={entity}
          onChange={(e) => update(setEntity)(e.currentTarget.value)}
          data={[{ value: '', label: t('audit.allEntities') }, ...entities]}
          style={{ flex: '1 1 160px' }}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setFrom('');
              setTo('');
              setEntity('');
              setPage(1);
            }}
          >
            {t('audit.clearFilters')}
          </Button>
        )}
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={filtered ? t('audit.emptyFiltered') : t('audit.empty')}
      >
        {(items) => <AuditList entries={items} />}
      </PagedList>
    </Stack>
  );
}
