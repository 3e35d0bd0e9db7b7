import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto } from '@toso/domain/registry';
import { moveHousehold, registryKeys } from '../../api/registry';
import { MoveModal } from '../../components/move-modal';
import { notifyError, notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

/** Moves a whole household to another hamlet; its members follow and the move is kept. */
export function MoveHouseholdModal(props: { household: HouseholdDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hamlet, setHamlet] = useState<{ id: string; name: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (movedOn: string) =>
      moveHousehold(props.household.id, { hamletId: hamlet?.id ?? '', movedOn }),
    onSuccess: async (household) => {
      queryClient.setQueryData(registryKeys.household(household.id), household);
      notifySuccess(t('households.moved', { hamlet: household.hamletName }));
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <MoveModal
      title={t('households.moveTitle')}
      explain={t('households.moveExplain', { count: props.household.residentCount })}
      submitLabel={t('households.moveSubmit')}
      pending={mutation.isPending}
      onSubmit={(movedOn) => {
        if (!hamlet) setError(t('households.hamletRequired'));
        else mutation.mutate(movedOn);
      }}
      onClose={props.onClose}
    >
      <UnitPicker
        label={t('households.newHamlet')}
        levels={['hamlet']}
        required
        value={hamlet?.id ?? null}
        valueLabel={hamlet?.name}
        onChange={(id, name) => {
          setHamlet(id ? { id, name } : null);
          setError(null);
        }}
        error={error}
      />
    </MoveModal>
  );
}
