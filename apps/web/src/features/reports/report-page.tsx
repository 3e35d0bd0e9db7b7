import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCheck,
  IconFileTypeDocx,
  IconFileSpreadsheet,
  IconSend,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  REPORT_SECTIONS,
  returnReportBody,
  type ReportDto,
  type ReportSections,
} from '@toso/domain/reports';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import type { DifficultyStatus } from '@toso/domain/difficulties';
import { DifficultyStatusBadge } from '../difficulties/difficulty-labels';
import { RaiseModal } from '../difficulties/raise-modal';
import { ConfirmButton } from './confirm-button';
import {
  amendReport,
  approveReport,
  reportDocxUrl,
  reportKeys,
  reportXlsxUrl,
  returnReport,
  saveReport,
  submitReport,
  useReport,
} from './reports-api';
import { ReportFiguresTable } from './report-figures-table';
import { ReportStatusBadge } from './report-status';

export function ReportPage() {
  const { reportId = '' } = useParams();
  const { t } = useTranslation();
  const report = useReport(reportId);
  if (report.isError)
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  if (report.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <ReportView key={`${report.data.id}-${report.data.status}`} report={report.data} />;
}

function ReportView(props: { report: ReportDto }) {
  const r = props.report;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [returning, setReturning] = useState(false);
  const form = useForm<ReportSections>({ initialValues: r.sections });
  useEffect(() => form.setValues(r.sections), [r.sections]); // eslint-disable-line react-hooks/exhaustive-deps

  const done = async (next: ReportDto, message: string) => {
    notifySuccess(message);
    queryClient.setQueryData(reportKeys.detail(next.id), next);
    await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    if (next.id !== r.id) void navigate(`/reports/${next.id}`);
  };
  const act = useMutation({
    mutationFn: async (kind: 'save' | 'submit' | 'approve' | 'amend') => {
      if (kind === 'save') return { kind, next: await saveReport(r.id, form.values) };
      if (kind === 'submit') return { kind, next: await submitReport(r.id, form.values) };
      if (kind === 'approve') return { kind, next: await approveReport(r.id) };
      return { kind, next: await amendReport(r.id) };
    },
    onSuccess: ({ kind, next }) => done(next, t(`reports.done.${kind}`)),
    onError: (error) => notifyError(error, t),
  });
  const busy = act.isPending;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/reports?period=${r.requestId ? '' : r.periodKey}`} size="sm">
        ← {t('reports.back')}
      </Anchor>
      <PageHeader
        title={`${r.unitName} · ${r.periodLabel}`}
        description={
          <>
            {r.parentName ? `${r.parentName} · ` : ''}
            {t('reports.dueOn', { date: formatDate(r.dueOn, i18n.language) })}
            {r.version > 1 ? ` · ${t('reports.version', { version: r.version })}` : ''}
          </>
        }
        actions={<ReportStatusBadge status={r.status} />}
      />
      {r.status === 'returned' && r.returnComment && (
        <Alert color="orange" title={t('reports.returnedTitle')} data-testid="return-comment">
          <Text className="toso-break">{r.returnComment}</Text>
        </Alert>
      )}
      {r.supersededById && (
        <Alert color="blue">
          {t('reports.superseded')}{' '}
          <Anchor component={Link} to={`/reports/${r.supersededById}`}>
            {t('reports.openLatest')}
          </Anchor>
        </Alert>
      )}
      {r.amendsId && (
        <Alert color="gray">
          {t('reports.amends')}{' '}
          <Anchor component={Link} to={`/reports/${r.amendsId}`}>
            {t('reports.openOriginal')}
          </Anchor>
        </Alert>
      )}
      <Paper withBorder p="sm" radius="md">
        <Title order={3} size="h4" mb="xs">
          {t('reports.figures')}
        </Title>
        <ReportFiguresTable figures={r.figures} live={r.figuresLive} />
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Stack gap="sm">
          {REPORT_SECTIONS.map((key) => (
            <Stack key={key} gap="xs">
              {r.can.edit ? (
                <Textarea
                  label={t(`reports.section.${key}`)}
                  autosize
                  minRows={2}
                  maxRows={12}
                  {...form.getInputProps(key)}
                />
              ) : (
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    {t(`reports.section.${key}`)}
                  </Text>
                  <Text size="sm" className="toso-break" style={{ whiteSpace: 'pre-wrap' }}>
                    {r.sections[key] || t('reports.sectionEmpty')}
                  </Text>
                </Stack>
              )}
              {key === 'difficulties' && (
                <ReportDifficulties
                  report={r}
                  text={r.can.edit ? form.values.difficulties : r.sections.difficulties}
                />
              )}
            </Stack>
          ))}
        </Stack>
      </Paper>
      <Group gap="xs">
        {r.can.edit && (
          <Button variant="default" loading={busy} onClick={() => act.mutate('save')}>
            {t('reports.saveDraft')}
          </Button>
        )}
        {r.can.submit && (
          <ConfirmButton
            leftSection={<IconSend size={16} />}
            loading={busy}
            label={t('reports.submit')}
            question={t('reports.submitQuestion')}
            confirmLabel={t('reports.submit')}
            onConfirm={() => act.mutate('submit')}
            testId="report-submit"
          />
        )}
        {r.can.review && (
          <>
            <ConfirmButton
              color="teal"
              leftSection={<IconCheck size={16} />}
              loading={busy}
              label={t('reports.approve')}
              question={t('reports.approveQuestion')}
              confirmLabel={t('reports.approve')}
              onConfirm={() => act.mutate('approve')}
              testId="report-approve"
            />
            <Button
              color="orange"
              variant="light"
              leftSection={<IconArrowBackUp size={16} />}
              onClick={() => setReturning(true)}
            >
              {t('reports.return')}
            </Button>
          </>
        )}
        {r.can.amend && (
          <ConfirmButton
            variant="light"
            loading={busy}
            label={t('reports.amend')}
            question={t('reports.amendQuestion')}
            confirmLabel={t('reports.amend')}
            onConfirm={() => act.mutate('amend')}
          />
        )}
        <Button
          component="a"
          href={reportDocxUrl(r.id)}
          variant="subtle"
          leftSection={<IconFileTypeDocx size={16} />}
        >
          {t('reports.docx')}
        </Button>
        <Button
          component="a"
          href={reportXlsxUrl(r.id)}
          variant="subtle"
          leftSection={<IconFileSpreadsheet size={16} />}
        >
          {t('reports.xlsx')}
        </Button>
      </Group>
      {r.versions.length > 1 && (
        <Group gap="xs">
          <Text size="sm">{t('reports.versions')}:</Text>
          {r.versions.map((v) => (
            <Anchor
              key={v.id}
              component={Link}
              to={`/reports/${v.id}`}
              size="sm"
              fw={v.id === r.id ? 700 : 400}
            >
              {t('reports.version', { version: v.version })} ({t(`reports.status.${v.status}`)})
            </Anchor>
          ))}
        </Group>
      )}
      {r.history.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Title order={3} size="h5" mb="xs">
            {t('reports.history')}
          </Title>
          <Timeline bulletSize={12} lineWidth={2}>
            {r.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`reports.action.${h.action}`)}>
                <Text size="xs" c="dimmed">
                  {h.byName} · {formatDateTime(h.at, i18n.language)}
                </Text>
                {h.comment && (
                  <Text size="sm" className="toso-break">
                    {h.comment}
                  </Text>
                )}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      )}
      {returning && <ReturnModal report={r} onClose={() => setReturning(false)} onDone={done} />}
    </Stack>
  );
}

function ReturnModal(props: {
  report: ReportDto;
  onClose: () => void;
  onDone: (next: ReportDto, message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { comment: '' }, validate: zodValidate(returnReportBody) });
  const mutation = useMutation({
    mutationFn: (v: { comment: string }) => returnReport(props.report.id, v.comment),
    onSuccess: async (next) => {
      props.onClose();
      await props.onDone(next, t('reports.done.return'));
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('reports.return')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Textarea
            label={t('reports.returnComment')}
            description={t('reports.returnHint')}
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('comment')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={mutation.isPending}>
              {t('reports.return')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The difficulties raised from the report, and the button to raise one from its text. */
function ReportDifficulties(props: { report: ReportDto; text: string }) {
  const r = props.report;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [raising, setRaising] = useState(false);
  if (!r.can.raiseDifficulty && r.difficulties.length === 0) return null;
  return (
    <Stack gap={4} data-testid="report-difficulties">
      {r.difficulties.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            {t('reportDifficulties.raised')}
          </Text>
          {r.difficulties.map((d) => (
            <Group key={d.id} gap={6} wrap="nowrap">
              <DifficultyStatusBadge status={d.status as DifficultyStatus} />
              <Anchor
                component={Link}
                to={`/difficulties/${d.id}`}
                size="sm"
                className="toso-break"
              >
                {d.title}
              </Anchor>
            </Group>
          ))}
        </>
      )}
      {r.can.raiseDifficulty && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            color="orange"
            leftSection={<IconAlertTriangle size={14} />}
            onClick={() => setRaising(true)}
          >
            {t('reportDifficulties.raise')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('reportDifficulties.raiseHint')}
          </Text>
        </Group>
      )}
      {raising && (
        <RaiseModal
          fromReport={{
            id: r.id,
            unitId: r.unitId,
            unitName: r.unitName,
            periodLabel: r.periodLabel,
            text: props.text,
          }}
          onClose={() => setRaising(false)}
          onRaised={() => {
            setRaising(false);
            void queryClient.invalidateQueries({ queryKey: reportKeys.detail(r.id) });
          }}
        />
      )}
    </Stack>
  );
}
