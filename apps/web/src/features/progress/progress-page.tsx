import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CampaignDto } from '@toso/domain/campaigns';
import type { CampaignProgressDto } from '@toso/domain/progress';
import { useCampaignProgress, useCampaigns } from '../../api/progress';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import {
  cellView,
  childViews,
  defaultPeriod,
  LEVEL_COLORS,
  PERIOD_CHOICES,
  periodsOf,
  sortChildren,
  type CellView,
  type ChildView,
  type PeriodChoice,
} from './progress-model';
import { usePeriodLabel } from './period-label';

type Indicator = CampaignProgressDto['indicators'][number];

/** Live progress against the campaign's targets for a unit and the units below it. */
export function ProgressPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaign =
    campaigns.data?.find((c) => c.id === params.get('campaign')) ?? campaigns.data?.[0];

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('progress.title')} description={campaign?.name} />
      {campaigns.isError ? (
        <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : !campaign ? (
        <EmptyState>{t('progress.noCampaign')}</EmptyState>
      ) : (
        <CampaignBoard
          campaigns={campaigns.data}
          campaign={campaign}
          params={params}
          onChange={set}
        />
      )}
    </Stack>
  );
}

function CampaignBoard(props: {
  campaigns: CampaignDto[];
  campaign: CampaignDto;
  params: URLSearchParams;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const { campaign, params } = props;
  const kindParam = params.get('kind') as PeriodChoice | null;
  const kind: PeriodChoice =
    kindParam && PERIOD_CHOICES.includes(kindParam) ? kindParam : 'campaign';
  const periods = periodsOf(campaign, kind);
  const period =
    periods.find((p) => p.key === params.get('period')) ?? defaultPeriod(periods, todayIso());
  const unitId = params.get('unit') ?? undefined;
  const progress = useCampaignProgress(campaign.id, {
    unitId,
    from: period?.from,
    to: period?.to,
  });

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {props.campaigns.length > 1 && (
          <Select
            label={t('progress.campaign')}
            data={props.campaigns.map((c) => ({ value: c.id, label: c.name }))}
            value={campaign.id}
            allowDeselect={false}
            onChange={(v) => props.onChange({ campaign: v, period: null })}
          />
        )}
        <Select
          label={t('progress.periodKind')}
          data={PERIOD_CHOICES.map((k) => ({ value: k, label: t(`progress.kind.${k}`) }))}
          value={kind}
          allowDeselect={false}
          onChange={(v) => props.onChange({ kind: v, period: null })}
          data-testid="period-kind"
        />
        {kind !== 'campaign' && (
          <Select
            label={t('progress.period')}
            data={periods.map((p) => ({ value: p.key, label: periodLabel(kind, p) }))}
            value={period?.key ?? null}
            allowDeselect={false}
            searchable
            onChange={(v) => props.onChange({ period: v })}
            data-testid="period"
          />
        )}
      </SimpleGrid>
      {progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Board data={progress.data} kind={kind} periodKey={period?.key ?? 'all'} />
      )}
    </Stack>
  );
}

/** Query string for another unit's board or for the records behind a figure, keeping the period. */
function useLinks(kind: PeriodChoice, periodKey: string, data: CampaignProgressDto) {
  const base = (extra: Record<string, string>) => {
    const q = new URLSearchParams({
      campaign: data.campaign.id,
      kind,
      period: periodKey,
      ...extra,
    });
    return q.toString();
  };
  return {
    unit: (unitId: string) => `/progress?${base({ unit: unitId })}`,
    records: (unitId: string, indicator: Indicator) =>
      `/progress/records?${base({
        unit: unitId,
        platform: indicator.platformId,
        outcome: indicator.outcome,
        from: data.from,
        to: data.to,
      })}`,
  };
}

