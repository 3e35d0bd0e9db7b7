import { Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '@toso/domain/users';
import { changePassword } from '../../api/auth';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const schemaCheck = zodValidate<Values>(changePasswordBody);
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (values) => ({
      ...schemaCheck(values),
      ...(values.confirm !== values.newPassword ? { confirm: t('password.mismatch') } : {}),
    }),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.newPassword),
    onSuccess: () => {
      form.reset();
      notifySuccess(t('password.done'));
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Stack maw={480}>
      <PageHeader title={t('password.title')} description={t('password.description')} />
      <Paper withBorder p="md">
        <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
          <Stack>
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label={t('password.new')}
              description={t('password.rule')}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordInput
              label={t('password.confirm')}
              autoComplete="new-password"
              required
              {...form.getInputProps('confirm')}
            />
            <Button type="submit" loading={mutation.isPending}>
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
