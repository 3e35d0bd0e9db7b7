import {
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  ORGANISER_KINDS,
  trainingBody,
  type OrganiserKind,
  type TrainingMode,
} from '@toso/domain/trainings';
import { createTraining, trainingKeys } from '../../api/trainings';
import { PartnerPicker } from '../partners/partner-picker';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { todayIso } from '../../components/dates';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { TeamPicker, type Invitees } from './team-picker';
import { useTopicOptions } from './topic-options';

interface Values {
  title: string;
  unitId: string;
  organiserKind: OrganiserKind;
  partnerId: string | null;
  topics: string[];
  mode: TrainingMode;
  place: string;
  link: string;
  heldOn: string;
  startTime: string;
  trainer: string;
  notes: string;
}

const DEFAULT_KIND: Record<string, OrganiserKind> = {
  province_officer: 'province',
  district_officer: 'district',
  commune_officer: 'commune',
};

export function TrainingFormPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const topics = useTopicOptions();
  const [invitees, setInvitees] = useState<Invitees>({ teamIds: [], memberIds: [] });
  const toBody = (v: Values) => ({
    ...v,
    link: v.link.trim() === '' ? null : v.link.trim(),
    partnerId: v.organiserKind === 'partner' ? v.partnerId : null,
    ...invitees,
  });
  const form = useForm<Values>({
    initialValues: {
      title: '',
      unitId: me.user.unitId ?? '',
      organiserKind: DEFAULT_KIND[me.user.role] ?? 'district',
      partnerId: null,
      topics: [],
      mode: 'in_person',
      place: '',
      link: '',
      heldOn: todayIso(),
      startTime: '08:00',
      trainer: '',
      notes: '',
    },
    validate: zodValidate<Values>(trainingBody, toBody),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => createTraining(toBody(v)),
    onSuccess: async (created) => {
      notifySuccess(t('trainings.created', { count: created.invited }));
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      void navigate(`/trainings/${created.id}`);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });

  return (
    <Stack gap="sm" maw={760}>
      <PageHeader title={t('trainings.schedule')} description={t('trainings.scheduleHelp')} />
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <Paper withBorder p="sm" radius="md">
            <Stack gap="sm">
              <TextInput
                label={t('trainings.fieldTitle')}
                required
                {...form.getInputProps('title')}
              />
              {!me.user.unitId && (
                <UnitPicker
                  label={t('trainings.fieldUnit')}
                  levels={['province', 'district', 'commune']}
                  value={form.values.unitId || null}
                  onChange={(id) => form.setFieldValue('unitId', id ?? '')}
                  error={form.errors.unitId}
                  required
                />
              )}
              <Group grow wrap="wrap" gap="sm">
                <NativeSelect
                  label={t('trainings.fieldOrganiser')}
                  data={ORGANISER_KINDS.map((k) => ({
                    value: k,
                    label: t(`trainings.organiser.${k}`),
                  }))}
                  {...form.getInputProps('organiserKind')}
                  style={{ minWidth: 200 }}
                />
                {form.values.organiserKind === 'partner' && (
                  <PartnerPicker
                    label={t('trainings.fieldPartner')}
                    nothingFound={can('partners:write') ? t('trainings.noPartners') : undefined}
                    value={form.values.partnerId}
                    onChange={(id) => form.setFieldValue('partnerId', id)}
                    error={form.errors.partnerId}
                    style={{ minWidth: 200 }}
                  />
                )}
              </Group>
              <MultiSelect
                label={t('trainings.fieldTopics')}
                description={t('trainings.fieldTopicsHelp')}
                data={topics.groups}
                searchable
                required
                {...form.getInputProps('topics')}
                comboboxProps={{ withinPortal: true }}
              />
              <SegmentedControl
                aria-label={t('trainings.fieldMode')}
                data={[
                  { value: 'in_person', label: t('trainings.mode.in_person') },
                  { value: 'online', label: t('trainings.mode.online') },
                ]}
                {...form.getInputProps('mode')}
              />
              {form.values.mode === 'in_person' ? (
                <TextInput
                  label={t('trainings.fieldPlace')}
                  required
                  {...form.getInputProps('place')}
                />
              ) : (
                <TextInput
                  label={t('trainings.fieldLink')}
                  placeholder="https://"
                  type="url"
                  required
                  {...form.getInputProps('link')}
                />
              )}
              <Group grow wrap="wrap" gap="sm">
                <TextInput
                  type="date"
                  label={t('trainings.fieldDate')}
                  required
                  {...form.getInputProps('heldOn')}
                />
                <TextInput
                  type="time"
                  label={t('trainings.fieldTime')}
                  required
                  {...form.getInputProps('startTime')}
                />
              </Group>
              <TextInput label={t('trainings.fieldTrainer')} {...form.getInputProps('trainer')} />
              <Textarea
                label={t('trainings.fieldNotes')}
                autosize
                minRows={2}
                {...form.getInputProps('notes')}
              />
            </Stack>
          </Paper>
          <Paper withBorder p="sm" radius="md">
            <Stack gap="xs">
              <Title order={4}>{t('trainings.invitees')}</Title>
              <TeamPicker value={invitees} onChange={setInvitees} />
            </Stack>
          </Paper>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => void navigate('/trainings')}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('trainings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
