import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFileTypeDocx } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state';
import { notifyError } from '../../components/notify';
import { consolidatedDocxUrl, getConsolidated, startConsolidated } from './reports-api';

/** One click: the district's consolidated report for the month, built with progress shown. */
export function ConsolidatedExport(props: { period: string; unitId: string }) {
  const { t } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => startConsolidated(props.period, props.unitId),
    onSuccess: (job) => setJobId(job.id),
    onError: (error) => notifyError(error, t),
  });
  const job = useQuery({
    queryKey: ['reports', 'consolidated', jobId],
    queryFn: () => getConsolidated(jobId ?? ''),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 400 : false),
  });
  const d = job.data;
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('reports.consolidated')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reports.consolidatedHint')}
        </Text>
        <Group gap="xs">
          <Button
            leftSection={<IconFileTypeDocx size={16} />}
            loading={start.isPending || d?.status === 'running'}
            onClick={() => start.mutate()}
            data-testid="consolidated-start"
          >
            {t('reports.consolidatedBuild')}
          </Button>
          {d?.status === 'done' && jobId && (
            <Button
              component="a"
              href={consolidatedDocxUrl(jobId)}
              variant="light"
              color="teal"
              leftSection={<IconDownload size={16} />}
              data-testid="consolidated-download"
            >
              {t('reports.consolidatedDownload')}
            </Button>
          )}
        </Group>
        {d && d.status !== 'failed' && (
          <Progress
            value={d.total ? (100 * d.done) / d.total : 0}
            animated={d.status === 'running'}
            aria-label={t('reports.consolidatedProgress', { done: d.done, total: d.total })}
          />
        )}
        {d && (
          <Text size="xs" c="dimmed">
            {t('reports.consolidatedProgress', { done: d.done, total: d.total })}
          </Text>
        )}
        {d?.status === 'failed' && <Text c="red">{d.message}</Text>}
        {job.isError && <ErrorState error={job.error} />}
      </Stack>
    </Paper>
  );
}
