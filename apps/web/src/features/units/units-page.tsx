import { Button, Group, Loader, Stack, Switch, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { UnitDto } from '@toso/domain/units';
import { useUnit, useUnitList } from '../../api/units';
import { useCan } from '../../app/auth-guard';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useSearchPaging } from '../../components/paged-list';
import { PaginationBar } from '../../components/pagination-bar';
import { AddHamletForm } from './add-hamlet-form';
import { RenameUnitModal } from './rename-unit-modal';
import { RetireUnitModal } from './retire-unit-modal';
import { canEditUnit } from './unit-labels';
import { UnitHeader } from './unit-header';
import { UnitList } from './unit-list';

const PAGE_SIZE = 20;

export function UnitsPage() {
  const { unitId } = useParams();
  return <UnitsBrowser key={unitId ?? 'root'} unitId={unitId} />;
}

function UnitsBrowser({ unitId }: { unitId: string | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const [includeRetired, setIncludeRetired] = useState(false);
  const { search, setSearch, debounced, page, setPage } = useSearchPaging(String(includeRetired));
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<UnitDto | null>(null);
  const [retiring, setRetiring] = useState<UnitDto | null>(null);
  const searching = debounced.length > 0;

  const unit = useUnit(unitId);
  const list = useUnitList(
    searching
      ? { q: debounced, includeRetired, page, pageSize: PAGE_SIZE }
      : { parentId: unitId, includeRetired, page, pageSize: PAGE_SIZE },
  );
  const current = unit.data;
  const canAdd = current?.level === 'commune' && can('units:write_hamlet') && !current.validTo;

  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />;

  return (
    <Stack gap="sm">
      {unitId ? (
        current ? (
          <UnitHeader
            unit={current}
            editable={canEditUnit(current, can)}
            onRename={() => setRenaming(current)}
            onRetire={() => setRetiring(current)}
          />
        ) : (
          <Loader size="sm" aria-label={t('common.loading')} />
        )
      ) : (
        <PageHeader title={t('units.title')} description={t('units.rootDescription')} />
      )}

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t('units.search')}
          placeholder={t('units.searchPlaceholder')}
          description={t('units.searchHelp')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <Switch
          label={t('units.includeRetired')}
          checked={includeRetired}
          onChange={(e) => setIncludeRetired(e.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {canAdd && !adding && !searching && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('units.addButton')}
          </Button>
        </Group>
      )}
      {canAdd && adding && current && (
        <AddHamletForm commune={current} onDone={() => setAdding(false)} />
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <UnitList
          page={list.data}
          searching={searching}
          query={debounced}
          current={current}
          canAdd={canAdd}
          onRename={setRenaming}
          onRetire={setRetiring}
        />
      )}
      {list.data && (
        <PaginationBar
          page={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={setPage}
        />
      )}
      {renaming && <RenameUnitModal unit={renaming} onClose={() => setRenaming(null)} />}
      {retiring && <RetireUnitModal unit={retiring} onClose={() => setRetiring(null)} />}
    </Stack>
  );
}
