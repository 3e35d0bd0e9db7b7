import { Button, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { usePageFor } from '../../components/use-page-for';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@toso/domain/users';
import { useUserList } from '../../api/users';
import { useCan } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { PaginationBar } from '../../components/pagination-bar';
import { CreateUserModal } from './create-user-modal';
import { EditUserModal } from './edit-user-modal';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [page, setPage] = usePageFor(debounced);
  const list = useUserList({ q: debounced || undefined, page, pageSize: PAGE_SIZE });
  const canManage = can('users:manage');

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
              {t('users.add')}
            </Button>
          )
        }
      />
      <TextInput
        type="search"
        label={t('users.search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={480}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>
          {debounced ? t('users.emptySearch', { q: debounced }) : t('users.empty')}
        </EmptyState>
      ) : (
        <UsersTable users={list.data.items} canManage={canManage} onEdit={setEditing} />
      )}
      {list.data && (
        <PaginationBar
          page={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={setPage}
        />
      )}
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
