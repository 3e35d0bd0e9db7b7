import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { practiceBody, type PracticeBody, type PracticeDto } from '@toso/domain/library';
import { OUTCOMES, type Outcome } from '@toso/domain/platforms';
import {
  createPractice,
  libraryKeys,
  updatePractice,
  useLibraryPlatforms,
} from '../../api/library';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

interface FigureValues {
  label: string;
  platformId: string;
  unitId: string | null;
  unitName: string | null;
  outcome: Outcome | '';
  fromMonth: string;
  toMonth: string;
}
interface Values {
  title: string;
  body: string;
  figures: FigureValues[];
}

const toBody = (v: Values): PracticeBody => ({
  title: v.title,
  body: v.body,
  figures: v.figures.map((f) => ({
    label: f.label,
    platformId: f.platformId,
    unitId: f.unitId ?? '',
    outcome: f.outcome || null,
    fromMonth: f.fromMonth,
    toMonth: f.toMonth,
  })),
});

/** Write or edit a practice: title, text, and figures tied to the records behind them. */
export function PracticeModal(props: {
  practice: PracticeDto | null;
  onClose: () => void;
  onSaved?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const platforms = useLibraryPlatforms();
  const p = props.practice;
  const schemaCheck = zodValidate<Values>(practiceBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      title: p?.title ?? '',
      body: p?.body ?? '',
      figures: (p?.figures ?? []).map((f) => ({
        label: f.label,
        platformId: f.platformId,
        unitId: f.unitId,
        unitName: f.unitName,
        outcome: f.outcome ?? '',
        fromMonth: f.fromMonth,
        toMonth: f.toMonth,
      })),
    },
    validate: schemaCheck,
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => (p ? updatePractice(p.id, toBody(v)) : createPractice(toBody(v))),
    onSuccess: async (saved) => {
      queryClient.setQueryData(libraryKeys.practice(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: libraryKeys.practices });
      notifySuccess(p ? t('practices.saved') : t('practices.created'));
      props.onClose();
      props.onSaved?.(saved.id);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const month = new Date().toISOString().slice(0, 7);
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={p ? t('practices.editTitle') : t('practices.add')}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput label={t('practices.titleField')} required {...form.getInputProps('title')} />
          <Textarea
            label={t('practices.body')}
            description={t('practices.bodyHint')}
            required
            autosize
            minRows={6}
            {...form.getInputProps('body')}
          />
          <Text fw={600} size="sm">
            {t('practices.figures')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('practices.figuresHint')}
          </Text>
          {form.values.figures.map((f, i) => (
            <Paper key={i} withBorder p="xs" radius="sm">
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap" align="flex-end">
                  <TextInput
                    label={t('practices.figureLabel')}
                    placeholder={t('practices.figureLabelHint')}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`figures.${i}.label`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('practices.removeFigure')}
                    onClick={() => form.removeListItem('figures', i)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                <Group grow wrap="wrap" align="flex-start">
                  <NativeSelect
                    label={t('practices.figurePlatform')}
                    data={[
                      { value: '', label: '—' },
                      ...(platforms.data ?? []).map((pl) => ({ value: pl.id, label: pl.name })),
                    ]}
                    miw={180}
                    {...form.getInputProps(`figures.${i}.platformId`)}
                  />
                  <NativeSelect
                    label={t('practices.figureOutcome')}
                    data={[
                      { value: '', label: t('practices.anyOutcome') },
                      ...OUTCOMES.map((o) => ({ value: o, label: t(`field.outcome.${o}`) })),
                    ]}
                    miw={160}
                    {...form.getInputProps(`figures.${i}.outcome`)}
                  />
                </Group>
                <UnitPicker
                  label={t('practices.figureUnit')}
                  value={f.unitId}
                  valueLabel={f.unitName}
                  levels={['district', 'commune', 'hamlet']}
                  onChange={(id, name) => {
                    form.setFieldValue(`figures.${i}.unitId`, id);
                    form.setFieldValue(`figures.${i}.unitName`, name);
                  }}
                  error={form.errors[`figures.${i}.unitId`]}
                />
                <Group grow>
                  <TextInput
                    type="month"
                    label={t('practices.fromMonth')}
                    {...form.getInputProps(`figures.${i}.fromMonth`)}
                  />
                  <TextInput
                    type="month"
                    label={t('practices.toMonth')}
                    {...form.getInputProps(`figures.${i}.toMonth`)}
                  />
                </Group>
              </Stack>
            </Paper>
          ))}
          {form.values.figures.length < 10 && (
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() =>
                form.insertListItem('figures', {
                  label: '',
                  platformId: '',
                  unitId: me.user.unitId,
                  unitName: me.user.unitName,
                  outcome: '',
                  fromMonth: month,
                  toMonth: month,
                } satisfies FigureValues)
              }
            >
              {t('practices.addFigure')}
            </Button>
          )}
          {!p && (
            <Text size="xs" c="dimmed">
              {t('practices.draftNote')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {p ? t('common.save') : t('practices.saveDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
