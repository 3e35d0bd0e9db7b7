import { Anchor, Button, FileInput, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@toso/domain/errors';
import type { TrainingDetailDto } from '@toso/domain/trainings';
import { isApiError } from '../../api/client';
import { attendanceSheetUrl, importAttendance, trainingKeys } from '../../api/trainings';
import { notifyError, notifySuccess } from '../../components/notify';
import { ImportErrorsTable } from '../units/import-errors-table';

/** Imports the filled attendance sheet: all rows or none, problems by row and column. */
export function AttendanceImportModal(props: { training: TrainingDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<{ message: string; details: ErrorDetail[] } | null>(
    null,
  );
  const mutation = useMutation({
    mutationFn: () => importAttendance(props.training.id, file as File),
    onSuccess: async (result) => {
      notifySuccess(t('trainings.sheetDone', { present: result.present, rows: result.rows }));
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      props.onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.details.some((d) => d.row)) {
        setProblems({ message: error.message, details: error.details });
      } else notifyError(error, t);
    },
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('trainings.sheetImport')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('trainings.sheetExplain')}</Text>
        <Anchor href={attendanceSheetUrl(props.training.id)} download size="sm">
          <Group gap={4} component="span">
            <IconDownload size={16} />
            {t('trainings.sheetDownload')}
          </Group>
        </Anchor>
        <FileInput
          label={t('trainings.sheetFile')}
          accept=".xlsx"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          clearable
          onChange={(f) => {
            setFile(f);
            setProblems(null);
          }}
        />
        {mutation.isPending && <Progress value={100} animated aria-label={t('common.loading')} />}
        {problems && <ImportErrorsTable message={problems.message} details={problems.details} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!file} loading={mutation.isPending} onClick={() => mutation.mutate()}>
            {t('trainings.sheetConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
