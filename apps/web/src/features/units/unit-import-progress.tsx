import { Alert, Button, Group, Loader, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitImportJobDto } from '@toso/domain/units';
import { unitKeys, useUnitImportJob } from '../../api/units';
import { ErrorState } from '../../components/error-state';
import { ImportErrorsTable } from './import-errors-table';

/** Counts in the interface language's digits grouping (656.685 / 656,685). */
function useCount() {
  const { i18n } = useTranslation();
  return (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
}

/**
 * A unit list import being written: polled while it runs (units read, units moved of those to
 * move, rows rewritten, a progress bar), then its result or its error.
 */
export function UnitImportProgress(props: { jobId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const n = useCount();
  const queryClient = useQueryClient();
  const job = useUnitImportJob(props.jobId);
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: unitKeys.all });
  }, [status, queryClient]);

  if (job.isPending) return <Loader aria-label={t('unitImport.loading')} />;
  if (job.isError)
    return (
      <Stack>
        <ErrorState error={job.error} onRetry={() => void job.refetch()} />
        <Another onClick={props.onClose} />
      </Stack>
    );
  const d = job.data;
  if (d.status === 'running') return <Running job={d} />;
  if (d.status === 'failed')
    return (
      <Stack>
        {d.errors.length > 0 ? (
          <ImportErrorsTable message={d.message} details={d.errors} />
        ) : (
          <Alert color="red" title={t('unitImport.failedTitle')} role="alert">
            {d.message}
          </Alert>
        )}
        <Another onClick={props.onClose} />
      </Stack>
    );
  const r = d.result;
  return (
    <Alert
      color="teal"
      title={t('unitImport.doneTitle')}
      icon={<IconCircleCheck />}
      role="status"
      data-testid="unit-import-done"
    >
      <Stack gap="sm">
        {r && (
          <Text>
            {t('unitImport.done', {
              created: r.created,
              updated: r.updated,
              unchanged: r.unchanged,
            })}
          </Text>
        )}
        {d.moves > 0 && (
          <Text>{t('unitImport.doneMoves', { count: d.moved, rows: n(d.rowsRewritten) })}</Text>
        )}
        <Another onClick={props.onClose} />
      </Stack>
    </Alert>
  );
}

function Another(props: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button variant="default" onClick={props.onClick}>
        {t('unitImport.another')}
      </Button>
    </Group>
  );
}

function Running({ job }: { job: UnitImportJobDto }) {
  const { t } = useTranslation();
  const n = useCount();
  const value = job.stepsTotal > 0 ? Math.min(100, (job.stepsDone / job.stepsTotal) * 100) : 0;
  return (
    <Paper withBorder p="md" aria-live="polite" data-testid="unit-import-running">
      <Stack gap="xs">
        <Text fw={600}>{t(`unitImport.phase.${job.phase}`)}</Text>
        <Progress
          value={job.stepsTotal > 0 ? value : 100}
          animated
          striped
          size="lg"
          aria-label={t('unitImport.progressLabel')}
        />
        <Text size="sm">{t('unitImport.read', { read: n(job.read), total: n(job.total) })}</Text>
        {job.moves > 0 && (
          <Text size="sm">
            {t('unitImport.moved', { moved: n(job.moved), moves: n(job.moves) })}
          </Text>
        )}
        {job.currentUnit && (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('unitImport.current', { name: job.currentUnit })}
          </Text>
        )}
        {job.moves > 0 && (
          <Text size="sm">{t('unitImport.rows', { rows: n(job.rowsRewritten) })}</Text>
        )}
        <Text size="xs" c="dimmed">
          {t('unitImport.keepOpen')}
        </Text>
      </Stack>
    </Paper>
  );
}