function Board(props: { data: CampaignProgressDto; kind: PeriodChoice; periodKey: string }) {
  const { t, i18n } = useTranslation();
  const { data } = props;
  const links = useLinks(props.kind, props.periodKey, data);
  const hasTargets =
    data.indicators.some((i) => i.target !== null) ||
    data.children.some((c) => c.cells.some((x) => x.target !== null));
  return (
    <Stack gap="md">
      {data.trail.length > 1 && (
        <Breadcrumbs separator="›" separatorMargin={4} style={{ flexWrap: 'wrap' }}>
          {data.trail.map((u, n) =>
            n === data.trail.length - 1 ? (
              <Text key={u.id} size="sm" fw={600}>
                {u.name}
              </Text>
            ) : (
              <Anchor key={u.id} component={Link} to={links.unit(u.id)} size="sm">
                {u.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" gap="xs" align="baseline">
        <Title order={3} className="toso-break" data-testid="progress-unit">
          {data.unit.name}
        </Title>
        <Text size="sm" c="dimmed">
          {t('progress.range', {
            from: formatDate(data.from, i18n.language),
            to: formatDate(data.to, i18n.language),
          })}
        </Text>
      </Group>
      {data.indicators.length === 0 ? (
        <EmptyState>{t('progress.noIndicators')}</EmptyState>
      ) : (
        <>
          {!hasTargets && (
            <Alert color="blue" data-testid="no-targets">
              {t('progress.noTargets')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {data.indicators.map((i) => (
              <IndicatorCard
                key={i.id}
                indicator={i}
                cell={cellView(i.count, i.target, data.expected)}
                to={links.records(data.unit.id, i)}
              />
            ))}
          </SimpleGrid>
          <Legend expected={data.expected} />
          {data.children.length > 0 && (
            <Breakdown data={data} unitLink={links.unit} recordsLink={links.records} />
          )}
        </>
      )}
    </Stack>
  );
}

function useIndicatorName() {
  const { t } = useTranslation();
  return (i: Indicator) => `${i.platformName} · ${t(`progress.outcome.${i.outcome}`)}`;
}

/** A figure, linked to the records behind it when the user may read them. */
function Figure(props: { cell: CellView; to: string; label: string; size?: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const text =
    props.cell.target === null
      ? t('progress.countNoTarget', { count: props.cell.count })
      : t('progress.countOfTarget', { count: props.cell.count, target: props.cell.target });
  if (!can('residents:read'))
    return (
      <Text size={props.size} fw={700}>
        {text}
      </Text>
    );
  return (
    <Anchor
      component={Link}
      to={props.to}
      size={props.size}
      fw={700}
      aria-label={t('progress.openRecords', { what: props.label })}
      data-testid="figure"
    >
      {text}
    </Anchor>
  );
}

function IndicatorCard(props: { indicator: Indicator; cell: CellView; to: string }) {
  const { t } = useTranslation();
  const name = useIndicatorName()(props.indicator);
  const { cell } = props;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="indicator" data-level={cell.level}>
      <Stack gap={6}>
        <Text size="sm" fw={600} className="toso-break">
          {name}
        </Text>
        <Group justify="space-between" gap="xs" align="baseline">
          <Figure cell={cell} to={props.to} label={name} size="xl" />
          <LevelBadge cell={cell} />
        </Group>
        <Progress
          value={Math.min(100, cell.percent ?? 0)}
          color={LEVEL_COLORS[cell.level]}
          size="lg"
          aria-label={t('progress.barLabel', { name, percent: cell.percent ?? 0 })}
        />
      </Stack>
    </Paper>
  );
}

function LevelBadge(props: { cell: CellView }) {
  const { t } = useTranslation();
  const { cell } = props;
  if (cell.percent === null)
    return (
      <Badge color="gray" variant="light">
        {t('progress.noTarget')}
      </Badge>
    );
  return (
    <Badge color={LEVEL_COLORS[cell.level]} variant="light" data-testid="level">
      {cell.percent}% · {t(`progress.level.${cell.level}`)}
    </Badge>
  );
}

function Legend(props: { expected: number }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed">
      {t('progress.legend', { expected: Math.round(props.expected * 100) })}
    </Text>
  );
}

function Breakdown(props: {
  data: CampaignProgressDto;
  unitLink: (id: string) => string;
  recordsLink: (unitId: string, indicator: Indicator) => string;
}) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const indicatorName = useIndicatorName();
  const { data } = props;
  const sortKey = params.get('sort') ?? 'name';
  const direction = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const rows = sortChildren(childViews(data), sortKey, direction, i18n.language);
  const setSort = (key: string | null, dir = direction) => {
    const next = new URLSearchParams(params);
    next.set('sort', key ?? 'name');
    next.set('dir', dir);
    setParams(next, { replace: true });
  };
  const level = data.children[0]?.level ?? 'hamlet';
  const heading = t(`progress.children.${level}`, { defaultValue: t('progress.children.unit') });
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" align="flex-end">
        <Title order={4}>{heading}</Title>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            label={t('progress.sortBy')}
            size="xs"
            w={220}
            data={[
              { value: 'name', label: t('progress.sortName') },
              { value: 'overall', label: t('progress.sortOverall') },
              ...data.indicators.map((i) => ({ value: i.id, label: indicatorName(i) })),
            ]}
            value={sortKey}
            allowDeselect={false}
            onChange={(v) => setSort(v)}
          />
          <Button
            size="xs"
            variant="default"
            onClick={() => setSort(sortKey, direction === 'asc' ? 'desc' : 'asc')}
            aria-label={direction === 'asc' ? t('progress.sortAsc') : t('progress.sortDesc')}
          >
            {direction === 'asc' ? <IconArrowUp size={14} /> : <IconArrowDown size={14} />}
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={200 + 170 * data.indicators.length} visibleFrom="sm">
        <Table highlightOnHover aria-label={heading} data-testid="breakdown-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('progress.unit')}</Table.Th>
              {data.indicators.map((i) => (
                <Table.Th key={i.id} ta="right">
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    onClick={() =>
                      setSort(i.id, sortKey === i.id && direction === 'asc' ? 'desc' : 'asc')
                    }
                  >
                    {indicatorName(i)}
                  </Anchor>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.unitId} data-testid="child-row" data-level={r.overall}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <StatusDot level={r.overall} />
                    <Anchor component={Link} to={props.unitLink(r.unitId)} fw={600}>
                      {r.unitName}
                    </Anchor>
                  </Group>
                </Table.Td>
                {data.indicators.map((i, n) => (
                  <Table.Td key={i.id} ta="right">
                    <Stack gap={2} align="flex-end">
                      <Figure
                        cell={r.cells[n]}
                        to={props.recordsLink(r.unitId, i)}
                        label={`${r.unitName}: ${indicatorName(i)}`}
                        size="sm"
                      />
                      {r.cells[n].percent !== null && (
                        <Text size="xs" c={LEVEL_COLORS[r.cells[n].level]} fw={600}>
                          {r.cells[n].percent}%
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm" data-testid="breakdown-cards">
        {rows.map((r) => (
          <ChildCard
            key={r.unitId}
            row={r}
            data={data}
            unitLink={props.unitLink}
            recordsLink={props.recordsLink}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function StatusDot(props: { level: CellView['level'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={LEVEL_COLORS[props.level]}
      variant="filled"
      size="xs"
      circle
      aria-label={t(`progress.level.${props.level}`)}
      title={t(`progress.level.${props.level}`)}
    >
      {' '}
    </Badge>
  );
}

function ChildCard(props: {
  row: ChildView;
  data: CampaignProgressDto;
  unitLink: (id: string) => string;
  recordsLink: (unitId: string, indicator: Indicator) => string;
}) {
  const { t } = useTranslation();
  const indicatorName = useIndicatorName();
  const r = props.row;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="child-card"
      data-level={r.overall}
      style={{ borderLeft: `4px solid var(--mantine-color-${LEVEL_COLORS[r.overall]}-6)` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Anchor component={Link} to={props.unitLink(r.unitId)} fw={600} className="toso-break">
            {r.unitName}
          </Anchor>
          <Anchor
            component={Link}
            to={props.unitLink(r.unitId)}
            aria-label={t('progress.openUnit', { name: r.unitName })}
          >
            <IconChevronRight size={18} aria-hidden />
          </Anchor>
        </Group>
        {props.data.indicators.map((i, n) => (
          <Group key={i.id} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="xs" className="toso-break" style={{ flex: 1, minWidth: 0 }}>
              {indicatorName(i)}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Figure
                cell={r.cells[n]}
                to={props.recordsLink(r.unitId, i)}
                label={`${r.unitName}: ${indicatorName(i)}`}
                size="sm"
              />
              {r.cells[n].percent !== null && (
                <Text size="xs" c={LEVEL_COLORS[r.cells[n].level]} fw={600}>
                  {r.cells[n].percent}%
                </Text>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
