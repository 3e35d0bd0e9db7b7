import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importTargets, targetKeys, type TargetImportResult } from '../../api/targets';
import { describeError, notifySuccess } from '../../components/notify';
import { ImportErrorsTable } from '../units/import-errors-table';

const fmt = (n: number | null) => (n === null ? '—' : n.toLocaleString('vi-VN'));

/** Import a targets workbook: the file is checked first (every error, every change), then kept. */
export function ImportTargetsModal(props: {
  campaignId: string;
  unitId: string;
  unitName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TargetImportResult | null>(null);
  const check = useMutation({
    mutationFn: (f: File) => importTargets(props.campaignId, props.unitId, f, false),
    onSuccess: setPreview,
  });
  const commit = useMutation({
    mutationFn: (f: File) => importTargets(props.campaignId, props.unitId, f, true),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: targetKeys.all });
      notifySuccess(t('targets.import.done', { count: result.changes.length }));
      props.onClose();
    },
  });
  const busy = check.isPending || commit.isPending;
  const error = check.error ?? commit.error;

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('targets.import.title', { name: props.unitName })}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('targets.import.help')}
        </Text>
        <FileInput
          label={t('targets.import.file')}
          accept=".xlsx"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            setPreview(null);
            check.reset();
            commit.reset();
            if (f) check.mutate(f);
          }}
          clearable
        />
        {busy && (
          <Text size="sm" role="status">
            {check.isPending ? t('targets.import.checking') : t('targets.import.saving')}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {describeError(error, t)}
          </Alert>
        )}
        {preview && preview.errors.length > 0 && (
          <ImportErrorsTable
            message={t('targets.import.hasErrors', { count: preview.errors.length })}
            details={preview.errors}
          />
        )}
        {preview && preview.errors.length === 0 && preview.changes.length === 0 && (
          <Alert color="gray">{t('targets.import.noChanges')}</Alert>
        )}
        {preview && preview.changes.length > 0 && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('targets.import.changes', { count: preview.changes.length })}
            </Text>
            <Table.ScrollContainer minWidth={420} mah={320}>
              <Table striped withTableBorder aria-label={t('targets.import.changesLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('import.row')}</Table.Th>
                    <Table.Th>{t('targets.unitColumn')}</Table.Th>
                    <Table.Th>{t('import.column')}</Table.Th>
                    <Table.Th>{t('targets.import.before')}</Table.Th>
                    <Table.Th>{t('targets.import.after')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.changes.map((c) => (
                    <Table.Tr key={`${c.unitId}|${c.indicatorId}`}>
                      <Table.Td>{c.row}</Table.Td>
                      <Table.Td>{c.unitName}</Table.Td>
                      <Table.Td>{c.column}</Table.Td>
                      <Table.Td>{fmt(c.before)}</Table.Td>
                      <Table.Td>{fmt(c.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={
              !file || !preview || preview.errors.length > 0 || preview.changes.length === 0
            }
            loading={commit.isPending}
            onClick={() => file && commit.mutate(file)}
          >
            {t('targets.import.commit', { count: preview?.changes.length ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
