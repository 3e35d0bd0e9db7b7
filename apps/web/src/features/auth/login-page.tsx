import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { loginBody, type MeDto } from '@toso/domain/users';
import { authKeys, login, saveLocale, useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { applyLocale, storedLocale, takeLocaleChosenBeforeLogin } from '../../app/i18n';
import { zodValidate } from '../../components/form-errors';
import { LanguageSwitch } from '../../components/language-switch';
import { describeError } from '../../components/notify';

/** Keeps the language chosen on this device before login, else takes the account's. */
async function settleLocale(me: MeDto): Promise<MeDto> {
  const chosen = takeLocaleChosenBeforeLogin() ? storedLocale() : null;
  if (chosen && chosen !== me.user.locale) {
    try {
      return await saveLocale(chosen);
    } catch {
      return me;
    }
  }
  applyLocale(me.user.locale);
  return me;
}

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: zodValidate(loginBody),
  });
  const mutation = useMutation({
    mutationFn: (values: { username: string; password: string }) =>
      login(values.username.trim(), values.password),
    onSuccess: async (result) => {
      const settled = await settleLocale(result);
      queryClient.setQueryData(authKeys.me, settled);
      void navigate(from === '/login' ? '/' : from, { replace: true });
    },
  });

  if (me.data) return <Navigate to="/units" replace />;

  const error = mutation.error;
  const errorText = !error
    ? null
    : isApiError(error, 'invalid_credentials')
      ? t('login.invalid')
      : isApiError(error, 'rate_limited')
        ? t('login.rateLimited')
        : describeError(error, t);

  return (
    <Center mih="100dvh" p="sm" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Group justify="flex-end" mb="sm">
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Stack gap="xs" mb="lg">
            <Title order={1} size="h3" className="toso-break">
              {t('login.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('login.subtitle')}
            </Text>
          </Stack>
          <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
            <Stack>
              {errorText && (
                <Alert color="red" icon={<IconAlertCircle />} role="alert">
                  {errorText}
                </Alert>
              )}
              <TextInput
                label={t('login.username')}
                autoComplete="username"
                autoCapitalize="none"
                autoCorrect="off"
                spellCheck={false}
                required
                {...form.getInputProps('username')}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                {...form.getInputProps('password')}
              />
              <Button type="submit" loading={mutation.isPending} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}
