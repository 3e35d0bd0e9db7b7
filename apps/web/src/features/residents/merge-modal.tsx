import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDto } from '@toso/domain/registry';
import { mergeResidents, registryKeys } from '../../api/registry';
import { notifyError, notifySuccess } from '../../components/notify';
import { ResidentSelect } from './resident-select';
import { residentFacts } from './resident-labels';

/** Merges a duplicate (found by searching) into the record being viewed, which is kept. */
export function MergeModal(props: { resident: ResidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [duplicate, setDuplicate] = useState<ResidentDto | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const mutation = useMutation({
    mutationFn: () => mergeResidents({ keepId: props.resident.id, mergeId: duplicate?.id ?? '' }),
    onSuccess: async (kept) => {
      queryClient.setQueryData(registryKeys.resident(kept.id), kept);
      notifySuccess(t('merge.done', { name: kept.fullName }));
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
      title={t('merge.title', { name: props.resident.fullName })}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm">{t('merge.explain', { name: props.resident.fullName })}</Text>
        <ResidentSelect
          label={t('merge.pick')}
          value={duplicate}
          excludeId={props.resident.id}
          onChange={(r) => {
            setDuplicate(r);
            setConfirmed(false);
          }}
        />
        {duplicate && (
          <Alert color="orange">
            <Stack gap={4}>
              <Text size="sm">
                {t('merge.summary', {
                  merged: `${duplicate.fullName} (${residentFacts(t, duplicate)}, ${duplicate.hamletName})`,
                  kept: `${props.resident.fullName} (${residentFacts(t, props.resident)})`,
                })}
              </Text>
              <Checkbox
                label={t('merge.confirm')}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="orange"
            disabled={!duplicate || !confirmed}
            loading={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {t('merge.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
