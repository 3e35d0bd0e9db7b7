import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto } from '@toso/domain/registry';
import { moveHousehold, registryKeys } from '../../api/registry';
import { todayIso } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

/** Moves a whole household to another hamlet; its members follow and the move is kept. */
export function MoveHouseholdModal(props: { household: HouseholdDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hamlet, setHamlet] = useState<{ id: string; name: string | null } | null>(null);
  const [movedOn, setMovedOn] = useState(todayIso());
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => moveHousehold(props.household.id, { hamletId: hamlet?.id ?? '', movedOn }),
    onSuccess: async (household) => {
      queryClient.setQueryData(registryKeys.household(household.id), household);
      notifySuccess(t('households.moved', { hamlet: household.hamletName }));
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
      title={t('households.moveTitle')}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!hamlet) setError(t('households.hamletRequired'));
          else mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('households.moveExplain', { count: props.household.residentCount })}
          </Text>
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
              {t('households.moveSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
