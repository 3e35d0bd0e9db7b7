import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto } from '@toso/domain/registry';
import { useHouseholdList } from '../../api/registry';

export const householdLabel = (h: Pick<HouseholdDto, 'headName' | 'address' | 'hamletName'>) =>
  [h.headName || '—', h.address, h.hamletName].filter(Boolean).join(' · ');

/** Searchable household select (by head's name or address), in the user's scope. */
export function HouseholdSelect(props: {
  label: string;
  value: HouseholdDto | null;
  onChange: (household: HouseholdDto | null) => void;
  error?: React.ReactNode;
  excludeId?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const query = useHouseholdList({ q: debounced || undefined, pageSize: 20 });
  const items = useMemo(() => {
    const list = (query.data?.items ?? []).filter((h) => h.id !== props.excludeId);
    if (props.value && !list.some((h) => h.id === props.value?.id)) list.unshift(props.value);
    return list;
  }, [query.data, props.value, props.excludeId]);
  return (
    <Select
      label={props.label}
      placeholder={t('households.pickPlaceholder')}
      searchable
      clearable
      required={props.required}
      data={items.map((h) => ({ value: h.id, label: householdLabel(h) }))}
      value={props.value?.id ?? null}
      onChange={(id) => props.onChange(items.find((h) => h.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('households.pickNothing')}
      rightSection={query.isFetching ? <Loader size="xs" /> : undefined}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
