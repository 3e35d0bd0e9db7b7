import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Input,
  Loader,
  MultiSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFFILIATIONS,
  PHASE_KEYS,
  programmeSettingsBody,
  type ProgrammeSettings,
  type ProgrammeSettingsDto,
} from '@toso/domain/teams';
import { coverageKeys } from '../../api/coverage';
import { saveSettings, settingsKeys, useSettings } from '../../api/settings';
import { teamKeys } from '../../api/teams';
import { useCurrentUser } from '../../app/auth-guard';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { ResponseDaysFields } from '../difficulties/response-days-fields';
import { EditableList } from '../teams/editable-list';
import { affiliationLabel } from '../teams/team-labels';

type Values = Omit<ProgrammeSettings, 'teamSizeMin' | 'teamSizeMax'> & {
  teamSizeMin: number | string;
  teamSizeMax: number | string;
};

const toBody = (v: Values) => ({
  ...v,
  teamSizeMin: typeof v.teamSizeMin === 'number' ? v.teamSizeMin : Number.NaN,
  teamSizeMax: typeof v.teamSizeMax === 'number' ? v.teamSizeMax : Number.NaN,
});

/** The programme's settings for a district or province (defaults come from Plan 174). */
export function SettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [unit, setUnit] = useState<{ id: string | null; name: string | null }>({
    id: me.user.unitId,
    name: me.user.unitName,
  });
  const query = useSettings(unit.id ?? undefined);
  return (
    <Stack gap="md">
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <UnitPicker
        label={t('settings.unit')}
        description={t('settings.unitHelp')}
        levels={['province', 'district']}
        value={unit.id}
        valueLabel={unit.name}
        onChange={(id, name) => setUnit({ id, name })}
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <SettingsForm key={`${query.data.unitId ?? ''}-${query.dataUpdatedAt}`} data={query.data} />
      )}
    </Stack>
  );
}

function SettingsForm(props: { data: ProgrammeSettingsDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { unitId, unitName, isDefault, ...initial } = props.data;
  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      const errors = zodValidate<Values>(programmeSettingsBody, toBody)(v);
      if (
        typeof v.teamSizeMin === 'number' &&
        typeof v.teamSizeMax === 'number' &&
        v.teamSizeMin > v.teamSizeMax
      )
        errors.teamSizeMax = t('settings.sizeOrder');
      return errors;
    },
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => saveSettings(unitId ?? '', programmeSettingsBody.parse(toBody(v))),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.unit(saved.unitId ?? undefined), saved);
      notifySuccess(t('settings.saved', { unit: saved.unitName ?? '' }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
        queryClient.invalidateQueries({ queryKey: coverageKeys.all }),
        queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      ]);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const phases = form.values.phases;
  return (
    <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
      <Stack gap="md">
        {isDefault && (
          <Alert color="blue">{t('settings.isDefault', { unit: unitName ?? '' })}</Alert>
        )}
        {!unitId && <Alert color="orange">{t('settings.pickUnit')}</Alert>}
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <Title order={3} mb="sm">
            {t('settings.plan')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('settings.planNumber')}
              required
              {...form.getInputProps('planNumber')}
            />
            <TextInput
              type="date"
              label={t('settings.planDate')}
              required
              {...form.getInputProps('planDate')}
            />
            <TextInput
              label={t('settings.planIssuer')}
              required
              {...form.getInputProps('planIssuer')}
            />
          </SimpleGrid>
        </Paper>
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <Title order={3} mb="sm">
            {t('settings.composition')}
          </Title>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
              <NumberInput
                label={t('settings.teamSizeMin')}
                min={1}
                max={50}
                allowDecimal={false}
                {...form.getInputProps('teamSizeMin')}
              />
              <NumberInput
                label={t('settings.teamSizeMax')}
                min={1}
                max={50}
                allowDecimal={false}
                {...form.getInputProps('teamSizeMax')}
              />
              <TextInput
                type="date"
                label={t('settings.deadline')}
                required
                {...form.getInputProps('establishmentDeadline')}
              />
            </SimpleGrid>
            <MultiSelect
              label={t('settings.requiredAffiliations')}
              description={t('settings.requiredAffiliationsHelp')}
              data={AFFILIATIONS.map((a) => ({ value: a, label: affiliationLabel(t, a) }))}
              clearable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('requiredAffiliations')}
            />
          </Stack>
        </Paper>
        <ResponseDaysFields
          value={form.values.difficultyResponseDays}
          onChange={(days) => form.setFieldValue('difficultyResponseDays', days)}
        />
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <Title order={3} mb="sm">
            {t('settings.phases')}
          </Title>
          <Stack gap="sm">
            {phases.map((phase, i) => (
              <Input.Wrapper key={i} label={t(`settings.phase.${phase.key}`)}>
                <Group gap="xs" align="flex-start" wrap="wrap" mt={4}>
                  <TextInput
                    aria-label={t('settings.phaseName', { n: i + 1 })}
                    style={{ flex: '1 1 220px' }}
                    {...form.getInputProps(`phases.${i}.name`)}
                  />
                  <TextInput
                    type="date"
                    aria-label={t('settings.phaseFrom', { n: i + 1 })}
                    style={{ flex: '1 1 140px' }}
                    {...form.getInputProps(`phases.${i}.from`)}
                  />
                  <TextInput
                    type="date"
                    aria-label={t('settings.phaseTo', { n: i + 1 })}
                    style={{ flex: '1 1 140px' }}
                    {...form.getInputProps(`phases.${i}.to`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('list.remove', { item: phase.name })}
                    onClick={() => form.removeListItem('phases', i)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              </Input.Wrapper>
            ))}
            <Group gap="xs">
              {PHASE_KEYS.filter((k) => !phases.some((p) => p.key === k)).map((k) => (
                <Button
                  key={k}
                  size="xs"
                  variant="light"
                  onClick={() =>
                    form.insertListItem('phases', {
                      key: k,
                      name: t(`settings.phase.${k}`),
                      from: form.values.planDate,
                      to: form.values.planDate,
                    })
                  }
                >
                  {t('settings.addPhase', { name: t(`settings.phase.${k}`) })}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <Stack gap="md">
            <EditableList
              label={t('settings.legalGrounds')}
              itemLabel={(i) => t('decision.legalGround', { n: i + 1 })}
              values={form.values.legalGrounds}
              onChange={(v) => form.setFieldValue('legalGrounds', v)}
              errors={form.errors}
              errorPrefix="legalGrounds"
              max={20}
            />
            <EditableList
              label={t('settings.duties')}
              itemLabel={(i) => t('decision.duty', { n: i + 1 })}
              values={form.values.duties}
              onChange={(v) => form.setFieldValue('duties', v)}
              errors={form.errors}
              errorPrefix="duties"
              max={20}
            />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={!unitId}>
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
