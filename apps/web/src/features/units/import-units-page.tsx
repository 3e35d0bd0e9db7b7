import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ErrorDetail } from '@toso/domain/errors';
import { ApiError } from '../../api/client';
import { previewUnitImport, startUnitImport, type ImportResult } from '../../api/units';
import { notifyError } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ImportErrorsTable } from './import-errors-table';
import { UnitImportProgress } from './unit-import-progress';

/**
 * Official unit list import: a dry run shows the counts, then the user confirms and the list is
 * written in the background (moving communes with their records can take minutes), its progress
 * shown until done. The job's id is kept in the address, so a reload keeps following it.
 */
export function ImportUnitsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [snapshot, setSnapshot] = useState('');
  const [list, setList] = useState('');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  const [problemMessage, setProblemMessage] = useState<string | null>(null);

  const reset = () => {
    setPreview(null);
    setProblems([]);
    setProblemMessage(null);
  };
  const options = () => ({ snapshot: snapshot.trim(), list: list.trim() });
  const showProblems = (error: Error) => {
    setPreview(null);
    if (error instanceof ApiError && error.status < 500 && error.details.length > 0) {
      setProblems(error.details);
      setProblemMessage(error.message);
    } else notifyError(error, t);
  };
  const check = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return previewUnitImport(file, options());
    },
    onMutate: reset,
    onSuccess: setPreview,
    onError: showProblems,
  });
  const start = useMutation({
    mutationFn: () => {
      if (!file) throw new Error('no file');
      return startUnitImport(file, options());
    },
    onMutate: () => {
      setProblems([]);
      setProblemMessage(null);
    },
    onSuccess: (job) => {
      reset();
      setFile(null);
      setParams({ job: job.id });
    },
    onError: showProblems,
  });

  if (jobId)
    return (
      <Stack maw={900}>
        <PageHeader title={t('import.title')} description={t('unitImport.runningDescription')} />
        <UnitImportProgress jobId={jobId} onClose={() => setParams({})} />
      </Stack>
    );

  return (
    <Stack maw={900}>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Paper withBorder p="md">
        <Stack>
          <FileInput
            label={t('import.file')}
            description={t('import.fileHelp')}
            placeholder={t('import.choose')}
            accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={16} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              reset();
            }}
            clearable
            required
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('import.snapshot')}
              description={t('import.snapshotHelp')}
              value={snapshot}
              onChange={(e) => {
                setSnapshot(e.currentTarget.value);
                reset();
              }}
            />
            <TextInput
              label={t('import.list')}
              description={t('import.listHelp')}
              value={list}
              onChange={(e) => {
                setList(e.currentTarget.value);
                reset();
              }}
            />
          </SimpleGrid>
          <Group>
            <Button
              onClick={() => check.mutate()}
              disabled={!file || start.isPending}
              loading={check.isPending}
            >
              {t('import.dryRun')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {preview && (
        <Alert color="blue" title={t('import.previewTitle')}>
          <Stack gap="sm">
            <Text>
              {t('import.preview', {
                total: preview.total,
                created: preview.created,
                updated: preview.updated,
                unchanged: preview.unchanged,
              })}
            </Text>
            {preview.moved > 0 && (
              <Text fw={600}>{t('unitImport.previewMoves', { count: preview.moved })}</Text>
            )}
            <Group>
              <Button
                color="teal"
                onClick={() => start.mutate()}
                loading={start.isPending}
                disabled={preview.created + preview.updated === 0}
              >
                {t('import.confirm')}
              </Button>
              <Button variant="default" onClick={reset}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {problems.length > 0 && <ImportErrorsTable message={problemMessage} details={problems} />}
    </Stack>
  );
}
