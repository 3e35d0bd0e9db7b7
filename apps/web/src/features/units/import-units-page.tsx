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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@toso/domain/errors';
import { ApiError } from '../../api/client';
import { importUnits, unitKeys, type ImportResult } from '../../api/units';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { ImportErrorsTable } from './import-errors-table';

/** Official unit list import: a dry run shows the counts, then the user confirms. */
export function ImportUnitsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
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
  const mutation = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error('no file');
      return importUnits(file, { snapshot: snapshot.trim(), list: list.trim(), dryRun });
    },
    onMutate: () => {
      setProblems([]);
      setProblemMessage(null);
    },
    onSuccess: async (result) => {
      if (result.dryRun) {
        setPreview(result);
        return;
      }
      setPreview(null);
      setFile(null);
      notifySuccess(
        t('import.done', {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
    onError: (error) => {
      setPreview(null);
      if (error instanceof ApiError && error.status < 500 && error.details.length > 0) {
        setProblems(error.details);
        setProblemMessage(error.message);
      } else notifyError(error, t);
    },
  });

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
              onClick={() => mutation.mutate(true)}
              disabled={!file}
              loading={mutation.isPending && mutation.variables}
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
            <Group>
              <Button
                color="teal"
                onClick={() => mutation.mutate(false)}
                loading={mutation.isPending && !mutation.variables}
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
