import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconChevronRight, IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CoverageDto } from '@toso/domain/teams';
import { coverageKeys, coverageXlsxUrl, useCoverage } from '../../api/coverage';
import { createTeam, teamKeys } from '../../api/teams';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';

type Commune = CoverageDto['communes'][number];
type HamletRow = Commune['hamletRows'][number];

/** Establishment board: who has a team, who waits for a decision, who has none, against the deadline. */
export function CoveragePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? me.user.unitId ?? undefined;
  const communeId = params.get('commune');
  const board = useCoverage(unitId);
  const isCommuneUser = me.user.role === 'commune_officer' || me.user.role === 'team_leader';

  const pickUnit = (id: string | null) => {
    const next = new URLSearchParams();
    if (id) next.set('unitId', id);
    setParams(next);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t('coverage.title')}
        description={board.data ? board.data.unitName : undefined}
        actions={
          <Button
            component="a"
            href={coverageXlsxUrl(unitId)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('coverage.export')}
          </Button>
        }
      />
      {!isCommuneUser && (
        <UnitPicker
          label={t('coverage.unit')}
          levels={['province', 'district', 'commune']}
          value={unitId ?? null}
          valueLabel={board.data?.unitName ?? me.user.unitName}
          onChange={(id) => pickUnit(id)}
        />
      )}
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Board data={board.data} communeId={communeId} />
      )}
    </Stack>
  );
}

function Board(props: { data: CoverageDto; communeId: string | null }) {
  const { t, i18n } = useTranslation();
  const { data } = props;
  const single = data.communes.length === 1 ? data.communes[0] : undefined;
  const opened = single ?? data.communes.find((c) => c.communeId === props.communeId);
  const overdue = data.daysLeft < 0;
  return (
    <Stack gap="md">
      <Alert
        color={overdue ? (data.totals.none + data.totals.awaiting > 0 ? 'red' : 'gray') : 'blue'}
        title={t('coverage.deadline', { date: formatDate(data.deadline, i18n.language) })}
        data-testid="deadline"
      >
        {data.daysLeft === 0
          ? t('coverage.dueToday')
          : overdue
            ? t('coverage.overdue', { count: -data.daysLeft })
            : t('coverage.daysLeft', { count: data.daysLeft })}
      </Alert>
      <Totals totals={opened && !single ? opened : data.totals} />
      {data.communes.length === 0 ? (
        <EmptyState>{t('coverage.empty')}</EmptyState>
      ) : opened ? (
        <CommuneHamlets commune={opened} showBack={!single} />
      ) : (
        <CommuneTable communes={data.communes} />
      )}
    </Stack>
  );
}

