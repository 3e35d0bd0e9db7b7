import {
  ActionIcon,
  Anchor,
  Badge,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconDoorExit, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MemberDto } from '@toso/domain/teams';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { affiliationLabel, teamRoleLabel } from './team-labels';

interface Props {
  members: MemberDto[];
  former?: boolean;
  canEdit: boolean;
  onEdit: (m: MemberDto) => void;
  onLeave: (m: MemberDto) => void;
}

function OtherTeamsBadge(props: { member: MemberDto }) {
  const { t } = useTranslation();
  if (props.member.otherActiveTeams.length === 0) return null;
  return (
    <Tooltip
      multiline
      w={260}
      label={props.member.otherActiveTeams.map((x) => x.teamName).join(', ')}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge color="orange" variant="light" size="sm" tabIndex={0}>
        {t('members.inOtherTeam')}
      </Badge>
    </Tooltip>
  );
}

function MemberActions(props: Props & { member: MemberDto }) {
  const { t } = useTranslation();
  if (!props.canEdit || props.former) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={t('members.actionsFor', { name: props.member.fullName })}
        >
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconPencil size={16} />}
          onClick={() => props.onEdit(props.member)}
        >
          {t('common.edit')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconDoorExit size={16} />}
          onClick={() => props.onLeave(props.member)}
        >
          {t('members.leave')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The member's trainings and national courses (features/trainings). */
function TrainingHistoryLink(props: { member: MemberDto }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can('trainings:read')) return null;
  return (
    <Anchor component={Link} to={`/trainings/members/${props.member.id}`} size="xs">
      {t('trainings.historyLink')}
    </Anchor>
  );
}

/** Members as a table on wide screens and as cards on phones. */
export function MembersTable(props: Props) {
  const { t, i18n } = useTranslation();
  const dates = (m: MemberDto) =>
    props.former
      ? `${m.joinedOn ? formatDate(m.joinedOn, i18n.language) : '…'} – ${
          m.leftOn ? formatDate(m.leftOn, i18n.language) : '…'
        }`
      : m.joinedOn
        ? formatDate(m.joinedOn, i18n.language)
        : '—';
  const phoneLink = (m: MemberDto) =>
    m.phone ? (
      <Text component="a" href={`tel:${m.phone}`} size="sm" c="blue">
        {m.phone}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table
          striped
          highlightOnHover
          aria-label={props.former ? t('members.formerTitle') : t('members.title')}
          data-testid={props.former ? 'former-members' : 'members'}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('members.fullName')}</Table.Th>
              <Table.Th>{t('members.role')}</Table.Th>
              <Table.Th>{t('members.affiliation')}</Table.Th>
              <Table.Th>{t('members.phone')}</Table.Th>
              <Table.Th>{props.former ? t('members.period') : t('members.joinedOn')}</Table.Th>
              {props.canEdit && !props.former && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.members.map((m) => (
              <Table.Tr key={m.id} data-testid="member-row">
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={600} className="toso-break">
                      {m.fullName}
                    </Text>
                    <OtherTeamsBadge member={m} />
                  </Group>
                  {m.position && (
                    <Text size="xs" c="dimmed">
                      {m.position}
                    </Text>
                  )}
                  <TrainingHistoryLink member={m} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge
                    style={{ overflow: 'visible' }}
                    variant={m.role === 'member' ? 'default' : 'light'}
                    color={m.role === 'leader' ? 'blue' : 'cyan'}
                  >
                    {teamRoleLabel(t, m.role)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{affiliationLabel(t, m.affiliation)}</Text>
                </Table.Td>
                <Table.Td>{phoneLink(m)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{dates(m)}</Text>
                </Table.Td>
                {props.canEdit && !props.former && (
                  <Table.Td>
                    <MemberActions {...props} member={m} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {props.members.map((m) => (
          <Paper key={m.id} withBorder p="sm" radius="md" data-testid="member-card">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text fw={600} className="toso-break">
                    {m.fullName}
                  </Text>
                  <Badge
                    size="sm"
                    variant={m.role === 'member' ? 'default' : 'light'}
                    color={m.role === 'leader' ? 'blue' : 'cyan'}
                  >
                    {teamRoleLabel(t, m.role)}
                  </Badge>
                  <OtherTeamsBadge member={m} />
                </Group>
                <Text size="sm" c="dimmed" className="toso-break">
                  {[affiliationLabel(t, m.affiliation), m.position].filter(Boolean).join(' · ')}
                </Text>
                {phoneLink(m)}
                <TrainingHistoryLink member={m} />
                {props.former && <Text size="xs">{dates(m)}</Text>}
              </Stack>
              <MemberActions {...props} member={m} />
            </Group>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

export function TeamLink(props: { id: string; name: string }) {
  return (
    <Text component={Link} to={`/teams/${props.id}`} fw={600} c="blue" className="toso-break">
      {props.name}
    </Text>
  );
}
