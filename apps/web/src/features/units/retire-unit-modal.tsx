import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { retireUnitBody, type UnitDto } from '@toso/domain/units';
import { retireUnit, unitKeys, useUnitList } from '../../api/units';
import { formatDate, todayIso } from '../../components/dates';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

interface Values {
  validTo: string;
  successorIds: string[];
  confirmed: boolean;
}

/** Retires a unit from a date (the first day it no longer exists), naming its successors. */
export function RetireUnitModal(props: { unit: UnitDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const siblings = useUnitList(
    { parentId: props.unit.parentId ?? undefined, pageSize: 200 },
    props.unit.parentId !== null,
  );
  const schemaCheck = zodValidate<Values>(retireUnitBody);
  const form = useForm<Values>({
    initialValues: { validTo: todayIso(), successorIds: [], confirmed: false },
    validate: (values) => ({
      ...schemaCheck(values),
      ...(values.confirmed ? {} : { confirmed: t('units.retireConfirmRequired') }),
    }),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      retireUnit(props.unit.id, { validTo: values.validTo, successorIds: values.successorIds }),
    onSuccess: async () => {
      notifySuccess(t('units.retiredDone', { name: props.unit.name }));
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const options = (siblings.data?.items ?? [])
    .filter((u) => u.id !== props.unit.id)
    .map((u) => ({ value: u.id, label: u.name }));

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('units.retireTitle', { name: props.unit.name })}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Alert color="orange">{t('units.retireExplain')}</Alert>
          <TextInput
            type="date"
            label={t('units.retireDate')}
            description={t('units.retireDateHelp')}
            required
            {...form.getInputProps('validTo')}
          />
          <MultiSelect
            label={t('units.successors')}
            description={t('units.successorsHelp')}
            data={options}
            searchable
            clearable
            maxValues={10}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('successorIds')}
          />
          <Checkbox
            label={t('units.retireConfirm', {
              name: props.unit.name,
              date: formatDate(form.values.validTo || todayIso(), i18n.language),
            })}
            {...form.getInputProps('confirmed', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              loading={mutation.isPending}
              disabled={!form.values.confirmed}
            >
              {t('units.retireSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
