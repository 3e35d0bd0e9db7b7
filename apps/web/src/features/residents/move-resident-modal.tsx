import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto, ResidentDto } from '@toso/domain/registry';
import { moveResident, registryKeys } from '../../api/registry';
import { todayIso } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/notify';
import { HouseholdSelect } from './household-select';

/** Moves a person to another household; the move is kept in their history. */
export function MoveResidentModal(props: { resident: ResidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [household, setHousehold] = useState<HouseholdDto | null>(null);
  const [movedOn, setMovedOn] = useState(todayIso());
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      moveResident(props.resident.id, { householdId: household?.id ?? '', movedOn }),
    onSuccess: async (resident) => {
      queryClient.setQueryData(registryKeys.resident(resident.id), resident);
      notifySuccess(
        t('residents.moved', { name: resident.fullName, head: resident.householdHead }),
      );
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
      title={t('residents.moveTitle', { name: props.resident.fullName })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!household) setError(t('residents.householdRequired'));
          else mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">{t('residents.moveExplain')}</Text>
          <HouseholdSelect
            label={t('residents.newHousehold')}
            required
            value={household}
            excludeId={props.resident.householdId}
            onChange={(h) => {
              setHousehold(h);
              setError(null);
            }}
            error={error}
          />
          <TextInput
            type="date"
            label={t('residents.movedOn')}
            required
            value={movedOn}
            onChange={(e) => setMovedOn(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!movedOn}>
              {t('residents.moveSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
