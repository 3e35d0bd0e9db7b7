import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronRight, IconDownload, IconFileZip, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TEAM_STATUSES, type TeamStatus, type TeamSummaryDto } from '@toso/domain/teams';
import { decisionsZipUrl } from '../../api/decisions';
import { teamsExportUrl, useTeamList } from '../../api/teams';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { TeamStatusBadge } from './team-labels';

const PAGE_SIZE = 20;

export function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<TeamStatus | ''>('');
  const { search, setSearch, debounced, page, setPage } = useSearchPaging(status);
  const [selected, setSelected] = useState<Record<string, string>>({});
  const list = useTeamList({
    q: debounced || undefined,
    status: status || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const selectedIds = Object.values(selected);
  const toggle = (team: TeamSummaryDto, on: boolean) =>
    setSelected((old) => {
      const next = { ...old };
      if (on && team.decision) next[team.id] = team.decision.id;
      else delete next[team.id];
      return next;
    });

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        actions={
          <Button
            component="a"
            href={teamsExportUrl()}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('teams.export')}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t('teams.search')}
          placeholder={t('teams.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 420 }}
        />
        <NativeSelect
          label={t('teams.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as TeamStatus | '')}
          data={[
            { value: '', label: t('teams.allStatuses') },
            ...TEAM_STATUSES.map((s) => ({ value: s, label: t(`teamStatus.${s}`) })),
          ]}
          style={{ flex: '0 1 200px' }}
        />
      </Group>
      {selectedIds.length > 0 && (
        <Paper withBorder p="xs" radius="md">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('teams.selected', { count: selectedIds.length })}</Text>
            <Group gap="xs">
              <Button variant="subtle" size="xs" onClick={() => setSelected({})}>
                {t('teams.clearSelection')}
              </Button>
              <Button
                component="a"
                href={decisionsZipUrl(selectedIds)}
                download
                size="xs"
                leftSection={<IconFileZip size={16} />}
              >
                {t('teams.zip')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={debounced || status ? t('teams.emptySearch') : t('teams.empty')}
        emptyAction={
          !debounced &&
          !status &&
          can('teams:write') && (
            <Button component={Link} to="/coverage" variant="light">
              {t('teams.goToBoard')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                checked={team.id in selected}
                onCheck={(on) => toggle(team, on)}
              />
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}

function TeamRow(props: {
  team: TeamSummaryDto;
  checked: boolean;
  onCheck: (on: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { team } = props;
  return (
    <Paper withBorder radius="md" data-testid="team-row">
      <Group wrap="nowrap" gap={0} align="stretch">
        <Group px="sm" style={{ flex: '0 0 auto' }}>
          <Checkbox
            checked={props.checked}
            disabled={!team.decision}
            onChange={(e) => props.onCheck(e.currentTarget.checked)}
            aria-label={t('teams.selectDecision', { name: team.name })}
          />
        </Group>
        <UnstyledButton
          component={Link}
          to={`/teams/${team.id}`}
          py="sm"
          pr="sm"
          style={{ flex: 1, minWidth: 0 }}
        >
          <Group wrap="nowrap" gap="xs" justify="space-between">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Text fw={600} className="toso-break">
                {team.name}
              </Text>
              <Text size="sm" c="dimmed" className="toso-break">
                {[team.hamletName, team.communeName].filter(Boolean).join(' · ')}
              </Text>
              <Group gap={6}>
                <TeamStatusBadge status={team.status} />
                <Badge variant="default" size="sm">
                  {t('teams.members', { count: team.memberCount })}
                </Badge>
                <Badge
                  size="sm"
                  variant="light"
                  color={team.composition.isComplete ? 'teal' : 'orange'}
                >
                  {team.composition.isComplete
                    ? t('composition.complete')
                    : t('composition.incomplete')}
                </Badge>
                {team.decision && (
                  <Badge
                    size="sm"
                    variant="outline"
                    color={team.decision.status === 'issued' ? 'teal' : 'gray'}
                  >
                    {t('teams.decisionBadge', {
                      number: team.decision.number,
                      status: t(`decision.status.${team.decision.status}`),
                    })}
                  </Badge>
                )}
                {team.establishedOn && (
                  <Text size="xs" c="dimmed">
                    {t('teams.establishedOn', {
                      date: formatDate(team.establishedOn, i18n.language),
                    })}
                  </Text>
                )}
                {team.isDemo && (
                  <Badge size="sm" color="grape" variant="light">
                    {t('units.demo')}
                  </Badge>
                )}
              </Group>
            </Stack>
            <IconChevronRight size={18} color="var(--mantine-color-dimmed)" aria-hidden />
          </Group>
        </UnstyledButton>
      </Group>
    </Paper>
  );
}
