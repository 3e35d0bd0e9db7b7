import {
  Button,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@toso/domain/roles';
import { updateUserBody, type Locale, type UpdateUserBody, type UserDto } from '@toso/domain/users';
import { authKeys } from '../../api/auth';
import { updateUser, userKeys } from '../../api/users';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';
import { grantableRoles, unitHelp, unitLevelsFor, unitRequired } from './role-options';

interface Values {
  fullName: string;
  role: Role;
  unitId: string | null;
  isActive: boolean;
  locale: Locale;
  password: string;
}

/** Only what changed is sent; an empty password keeps the current one. */
function changes(user: UserDto, v: Values): UpdateUserBody {
  const body: UpdateUserBody = {};
  if (v.fullName.trim() !== user.fullName) body.fullName = v.fullName;
  if (v.role !== user.role) body.role = v.role;
  if (v.unitId !== user.unitId) body.unitId = v.unitId;
  if (v.isActive !== user.isActive) body.isActive = v.isActive;
  if (v.locale !== user.locale) body.locale = v.locale;
  if (v.password) body.password = v.password;
  return body;
}

export function EditUserModal(props: { user: UserDto; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { user } = props;
  const roles = grantableRoles(me.user.role, t);
  if (!roles.some((r) => r.value === user.role))
    roles.unshift({ value: user.role, label: t(`role.${user.role}`) });
  const [unitLabel, setUnitLabel] = useState<string | null>(user.unitName);
  const schemaCheck = zodValidate<Values>(updateUserBody, (v) => changes(user, v));
  const form = useForm<Values>({
    initialValues: {
      fullName: user.fullName,
      role: user.role,
      unitId: user.unitId,
      isActive: user.isActive,
      locale: user.locale,
      password: '',
    },
    validate: (values) => ({
      ...schemaCheck(values),
      ...(unitRequired(values.role) && !values.unitId ? { unitId: t('users.unitMissing') } : {}),
    }),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => updateUser(user.id, changes(user, values)),
    onSuccess: async (updated) => {
      notifySuccess(t('users.saved', { name: updated.fullName }));
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      if (updated.id === me.user.id) await queryClient.invalidateQueries({ queryKey: authKeys.me });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('users.editTitle', { name: user.username })}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <TextInput label={t('users.fullName')} required {...form.getInputProps('fullName')} />
          <NativeSelect
            label={t('users.role')}
            data={roles}
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
          <Switch
            label={t('users.activeSwitch')}
            {...form.getInputProps('isActive', { type: 'checkbox' })}
          />
          <NativeSelect
            label={t('users.locale')}
            data={[
              { value: 'vi', label: t('locale.vi') },
              { value: 'en', label: t('locale.en') },
            ]}
            {...form.getInputProps('locale')}
          />
          <PasswordInput
            label={t('users.resetPassword')}
            description={t('users.resetPasswordHelp')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
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
