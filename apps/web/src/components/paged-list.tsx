import { Loader, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/client';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { PaginationBar } from './pagination-bar';
import { usePageFor } from './use-page-for';

/**
 * A search box's text, its debounced value (what the server is asked) and the page, back to 1
 * whenever the search (or `filters`, the list's other filters) changes.
 */
export function useSearchPaging(filters = '') {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = usePageFor(`${debounced}\u0000${filters}`);
  return { search, setSearch, debounced, page, setPage };
}

/** The search box above a paged list: a magnifier, at most 420 px wide; `onChange` gets the text. */
export function SearchInput(
  props: Omit<TextInputProps, 'type' | 'onChange'> & { onChange: (text: string) => void },
) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      type="search"
      leftSection={<IconSearch size={16} />}
      maw={420}
      {...rest}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/**
 * One server page of a list with its states: the error (with retry), the loader, the empty state
 * (what to do next), a summary line above the items (a count) and, below them, the pager. While
 * the next page loads, the items shown are dimmed.
 */
export function PagedList<P extends Page<unknown>>(props: {
  query: UseQueryResult<P>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  empty: ReactNode;
  /** What to do next, under the empty state's sentence. */
  emptyAction?: ReactNode;
  /** Above the items when there are some: how many were found, for instance. */
  summary?: (data: P) => ReactNode;
  children: (items: P['items']) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return (
    <>
      {query.data.items.length === 0 ? (
        <EmptyState action={props.emptyAction}>{props.empty}</EmptyState>
      ) : (
        <>
          {props.summary?.(query.data)}
          <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
            {props.children(query.data.items)}
          </div>
        </>
      )}
      <PaginationBar
        page={props.page}
        pageSize={props.pageSize}
        total={query.data.total}
        onChange={props.onPage}
      />
    </>
  );
}
