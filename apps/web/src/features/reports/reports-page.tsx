import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFilePlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportListDto, ReportRowDto } from '@toso/domain/reports';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { notifyError } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ConsolidatedExport } from './consolidated-export';
import { RatesTable } from './rates-table';
import { RequestsPanel } from './requests-panel';
import { createReport, reportKeys, usePeriods, useReportList } from './reports-api';
import { ReportStatusBadge } from './report-status';

export function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const periods = usePeriods();
  const period = params.get('period') || periods.data?.[0]?.key || '';
  const unitId = params.get('unit') ?? undefined;
  const list = useReportList(period, unitId);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      {periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : periods.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : periods.data.length === 0 ? (
        <EmptyState>{t('reports.noPeriods')}</EmptyState>
      ) : (
        <NativeSelect
          label={t('reports.period')}
          value={period}
          onChange={(e) => set('period', e.currentTarget.value)}
          data={periods.data.map((p) => ({ value: p.key, label: p.label }))}
          maw={240}
          data-testid="report-period"
        />
      )}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        period && <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <PeriodView list={list.data} onUnit={(id) => set('unit', id)} />
      )}
      <RequestsPanel />
    </Stack>
  );
}

function PeriodView(props: { list: ReportListDto; onUnit: (id: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const l = props.list;
  const isMine = l.unit.id === me.user.unitId;
  return (
    <Stack gap="md">
      <Group gap="xs">
        <Text fw={600}>{l.unit.name}</Text>
        <Text size="sm" c="dimmed">
          · {t('reports.dueOn', { date: formatDate(l.dueOn, i18n.language) })}
        </Text>
        {!isMine && (
          <Anchor size="sm" onClick={() => props.onUnit(null)} component="button">
            {t('reports.backToMine')}
          </Anchor>
        )}
      </Group>
      {l.own && (
        <Paper withBorder p="sm" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.ownReport')}
          </Title>
          <ReportRow row={l.own} period={l.periodKey} canStart={isMine && can('reports:write')} />
        </Paper>
      )}
      {l.children.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Title order={3} size="h5" mb="xs">
            {l.children[0].level === 'hamlet'
              ? t('reports.hamletReports')
              : t('reports.communeReports')}
          </Title>
          <Stack gap={6} data-testid="child-reports">
            {l.children.map((c) => (
              <ReportRow
                key={c.unitId}
                row={c}
                period={l.periodKey}
                canStart={false}
                onDrill={c.level === 'commune' ? () => props.onUnit(c.unitId) : undefined}
              />
            ))}
          </Stack>
        </Paper>
      )}
      {l.unit.level !== 'hamlet' && <RatesTable period={l.periodKey} unitId={l.unit.id} />}
      {l.unit.level === 'district' && can('reports:review') && (
        <ConsolidatedExport period={l.periodKey} unitId={l.unit.id} />
      )}
    </Stack>
  );
}

function ReportRow(props: {
  row: ReportRowDto;
  period: string;
  canStart: boolean;
  onDrill?: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const r = props.row;
  const start = useMutation({
    mutationFn: () => createReport({ unitId: r.unitId, periodKey: props.period }),
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void navigate(`/reports/${report.id}`);
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Group
      justify="space-between"
      gap="xs"
      wrap="wrap"
      data-testid="report-row"
      data-unit={r.unitName}
    >
      <Group gap={6} style={{ minWidth: 0, flex: '1 1 180px' }}>
        <Text className="toso-break">{r.unitName}</Text>
        <ReportStatusBadge status={r.status} />
        {r.late && r.status !== 'approved' && (
          <Badge size="sm" color="red" variant="outline">
            {r.submittedAt ? t('reports.lateSubmitted') : t('reports.overdue')}
          </Badge>
        )}
        {r.late && r.status === 'approved' && (
          <Badge size="sm" color="gray" variant="outline">
            {t('reports.lateSubmitted')}
          </Badge>
        )}
      </Group>
      <Group gap={4}>
        {props.onDrill && (
          <Button size="xs" variant="subtle" onClick={props.onDrill}>
            {t('reports.seeHamlets')}
          </Button>
        )}
        {r.reportId ? (
          <Button size="xs" variant="light" component={Link} to={`/reports/${r.reportId}`}>
            {t('reports.open')}
          </Button>
        ) : (
          props.canStart && (
            <Button
              size="xs"
              leftSection={<IconFilePlus size={14} />}
              loading={start.isPending}
              onClick={() => start.mutate()}
              data-testid="report-start"
            >
              {t('reports.start')}
            </Button>
          )
        )}
      </Group>
    </Group>
  );
}
