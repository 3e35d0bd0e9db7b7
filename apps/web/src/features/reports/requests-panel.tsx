import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitDto } from '@toso/domain/units';
import { reportRequestBody, type ReportRequestDto } from '@toso/domain/reports';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../../api/client';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { PaginationBar } from '../../components/pagination-bar';
import {
  createReport,
  createRequest,
  reportKeys,
  REQUESTS_PAGE_SIZE,
  saveReportSettings,
  useReportSettings,
  useRequests,
} from './reports-api';
import { ReportStatusBadge } from './report-status';

/** Ad hoc report requests (and, for the district, the form to send one and the due days). */
export function RequestsPanel() {
  const { t } = useTranslation();
  const can = useCan();
  const [page, setPage] = useState(1);
  const requests = useRequests(page);
  const [creating, setCreating] = useState(false);
  const canRequest = can('settings:write');
  if (requests.isError)
    return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
  if (!canRequest && (requests.data?.total ?? 0) === 0) return null;
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('reports.requests')}
          </Title>
          {canRequest && (
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
            >
              {t('reports.newRequest')}
            </Button>
          )}
        </Group>
        {requests.data?.total === 0 && (
          <Text size="sm" c="dimmed">
            {t('reports.noRequests')}
          </Text>
        )}
        {requests.data?.items.map((r) => (
          <RequestItem key={r.id} request={r} />
        ))}
        {requests.data && (
          <PaginationBar
            page={page}
            pageSize={REQUESTS_PAGE_SIZE}
            total={requests.data.total}
            onChange={setPage}
          />
        )}
        {canRequest && <DueDaysSetting />}
      </Stack>
      {creating && <RequestModal onClose={() => setCreating(false)} />}
    </Paper>
  );
}

function RequestItem(props: { request: ReportRequestDto }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const r = props.request;
  const start = useMutation({
    mutationFn: (unitId: string) => createReport({ unitId, requestId: r.id }),
    onSuccess: async (report) => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      void navigate(`/reports/${report.id}`);
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Stack gap={4}>
      <Text fw={600} className="toso-break">
        {r.title}
      </Text>
      <Text size="xs" c="dimmed">
        {formatDate(r.periodFrom, i18n.language)} – {formatDate(r.periodTo, i18n.language)} ·{' '}
        {t('reports.dueOn', { date: formatDate(r.dueOn, i18n.language) })}
      </Text>
      {r.units.map((u) => (
        <Group key={u.unitId} gap={6}>
          <Text size="sm">{u.unitName}</Text>
          <ReportStatusBadge status={u.status} />
          {u.reportId ? (
            <Button
              size="compact-xs"
              variant="light"
              component={Link}
              to={`/reports/${u.reportId}`}
            >
              {t('reports.open')}
            </Button>
          ) : (
            u.unitId === me.user.unitId &&
            can('reports:write') && (
              <Button
                size="compact-xs"
                loading={start.isPending}
                onClick={() => start.mutate(u.unitId)}
              >
                {t('reports.start')}
              </Button>
            )
          )}
        </Group>
      ))}
    </Stack>
  );
}

interface RequestValues {
  title: string;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  unitIds: string[];
}

function RequestModal(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const communes = useQuery({
    queryKey: ['units', 'children', me.user.unitId],
    queryFn: () =>
      api<Page<UnitDto>>('units', { query: { parentId: me.user.unitId, pageSize: 200 } }),
    enabled: Boolean(me.user.unitId),
  });
  const form = useForm<RequestValues>({
    initialValues: {
      title: '',
      periodFrom: todayIso().slice(0, 8) + '01',
      periodTo: todayIso(),
      dueOn: todayIso(),
      unitIds: [],
    },
    validate: zodValidate(reportRequestBody),
  });
  const mutation = useMutation({
    mutationFn: (v: RequestValues) => createRequest(v),
    onSuccess: async () => {
      notifySuccess(t('reports.requestSent'));
      await queryClient.invalidateQueries({ queryKey: reportKeys.requests });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('reports.newRequest')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('reports.requestTitle')}
            data-autofocus
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              type="date"
              label={t('reports.from')}
              {...form.getInputProps('periodFrom')}
            />
            <TextInput type="date" label={t('reports.to')} {...form.getInputProps('periodTo')} />
          </SimpleGrid>
          <TextInput type="date" label={t('reports.due')} {...form.getInputProps('dueOn')} />
          <MultiSelect
            label={t('reports.requestUnits')}
            searchable
            data={(communes.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            {...form.getInputProps('unitIds')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('reports.sendRequest')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DueDaysSetting() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useReportSettings();
  const [value, setValue] = useState<number | string | null>(null);
  const save = useMutation({
    mutationFn: (days: number) => saveReportSettings(days),
    onSuccess: async () => {
      notifySuccess(t('reports.dueDaysSaved'));
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (error) => notifyError(error, t),
  });
  const current = value ?? settings.data?.dueDays ?? '';
  return (
    <Group align="flex-end" gap="xs">
      <NumberInput
        label={t('reports.dueDays')}
        description={t('reports.dueDaysHint')}
        min={0}
        max={60}
        value={current}
        onChange={setValue}
        maw={260}
      />
      <Button
        variant="light"
        loading={save.isPending}
        disabled={typeof current !== 'number'}
        onClick={() => typeof current === 'number' && save.mutate(current)}
      >
        {t('common.save')}
      </Button>
    </Group>
  );
}
