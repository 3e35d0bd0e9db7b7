import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@toso/domain/users';

interface UsersTableProps {
  users: UserDto[];
  canManage: boolean;
  onEdit: (user: UserDto) => void;
}

/** Users as a table on wide screens and as cards on phones. */
export function UsersTable({ users, canManage, onEdit }: UsersTableProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const status = (u: UserDto) => (
    <Badge color={u.isActive ? 'teal' : 'gray'} variant="light">
      {u.isActive ? t('users.active') : t('users.inactive')}
    </Badge>
  );
  const edit = (u: UserDto) =>
    canManage && (
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => onEdit(u)}
        aria-label={t('users.editNamed', { name: u.fullName })}
      >
        {t('common.edit')}
      </Button>
    );

  if (phone) {
    return (
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {users.map((u) => (
          <Paper key={u.id} component="li" withBorder p="sm" data-testid="user-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={600} className="toso-break">
                  {u.fullName}
                </Text>
                <Text size="sm" c="dimmed" className="toso-break">
                  {u.username} · {t(`role.${u.role}`)}
                </Text>
                <Text size="sm" className="toso-break">
                  {u.unitName ?? t('users.noUnit')}
                </Text>
                <div>{status(u)}</div>
              </Stack>
              {edit(u)}
            </Group>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label={t('users.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.fullName')}</Table.Th>
            <Table.Th>{t('users.username')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.unit')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td fw={600}>{u.fullName}</Table.Td>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{t(`role.${u.role}`)}</Table.Td>
              <Table.Td>{u.unitName ?? t('users.noUnit')}</Table.Td>
              <Table.Td>{status(u)}</Table.Td>
              {canManage && <Table.Td>{edit(u)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
