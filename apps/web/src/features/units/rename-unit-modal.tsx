import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { renameUnitBody, type UnitDto } from '@toso/domain/units';
import { renameUnit, unitKeys } from '../../api/units';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

export function RenameUnitModal(props: { unit: UnitDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: props.unit.name },
    validate: zodValidate(renameUnitBody),
  });
  const mutation = useMutation({
    mutationFn: (name: string) => renameUnit(props.unit.id, name.trim()),
    onSuccess: async (unit) => {
      notifySuccess(t('units.renamed', { name: unit.name }));
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('units.renameTitle', { name: props.unit.name })}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v.name))} noValidate>
        <Stack>
          <TextInput
            label={t('units.newName')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
