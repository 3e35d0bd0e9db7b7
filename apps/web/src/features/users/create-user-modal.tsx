import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@toso/domain/roles';
import { createUserBody, type Locale } from '@toso/domain/users';
import { createUser, userKeys } from '../../api/users';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';
import { grantableRoles, unitHelp, unitLevelsFor, unitRequired } from './role-options';

interface Values {
  username: string;
  fullName: string;
  role: Role;
  unitId: string | null;
  password: string;
  locale: Locale;
}

export function CreateUserModal(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const roles = grantableRoles(me.user.role, t);
  const [unitLabel, setUnitLabel] = useState<string | null>(null);
  const schemaCheck = zodValidate<Values>(createUserBody);
  const form = useForm<Values>({
    initialValues: {
      username: '',
      fullName: '',
      role: (roles.find((r) => r.value === 'team_member')?.value ??
        roles[roles.length - 1]?.value ??
        'team_member') as Role,
      unitId: null,
      password: '',
      locale: 'vi',
    },
    validate: (values) => ({
      ...schemaCheck(values),
      ...(unitRequired(values.role) && !values.unitId ? { unitId: t('users.unitMissing') } : {}),
    }),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => createUser({ ...values, username: values.username.trim() }),
    onSuccess: async (user) => {
      notifySuccess(t('users.created', { name: user.fullName }));
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('users.createTitle')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHelp')}
            autoCapitalize="none"
            autoComplete="off"
            required
            data-autofocus
            {...form.getInputProps('username')}
          />
          <TextInput label={t('users.fullName')} required {...form.getInputProps('fullName')} />
          <NativeSelect
            label={t('users.role')}
            data={roles}
            required
            {...form.getInputProps('role')}
            onChange={(e) => {
              form.setFieldValue('role', e.currentTarget.value as Role);
              form.setFieldValue('unitId', null);
              setUnitLabel(null);
            }}
          />
          <UnitPicker
            label={t('users.unit')}
            description={unitHelp(form.values.role, t)}
            levels={unitLevelsFor(form.values.role)}
            value={form.values.unitId}
            valueLabel={unitLabel}
            required={unitRequired(form.values.role)}
            error={form.errors.unitId}
            onChange={(id, name) => {
              form.setFieldValue('unitId', id);
              setUnitLabel(name);
            }}
          />
          <PasswordInput
            label={t('users.password')}
            description={t('password.rule')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <NativeSelect
            label={t('users.locale')}
            data={[
              { value: 'vi', label: t('locale.vi') },
              { value: 'en', label: t('locale.en') },
            ]}
            {...form.getInputProps('locale')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('users.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
