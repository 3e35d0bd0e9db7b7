import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { householdBody, type HouseholdDto } from '@toso/domain/registry';
import { createHousehold, registryKeys } from '../../api/registry';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

interface Values {
  hamletId: string;
  headName: string;
  address: string;
  phone: string;
  notes: string;
}

const toBody = (v: Values) => ({
  hamletId: v.hamletId,
  headName: v.headName,
  address: v.address,
  phone: v.phone.trim() === '' ? null : v.phone,
  notes: v.notes,
});

/** A new household: in the user's own hamlet, or a hamlet picked by an officer. */
export function HouseholdModal(props: {
  onClose: () => void;
  onCreated?: (household: HouseholdDto) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const ownHamlet = me.user.role === 'team_member' || me.user.role === 'team_leader';
  const [hamletName, setHamletName] = useState<string | null>(ownHamlet ? me.user.unitName : null);
  const schemaCheck = zodValidate<Values>(householdBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      hamletId: ownHamlet ? (me.user.unitId ?? '') : '',
      headName: '',
      address: '',
      phone: '',
      notes: '',
    },
    validate: (v) => ({
      ...schemaCheck(v),
      ...(v.hamletId ? {} : { hamletId: t('households.hamletRequired') }),
      ...(v.headName.trim().length >= 2 ? {} : { headName: t('households.headRequired') }),
    }),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createHousehold(toBody(v)),
    onSuccess: async (household) => {
      notifySuccess(t('households.created', { name: household.headName }));
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
      props.onCreated?.(household);
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('households.addTitle')}
      fullScreen={phone}
    >
      <form
        onSubmit={form.onSubmit((v) => mutation.mutate(v))}
        noValidate
        aria-label={t('households.addTitle')}
      >
        <Stack gap="sm">
          {ownHamlet ? (
            <TextInput label={t('households.hamlet')} value={hamletName ?? ''} readOnly />
          ) : (
            <UnitPicker
              label={t('households.hamlet')}
              levels={['hamlet']}
              required
              value={form.values.hamletId || null}
              valueLabel={hamletName}
              onChange={(id, name) => {
                form.setFieldValue('hamletId', id ?? '');
                setHamletName(name);
              }}
              error={form.errors.hamletId}
            />
          )}
          <TextInput
            label={t('households.headName')}
            required
            data-autofocus
            {...form.getInputProps('headName')}
          />
          <TextInput label={t('households.address')} {...form.getInputProps('address')} />
          <TextInput
            label={t('households.phone')}
            type="tel"
            inputMode="tel"
            {...form.getInputProps('phone')}
          />
          <Textarea
            label={t('households.notes')}
            autosize
            minRows={1}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('households.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
