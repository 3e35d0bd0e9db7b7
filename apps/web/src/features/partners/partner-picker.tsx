import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartnerList } from '../../api/trainings';

const PICKER_SIZE = 30;

/**
 * Searchable partner select: asks /api/partners?q= (accent-insensitive, in the user's scope) as
 * the user types, so any partner can be picked however many there are.
 */
export function PartnerPicker(props: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: React.ReactNode;
  /** Shown when nothing matches (e.g. how to add a partner). */
  nothingFound?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  // The search box shows the picked name: do not query by it.
  const typed = picked && search === picked.label ? '' : search.trim();
  const [debounced] = useDebouncedValue(typed, 300);
  const list = usePartnerList(debounced, 1, PICKER_SIZE);
  const data = useMemo(() => {
    const options = (list.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
    if (picked && picked.value === props.value && !options.some((o) => o.value === picked.value))
      options.unshift(picked);
    return options;
  }, [list.data, picked, props.value]);
  const more = (list.data?.total ?? 0) - (list.data?.items.length ?? 0);
  return (
    <Select
      label={props.label}
      placeholder={t('review.partnerSearch')}
      description={more > 0 ? t('review.partnerMore', { count: more }) : undefined}
      searchable
      clearable
      data={data}
      value={props.value}
      onChange={(id, option) => {
        setPicked(id ? { value: id, label: option.label } : null);
        props.onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={
        list.isFetching ? t('common.loading') : (props.nothingFound ?? t('review.partnerNothing'))
      }
      rightSection={list.isFetching ? <Loader size="xs" /> : undefined}
      error={props.error}
      comboboxProps={{ withinPortal: true }}
      style={props.style}
    />
  );
}
