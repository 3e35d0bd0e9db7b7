import { Button, Stack, TextInput } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@toso/domain/users';
import { useUserList } from '../../api/users';
import { useCan } from '../../app/auth-guard';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { CreateUserModal } from './create-user-modal';
import { EditUserModal } from './edit-user-modal';
import { UsersTable } from './users-table';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
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
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('users.emptySearch', { q: debounced }) : t('users.empty')}
      >
        {(items) => <UsersTable users={items} canManage={canManage} onEdit={setEditing} />}
      </PagedList>
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
