import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Group,
  Loader,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { DashboardDto } from '@toso/domain/dashboard';
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { useDashboard } from './dashboard-api';
import { EChart } from './echart';
import { percent, ProjectionText } from './figures';
import { PhasesTimeline } from './phases-timeline';

/** Where a unit stands against the 70% goal, its targets and coverage, and which children lag. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? me.user.unitId ?? undefined;
  // An optional reference date in the address (?date=YYYY-MM-DD) keeps the view of that day.
  const date = params.get('date') ?? undefined;
  const board = useDashboard(unitId, date);
  const open = (id: string) =>
    setParams(new URLSearchParams({ unitId: id, ...(date ? { date } : {}) }));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('dashboard.title')}
        description={
          board.data
            ? t('dashboard.asOf', { unit: board.data.unit.name, date: fmt(board.data.date) })
            : undefined
        }
      />
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Board data={board.data} onOpen={open} />
      )}
    </Stack>
  );
}

const fmt = (iso: string) => iso.split('-').reverse().join('/');

function Board({ data, onOpen }: { data: DashboardDto; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const residents = (unitId: string, kpi?: 'able' | 'working_age' | 'unknown_age') =>
    `/residents?unitId=${unitId}${kpi ? `&kpi=${kpi}&on=${data.date}` : ''}`;
  return (
    <Stack gap="md">
      {data.trail.length > 1 && (
        <Breadcrumbs separator="›" className="toso-break">
          {data.trail.map((u) =>
            u.id === data.unit.id ? (
              <Text key={u.id} size="sm" fw={600}>
                {u.name}
              </Text>
            ) : (
              <Anchor key={u.id} size="sm" component="button" onClick={() => onOpen(u.id)}>
                {u.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="md" data-testid="kpi-card">
          <Text size="sm" c="dimmed">
            {t('dashboard.kpi.title', { goal: percent(data.goal) })}
          </Text>
          <Group align="baseline" gap="xs">
            <Title order={2} data-testid="kpi-rate">
              {percent(data.kpi.rate)}
            </Title>
            <Text size="sm">
              <Anchor component={Link} to={residents(data.unit.id, 'able')} data-testid="kpi-able">
                {data.kpi.able.toLocaleString('vi-VN')}
              </Anchor>
              {' / '}
              <Anchor component={Link} to={residents(data.unit.id, 'working_age')}>
                {data.kpi.workingAge.toLocaleString('vi-VN')}
              </Anchor>{' '}
              {t('dashboard.kpi.people')}
            </Text>
          </Group>
          <Progress
            mt="xs"
            value={Math.min(100, (data.kpi.rate ?? 0) * 100)}
            color={(data.kpi.rate ?? 0) >= data.goal ? 'teal' : 'blue'}
            aria-label={t('dashboard.kpi.progress')}
          />
          <Text size="sm" mt="xs">
            <ProjectionText projection={data.projection} deadline={data.deadline} />
          </Text>
          {data.kpi.unknownAge > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              <Anchor component={Link} to={residents(data.unit.id, 'unknown_age')} size="xs">
                {t('dashboard.kpi.unknownAge', { count: data.kpi.unknownAge })}
              </Anchor>
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="sm" c="dimmed">
            {t('dashboard.trend.title')}
          </Text>
          <TrendChart data={data} />
        </Paper>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Figure
          label={t('dashboard.coverage.teams')}
          value={data.coverage.hamletsWithTeam}
          to={`/coverage?unitId=${data.unit.id}`}
        />
        <Figure
          label={t('dashboard.coverage.chat')}
          value={data.coverage.householdsInChat}
          to={`/households?unitId=${data.unit.id}`}
        />
        <Figure label={t('dashboard.coverage.trained')} value={data.coverage.membersTrained} />
      </SimpleGrid>

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="xs">
          {t('dashboard.targets.title')}
          {data.campaign && (
            <Text span size="sm" c="dimmed" ml="xs">
              {data.campaign.name}
            </Text>
          )}
        </Title>
        {data.indicators.length === 0 ? (
          <EmptyState>{t('dashboard.targets.empty')}</EmptyState>
        ) : (
          <Stack gap="xs">
            {data.indicators.map((i) => {
              const share = i.target ? i.reached / i.target : null;
              return (
                <div key={i.indicatorId}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" className="toso-break">
                      {i.platformName}: {OUTCOME_LABELS[i.outcome].toLocaleLowerCase('vi')}
                    </Text>
                    <Anchor component={Link} to={residents(data.unit.id)} size="sm">
                      {i.reached.toLocaleString('vi-VN')}
                      {i.target !== null ? ` / ${i.target.toLocaleString('vi-VN')}` : ''}
                    </Anchor>
                  </Group>
                  <Progress
                    value={Math.min(100, (share ?? 0) * 100)}
                    color={share !== null && share >= 1 ? 'teal' : 'blue'}
                    aria-label={i.platformName}
                  />
                </div>
              );
            })}
          </Stack>
        )}
      </Paper>

      {data.children.length > 0 && <Children data={data} onOpen={onOpen} />}

      <Paper withBorder p="md" radius="md">
        <Title order={3} size="h4" mb="xs">
          {t('dashboard.phases.title')}
        </Title>
        <PhasesTimeline
          campaign={data.campaign}
          phases={data.phases}
          date={data.date}
          canEdit={can('settings:write')}
        />
      </Paper>
    </Stack>
  );
}

function Figure(props: {
  label: string;
  value: { count: number; total: number } | null;
  to?: string;
}) {
  const { t } = useTranslation();
  const v = props.value;
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      {v === null ? (
        <Text fw={600} c="dimmed" mt={4}>
          {t('dashboard.noData')}
        </Text>
      ) : (
        <>
          <Group gap="xs" align="baseline">
            <Title order={3}>{percent(v.total ? v.count / v.total : null)}</Title>
            {props.to ? (
              <Anchor component={Link} to={props.to} size="sm">
                {v.count.toLocaleString('vi-VN')} / {v.total.toLocaleString('vi-VN')}
              </Anchor>
            ) : (
              <Text size="sm">
                {v.count} / {v.total}
              </Text>
            )}
          </Group>
          <Progress value={v.total ? (100 * v.count) / v.total : 0} aria-label={props.label} />
        </>
      )}
    </Paper>
  );
}

function TrendChart({ data }: { data: DashboardDto }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      grid: { left: 40, right: 12, top: 16, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: {
        type: 'category',
        data: data.trend.map((p) => `${p.month.slice(5)}/${p.month.slice(2, 4)}`),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'line',
          name: t('dashboard.trend.series'),
          data: data.trend.map((p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10)),
          markLine: {
            symbol: 'none',
            silent: true,
            data: [{ yAxis: data.goal * 100, name: t('dashboard.trend.goal') }],
            label: { formatter: t('dashboard.trend.goal') },
            lineStyle: { type: 'dashed', color: '#2f9e44' },
          },
        },
      ],
    }),
    [data, t],
  );
  return <EChart option={option} height={220} label={t('dashboard.trend.title')} />;
}

function Children({ data, onOpen }: { data: DashboardDto; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const behind = data.children.filter((c) => c.behind).length;
  const rows = [...data.children].sort((a, b) => (a.kpi.rate ?? -1) - (b.kpi.rate ?? -1));
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category',
        data: rows.map((c) =>
          c.unitName.replace(/^(Xã|Thị trấn|Phường|Xóm|Thôn|Tổ dân phố) /u, ''),
        ),
        axisLabel: { width: 90, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: t('dashboard.trend.series'),
          data: rows.map((c) => ({
            value: c.kpi.rate === null ? 0 : Math.round(c.kpi.rate * 1000) / 10,
            itemStyle: { color: c.behind ? '#e03131' : '#1c7ed6' },
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            data: [{ xAxis: data.goal * 100 }],
            lineStyle: { type: 'dashed', color: '#2f9e44' },
            label: { show: false },
          },
        },
      ],
    }),
    [rows, data.goal, t],
  );
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h4" mb="xs">
        {t(`dashboard.children.title.${data.unit.level}`, {
          defaultValue: t('dashboard.children.title.default'),
        })}
      </Title>
      {behind > 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} mb="sm">
          {t('dashboard.children.behind', { count: behind })}
        </Alert>
      )}
      <EChart
        option={option}
        height={Math.max(160, rows.length * 28 + 24)}
        label={t('dashboard.children.chart')}
      />
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover data-testid="children-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.children.unit')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.children.kpi')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.children.targets')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.children.teams')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.children.chat')}</Table.Th>
              <Table.Th ta="right">
                {t('dashboardReports.column', {
                  period: periodLabel(data.children[0]?.reporting.periodKey ?? ''),
                })}
              </Table.Th>
              <Table.Th>{t('dashboard.children.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.unitId} data-behind={c.behind ? 'true' : 'false'}>
                <Table.Td>
                  {c.level === 'hamlet' ? (
                    c.unitName
                  ) : (
                    <Anchor component="button" onClick={() => onOpen(c.unitId)}>
                      {c.unitName}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor
                    component={Link}
                    to={`/residents?unitId=${c.unitId}&kpi=able&on=${data.date}`}
                  >
                    {percent(c.kpi.rate)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {c.kpi.able}/{c.kpi.workingAge}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{percent(c.targetCompletion)}</Table.Td>
                <Table.Td ta="right">
                  <Anchor component={Link} to={`/coverage?unitId=${c.unitId}`}>
                    {c.hamletsWithTeam.count}/{c.hamletsWithTeam.total}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right">
                  <Anchor component={Link} to={`/households?unitId=${c.unitId}`}>
                    {c.householdsInChat.count}/{c.householdsInChat.total}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" data-testid="child-reporting">
                  <Anchor
                    component={Link}
                    to={`/reports?period=${c.reporting.periodKey}&unit=${c.unitId}`}
                    aria-label={t('dashboardReports.approvedOf', {
                      approved: c.reporting.approved,
                      expected: c.reporting.expected,
                    })}
                  >
                    {c.reporting.approved}/{c.reporting.expected}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('dashboardReports.sent', {
                      submitted: c.reporting.submitted,
                      onTime: c.reporting.onTime,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {c.behind ? (
                    <Badge color="red" variant="light">
                      {c.behindReasons.map((r) => t(`dashboard.children.reason.${r}`)).join(', ')}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      {t('dashboard.children.onTrack')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** "2022-12" → "12/2022". */
function periodLabel(key: string): string {
  const [y, m] = key.split('-');
  return y && m ? `${Number(m)}/${y}` : '';
}
