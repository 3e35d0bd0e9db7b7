import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto, ResidentDto } from '@toso/domain/registry';
import { moveResident, registryKeys } from '../../api/registry';
import { MoveModal } from '../../components/move-modal';
import { notifyError, notifySuccess } from '../../components/notify';
import { HouseholdSelect } from './household-select';

/** Moves a person to another household; the move is kept in their history. */
export function MoveResidentModal(props: { resident: ResidentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [household, setHousehold] = useState<HouseholdDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (movedOn: string) =>
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
    <MoveModal
      title={t('residents.moveTitle', { name: props.resident.fullName })}
      explain={t('residents.moveExplain')}
      submitLabel={t('residents.moveSubmit')}
      pending={mutation.isPending}
      onSubmit={(movedOn) => {
        if (!household) setError(t('residents.householdRequired'));
        else mutation.mutate(movedOn);
      }}
      onClose={props.onClose}
    >
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
    </MoveModal>
  );
}
