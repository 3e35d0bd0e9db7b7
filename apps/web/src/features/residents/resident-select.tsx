import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDto } from '@toso/domain/registry';
import { useResidentList } from '../../api/registry';

/** Searchable resident select: name without accents, phone or birth year. */
export function ResidentSelect(props: {
  label: string;
  value: ResidentDto | null;
  onChange: (resident: ResidentDto | null) => void;
  excludeId?: string;
  error?: React.ReactNode;
  required?: boolean;
  description?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const query = useResidentList({ q: debounced, pageSize: 20 }, debounced.length >= 2);
  const items = useMemo(() => {
    const list = (query.data?.items ?? []).filter(
      (r) => r.id !== props.excludeId && r.status === 'active',
    );
    if (props.value && !list.some((r) => r.id === props.value?.id)) list.unshift(props.value);
    return list;
  }, [query.data, props.value, props.excludeId]);
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('residents.searchPlaceholder')}
      searchable
      clearable
      required={props.required}
      data={items.map((r) => ({
        value: r.id,
        label: `${r.fullName} (${r.birthYear ?? '?'}) · ${r.householdHead || '—'} · ${r.hamletName}`,
      }))}
      value={props.value?.id ?? null}
      onChange={(id) => props.onChange(items.find((r) => r.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced.length < 2 ? t('unitPicker.typeMore') : t('residents.emptySearchShort')
      }
      rightSection={query.isFetching ? <Loader size="xs" /> : undefined}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
