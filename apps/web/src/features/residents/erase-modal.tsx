import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDto } from '@toso/domain/registry';
import { eraseResident, registryKeys } from '../../api/registry';
import { notifyError, notifySuccess } from '../../components/notify';

const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Erases a person's personal fields for good: a reason, and the name typed again. */
export function EraseModal(props: { resident: ResidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const matches = fold(typed) === fold(props.resident.fullName);
  const mutation = useMutation({
    mutationFn: () => eraseResident(props.resident.id, reason.trim()),
    onSuccess: async () => {
      notifySuccess(t('erase.done'));
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('erase.title', { name: props.resident.fullName })}
    >
      <Stack gap="sm">
        <Alert color="red" title={t('erase.warningTitle')}>
          {t('erase.warning')}
        </Alert>
        <Textarea
          label={t('erase.reason')}
          description={t('erase.reasonHelp')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <TextInput
          label={t('erase.typeName', { name: props.resident.fullName })}
          required
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={!matches || reason.trim().length < 3}
            loading={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {t('erase.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
