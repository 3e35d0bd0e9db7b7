import { Alert, Anchor, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@toso/domain/errors';
import type { TeamDetailDto } from '@toso/domain/teams';
import { isApiError } from '../../api/client';
import { coverageKeys } from '../../api/coverage';
import { importRoster, rosterTemplateUrl, teamKeys, type RosterResult } from '../../api/teams';
import { notifyError, notifySuccess } from '../../components/notify';
import { ImportErrorsTable } from '../units/import-errors-table';

/** Roster import: check the file first (dry run), show problems by row and column, then import. */
export function RosterModal(props: { team: TeamDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterResult | null>(null);
  const [problems, setProblems] = useState<{ message: string; details: ErrorDetail[] } | null>(
    null,
  );
  const mutation = useMutation({
    mutationFn: (dryRun: boolean) => importRoster(props.team.id, file as File, dryRun),
    onSuccess: async (result, dryRun) => {
      setProblems(null);
      if (dryRun) {
        setPreview(result);
        return;
      }
      queryClient.setQueryData(teamKeys.detail(result.team.id), result.team);
      notifySuccess(t('roster.done', { count: result.imported }));
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      props.onClose();
    },
    onError: (error) => {
      setPreview(null);
      if (
        isApiError(error, 'import_invalid') ||
        (isApiError(error) && error.details.some((d) => d.row))
      ) {
        setProblems({ message: error.message, details: error.details });
      } else notifyError(error, t);
    },
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('roster.title')}
      size="lg"
    >
      <Stack>
        <Text size="sm">{t('roster.explain')}</Text>
        <Anchor href={rosterTemplateUrl} download size="sm">
          <Group gap={4} component="span">
            <IconDownload size={16} />
            {t('roster.template')}
          </Group>
        </Anchor>
        <FileInput
          label={t('roster.file')}
          description={t('roster.fileHelp')}
          accept=".xlsx,.csv"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          clearable
          onChange={(f) => {
            setFile(f);
            setPreview(null);
            setProblems(null);
          }}
        />
        {problems && <ImportErrorsTable message={problems.message} details={problems.details} />}
        {preview && (
          <Alert color="teal" title={t('roster.previewTitle')}>
            {t('roster.preview', { count: preview.valid })}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          {preview ? (
            <Button loading={mutation.isPending} onClick={() => mutation.mutate(false)}>
              {t('roster.confirm', { count: preview.valid })}
            </Button>
          ) : (
            <Button
              disabled={!file}
              loading={mutation.isPending}
              onClick={() => mutation.mutate(true)}
            >
              {t('roster.check')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
