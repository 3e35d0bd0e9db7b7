import { Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createHamletBody, HAMLET_KINDS, unitDisplayName, type UnitDto } from '@toso/domain/units';
import { createHamlet, unitKeys } from '../../api/units';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { kindLabel } from './unit-labels';

type HamletKind = (typeof HAMLET_KINDS)[number];
interface Values {
  kind: HamletKind;
  name: string;
}

/** Adds a xóm/thôn/tổ dân phố to a commune. */
export function AddHamletForm(props: { commune: UnitDto; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { kind: 'xom', name: '' },
    validate: zodValidate<Values>(createHamletBody.omit({ parentId: true })),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      createHamlet({ parentId: props.commune.id, kind: values.kind, name: values.name.trim() }),
    onSuccess: async (unit) => {
      notifySuccess(t('units.added', { name: unit.name }));
      form.reset();
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      props.onDone();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const preview =
    form.values.name.trim().length >= 2
      ? unitDisplayName(form.values.kind, form.values.name.trim())
      : null;

  return (
    <Paper withBorder p="md" radius="md">
      <form
        onSubmit={form.onSubmit((values) => mutation.mutate(values))}
        noValidate
        aria-labelledby="add-hamlet-title"
      >
        <Stack gap="sm">
          <Title order={3} size="h5" id="add-hamlet-title">
            {t('units.addTitle', { name: props.commune.name })}
          </Title>
          <NativeSelect
            label={t('units.kind')}
            data={HAMLET_KINDS.map((kind) => ({ value: kind, label: kindLabel(t, kind) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('units.hamletName')}
            description={t('units.hamletNameHelp')}
            required
            maxLength={120}
            {...form.getInputProps('name')}
          />
          {preview && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('units.willBeSavedAs', { name: preview })}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('units.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