function Totals(props: { totals: CoverageDto['totals'] }) {
  const { t } = useTranslation();
  const x = props.totals;
  const cards = [
    { key: 'hamlets', label: t('coverage.hamlets'), value: x.hamlets, color: undefined },
    {
      key: 'established',
      label: t('coverage.established'),
      value: x.established,
      color: 'teal',
      note: x.establishedLate > 0 ? t('coverage.ofWhichLate', { count: x.establishedLate }) : null,
    },
    { key: 'awaiting', label: t('coverage.awaiting'), value: x.awaiting, color: 'orange' },
    {
      key: 'none',
      label: t('coverage.none'),
      value: x.none,
      color: x.none > 0 ? 'red' : undefined,
    },
    {
      key: 'failing',
      label: t('coverage.failingComposition'),
      value: x.failingComposition,
      color: x.failingComposition > 0 ? 'orange' : undefined,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs">
      {cards.map((c) => (
        <Paper key={c.key} withBorder p="sm" radius="md" data-testid={`stat-${c.key}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} className="toso-break">
            {c.label}
          </Text>
          <Text size="xl" fw={700} c={c.color} data-testid="stat-value">
            {c.value}
          </Text>
          {c.note && (
            <Text size="xs" c="dimmed">
              {c.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ratio(c: { established: number; hamlets: number }) {
  return c.hamlets === 0 ? 0 : Math.round((c.established / c.hamlets) * 100);
}

function CommuneTable(props: { communes: Commune[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const linkTo = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('commune', id);
    return `?${next.toString()}`;
  };
  return (
    <>
      <Table.ScrollContainer minWidth={640} visibleFrom="sm">
        <Table highlightOnHover aria-label={t('coverage.communes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('coverage.commune')}</Table.Th>
              <Table.Th w="30%">{t('coverage.progress')}</Table.Th>
              <Table.Th ta="right">{t('coverage.awaiting')}</Table.Th>
              <Table.Th ta="right">{t('coverage.none')}</Table.Th>
              <Table.Th ta="right">{t('coverage.failingComposition')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.communes.map((c) => (
              <Table.Tr
                key={c.communeId}
                bg={c.isLate ? 'var(--mantine-color-red-light)' : undefined}
                data-testid="commune-row"
              >
                <Table.Td>
                  <Group gap={6}>
                    <Anchor component={Link} to={linkTo(c.communeId)} fw={600}>
                      {c.communeName}
                    </Anchor>
                    {c.isLate && (
                      <Badge color="red" size="sm">
                        {t('coverage.late')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <ProgressLine commune={c} />
                </Table.Td>
                <Table.Td ta="right">{c.awaiting}</Table.Td>
                <Table.Td ta="right">{c.none}</Table.Td>
                <Table.Td ta="right">{c.failingComposition}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {props.communes.map((c) => (
          <Paper
            key={c.communeId}
            withBorder
            radius="md"
            style={c.isLate ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
          >
            <UnstyledButton component={Link} to={linkTo(c.communeId)} p="sm" w="100%">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600}>{c.communeName}</Text>
                    {c.isLate && (
                      <Badge color="red" size="sm">
                        {t('coverage.late')}
                      </Badge>
                    )}
                  </Group>
                  <ProgressLine commune={c} />
                  <Text size="xs" c="dimmed">
                    {t('coverage.communeSummary', {
                      awaiting: c.awaiting,
                      none: c.none,
                      failing: c.failingComposition,
                    })}
                  </Text>
                </Stack>
                <IconChevronRight size={18} aria-hidden />
              </Group>
            </UnstyledButton>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

function ProgressLine(props: { commune: { established: number; hamlets: number } }) {
  const { t } = useTranslation();
  const c = props.commune;
  const label = t('coverage.establishedOf', { established: c.established, hamlets: c.hamlets });
  return (
    <Stack gap={2}>
      <Progress
        value={ratio(c)}
        color={ratio(c) === 100 ? 'teal' : 'blue'}
        size="lg"
        aria-label={label}
      />
      <Text size="xs">{label}</Text>
    </Stack>
  );
}

const STATE_COLORS = { established: 'teal', awaiting: 'orange', none: 'red' } as const;

function CommuneHamlets(props: { commune: Commune; showBack: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const c = props.commune;
  const back = new URLSearchParams(params);
  back.delete('commune');
  return (
    <Stack gap="sm">
      {props.showBack && (
        <Anchor component={Link} to={`?${back.toString()}`} size="sm">
          ← {t('coverage.allCommunes')}
        </Anchor>
      )}
      <Group justify="space-between" gap="xs">
        <Title order={3}>{c.communeName}</Title>
        <div style={{ minWidth: 200, flex: '0 1 320px' }}>
          <ProgressLine commune={c} />
        </div>
      </Group>
      {c.hamletRows.length === 0 ? (
        <EmptyState>{t('coverage.noHamlets')}</EmptyState>
      ) : (
        <Stack gap="xs" role="list" aria-label={t('coverage.hamletList', { name: c.communeName })}>
          {c.hamletRows.map((h) => (
            <HamletRowView key={h.hamletId} row={h} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function HamletRowView(props: { row: HamletRow }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const h = props.row;
  const create = useMutation({
    mutationFn: () => createTeam({ hamletId: h.hamletId }),
    onSuccess: async (team) => {
      queryClient.setQueryData(teamKeys.detail(team.id), team);
      notifySuccess(t('coverage.teamCreated', { name: team.name }));
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      void navigate(`/teams/${team.id}`);
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      role="listitem"
      data-testid="hamlet-row"
      data-state={h.state}
      aria-label={h.hamletName}
    >
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Text fw={600} className="toso-break">
            {h.hamletName}
          </Text>
          <Group gap={6}>
            <Badge color={STATE_COLORS[h.state]} variant="light" data-testid="hamlet-state">
              {t(`coverage.state.${h.state}`)}
            </Badge>
            {h.isLate && (
              <Badge color="red" variant="outline" size="sm">
                {t('coverage.lateHamlet')}
              </Badge>
            )}
            {h.compositionComplete !== null && (
              <Badge color={h.compositionComplete ? 'teal' : 'orange'} variant="outline" size="sm">
                {h.compositionComplete ? t('composition.complete') : t('composition.incomplete')}
              </Badge>
            )}
            {h.decisionStatus === 'draft' && (
              <Badge color="gray" variant="outline" size="sm">
                {t('coverage.draftDecision')}
              </Badge>
            )}
            {h.establishedOn && (
              <Text size="xs" c="dimmed">
                {t('teams.establishedOn', { date: formatDate(h.establishedOn, i18n.language) })}
              </Text>
            )}
          </Group>
        </Stack>
        {h.teamId ? (
          <Button
            component={Link}
            to={`/teams/${h.teamId}`}
            variant="light"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            aria-label={t('coverage.openTeamOf', { name: h.hamletName })}
          >
            {t('coverage.openTeam')}
          </Button>
        ) : can('teams:write') ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            loading={create.isPending}
            onClick={() => create.mutate()}
            aria-label={t('coverage.createTeamFor', { name: h.hamletName })}
          >
            {t('coverage.createTeam')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
