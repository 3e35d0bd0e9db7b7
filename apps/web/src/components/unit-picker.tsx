import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitLevel } from '@toso/domain/roles';
import { useUnitList } from '../api/units';

interface UnitPickerProps {
  label: string;
  value: string | null;
  /** Name to show for the current value before any search (e.g. the user's unitName). */
  valueLabel?: string | null;
  levels: readonly UnitLevel[];
  onChange: (id: string | null, name: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  description?: string;
}

/** Searchable unit select: queries /api/units?q= in the user's scope, filtered by level. */
export function UnitPicker(props: UnitPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const singleLevel = props.levels.length === 1 ? props.levels[0] : undefined;
  const query = useUnitList(
    { q: debounced, level: singleLevel, pageSize: 30 },
    debounced.length >= 2,
  );

  const data = useMemo(() => {
    const options = (query.data?.items ?? [])
      .filter((u) => props.levels.includes(u.level))
      .map((u) => ({
        value: u.id,
        label: u.path.length > 1 ? `${u.name} — ${u.path[u.path.length - 2]?.name}` : u.name,
      }));
    if (props.value && !options.some((o) => o.value === props.value)) {
      options.unshift({ value: props.value, label: props.valueLabel ?? props.value });
    }
    return options;
  }, [query.data, props.levels, props.value, props.valueLabel]);

  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('unitPicker.placeholder')}
      searchable
      clearable
      required={props.required}
      data={data}
      value={props.value}
      onChange={(id, option) => props.onChange(id, id ? option.label : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced.length < 2 ? t('unitPicker.typeMore') : t('unitPicker.nothingFound')
      }
      rightSection={query.isFetching ? <Loader size="xs" /> : undefined}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
