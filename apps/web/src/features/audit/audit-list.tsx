import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto } from '@toso/domain/users';
import { formatDateTime } from '../../components/dates';
import { formatAuditSummary } from './audit-summary';

/** Audit entries: a table on wide screens, cards on phones. */
export function AuditList({ entries }: { entries: AuditEntryDto[] }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const who = (e: AuditEntryDto) =>
    e.username
      ? `${e.username}${e.role ? ` (${t(`role.${e.role}`, { defaultValue: e.role })})` : ''}`
      : t('audit.system');
  const what = (e: AuditEntryDto) =>
    `${t(`audit.actionName.${e.action}`, { defaultValue: e.action })} · ${t(`audit.entityName.${e.entity}`, { defaultValue: e.entity })}`;

  if (phone) {
    return (
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {entries.map((e) => (
          <Paper key={e.id} component="li" withBorder p="sm" data-testid="audit-card">
            <Stack gap={4}>
              <Group justify="space-between" gap="xs">
                <Badge variant="light" tt="none">
                  {what(e)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at, i18n.language)}
                </Text>
              </Group>
              <Text size="sm" className="toso-break">
                {formatAuditSummary(e.summary, t)}
              </Text>
              <Text size="xs" c="dimmed">
                {who(e)}
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={t('audit.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.who')}</Table.Th>
            <Table.Th>{t('audit.what')}</Table.Th>
            <Table.Th>{t('audit.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(e.at, i18n.language)}
              </Table.Td>
              <Table.Td>{who(e)}</Table.Td>
              <Table.Td>{what(e)}</Table.Td>
              <Table.Td className="toso-break">{formatAuditSummary(e.summary, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
