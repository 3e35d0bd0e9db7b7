import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DIFFICULTY_CATEGORIES,
  URGENCIES,
  createDifficultyBody,
  type DifficultyCategory,
  type DifficultyDetailDto,
  type Urgency,
} from '@toso/domain/difficulties';
import { difficultyKeys, raiseDifficulty } from '../../api/difficulties';
import { notificationKeys } from '../../api/notifications';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

interface Values {
  unitId: string;
  category: DifficultyCategory;
  urgency: Urgency;
  title: string;
  description: string;
  reportId?: string;
}

/** The report a difficulty is raised from: its unit is the difficulty's. */
export interface RaiseFromReport {
  id: string;
  unitId: string;
  unitName: string;
  periodLabel: string;
  /** The report's difficulties section, to start the description from. */
  text: string;
}

/** A first line of the report's text as the title (the user can change it). */
function titleFrom(text: string): string {
  const first = text.trim().split(/\r?\n|(?<=[.;!?])\s/)[0] ?? '';
  const line = first.replace(/^[-•+*]\s+/, '').replace(/[.;]+$/, '');
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/**
 * A team raises for its hamlet; a commune officer for the commune or one of its hamlets. From a
 * report, the unit is the report's and the description starts from its difficulties section.
 */
export function RaiseModal(props: {
  onClose: () => void;
  onRaised: (d: DifficultyDetailDto) => void;
  fromReport?: RaiseFromReport;
}) {
  const from = props.fromReport;
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const fixedUnit =
    from !== undefined || me.user.role === 'team_leader' || me.user.role === 'team_member';
  const form = useForm<Values>({
    initialValues: {
      unitId: from?.unitId ?? me.user.unitId ?? '',
      category: 'infrastructure',
      urgency: 'normal',
      title: from ? titleFrom(from.text) : '',
      description: from?.text.trim() ?? '',
      ...(from ? { reportId: from.id } : {}),
    },
    validate: zodValidate<Values>(createDifficultyBody),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => raiseDifficulty(v),
    onSuccess: async (d) => {
      notifySuccess(t('difficulties.raised', { unit: d.handlerUnit.name }));
      await queryClient.invalidateQueries({ queryKey: difficultyKeys.all });
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
      props.onRaised(d);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('difficulties.raiseTitle')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Alert color="blue" variant="light">
            {t('difficulties.raiseExplain')}
          </Alert>
          {from && (
            <Text size="sm" data-testid="raise-from-report">
              {t('reportDifficulties.fromReport', {
                unit: from.unitName,
                period: from.periodLabel,
              })}
            </Text>
          )}
          {fixedUnit ? (
            <TextInput
              label={t('difficulties.unit')}
              value={from?.unitName ?? me.user.unitName ?? ''}
              readOnly
            />
          ) : (
            <UnitPicker
              label={t('difficulties.unit')}
              levels={['commune', 'hamlet']}
              value={form.values.unitId || null}
              valueLabel={me.user.unitName}
              onChange={(id) => form.setFieldValue('unitId', id ?? '')}
              error={form.errors.unitId}
              required
            />
          )}
          <NativeSelect
            label={t('difficulties.category')}
            required
            data={DIFFICULTY_CATEGORIES.map((c) => ({
              value: c,
              label: t(`difficulties.categories.${c}`),
            }))}
            {...form.getInputProps('category')}
          />
          <NativeSelect
            label={t('difficulties.urgencyLabel')}
            required
            data={URGENCIES.map((u) => ({ value: u, label: t(`difficulties.urgency.${u}`) }))}
            {...form.getInputProps('urgency')}
          />
          <TextInput
            label={t('difficulties.titleLabel')}
            required
            maxLength={200}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('difficulties.descriptionLabel')}
            description={t('difficulties.descriptionHint')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('difficulties.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
