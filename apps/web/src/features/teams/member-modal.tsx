import {
  Button,
  Grid,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  AFFILIATIONS,
  memberBody,
  TEAM_ROLES,
  type Affiliation,
  type MemberDto,
  type TeamDetailDto,
  type TeamRole,
} from '@toso/domain/teams';
import { coverageKeys } from '../../api/coverage';
import { addMember, teamKeys, updateMember } from '../../api/teams';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { CompositionPanel } from './composition-panel';
import { affiliationLabel, teamRoleLabel } from './team-labels';

interface Values {
  fullName: string;
  sex: '' | 'male' | 'female';
  birthYear: number | string;
  phone: string;
  affiliation: Affiliation;
  position: string;
  digitalSkills: string;
  role: TeamRole;
  joinedOn: string;
}

function toBody(v: Values) {
  return {
    fullName: v.fullName,
    sex: v.sex === '' ? null : v.sex,
    birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
    phone: v.phone.trim() === '' ? null : v.phone,
    affiliation: v.affiliation,
    position: v.position,
    digitalSkills: v.digitalSkills,
    role: v.role,
    joinedOn: v.joinedOn === '' ? null : v.joinedOn,
  };
}

/** Adds or edits a member; the composition panel previews the team as it would be. */
export function MemberModal(props: {
  team: TeamDetailDto;
  member: MemberDto | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const m = props.member;
  const schemaCheck = zodValidate<Values>(memberBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      fullName: m?.fullName ?? '',
      sex: m?.sex ?? '',
      birthYear: m?.birthYear ?? '',
      phone: m?.phone ?? '',
      affiliation:
        m?.affiliation ?? (props.team.members.length === 0 ? 'hamlet_head' : 'volunteer'),
      position: m?.position ?? '',
      digitalSkills: m?.digitalSkills ?? '',
      role: m?.role ?? (props.team.members.some((x) => x.role === 'leader') ? 'member' : 'leader'),
      joinedOn: m?.joinedOn ?? '',
    },
    validate: schemaCheck,
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const body = toBody(values);
      return m ? updateMember(props.team.id, m.id, body) : addMember(props.team.id, body);
    },
    onSuccess: async (team) => {
      queryClient.setQueryData(teamKeys.detail(team.id), team);
      notifySuccess(
        m
          ? t('members.saved', { name: form.values.fullName.trim() })
          : t('members.added', { name: form.values.fullName.trim() }),
      );
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const preview = [
    ...props.team.members
      .filter((x) => x.id !== m?.id)
      .map((x) => ({ affiliation: x.affiliation, role: x.role })),
    { affiliation: form.values.affiliation, role: form.values.role },
  ];

  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={m ? t('members.editTitle', { name: m.fullName }) : t('members.addTitle')}
      size="xl"
      fullScreen={phone}
    >
      <form
        onSubmit={form.onSubmit((v) => mutation.mutate(v))}
        noValidate
        aria-label={m ? t('members.editTitle', { name: m.fullName }) : t('members.addTitle')}
      >
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
            <Stack gap="sm">
              <TextInput
                label={t('members.fullName')}
                required
                data-autofocus
                {...form.getInputProps('fullName')}
              />
              <Group grow gap="sm" align="flex-start">
                <NativeSelect
                  label={t('members.sex')}
                  data={[
                    { value: '', label: t('members.sexUnknown') },
                    { value: 'male', label: t('sex.male') },
                    { value: 'female', label: t('sex.female') },
                  ]}
                  {...form.getInputProps('sex')}
                />
                <NumberInput
                  label={t('members.birthYear')}
                  min={1900}
                  max={new Date().getFullYear()}
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                  {...form.getInputProps('birthYear')}
                />
              </Group>
              <TextInput
                label={t('members.phone')}
                type="tel"
                inputMode="tel"
                description={t('members.phoneHelp')}
                {...form.getInputProps('phone')}
              />
              <NativeSelect
                label={t('members.affiliation')}
                required
                data={AFFILIATIONS.map((a) => ({ value: a, label: affiliationLabel(t, a) }))}
                {...form.getInputProps('affiliation')}
              />
              <NativeSelect
                label={t('members.role')}
                required
                data={TEAM_ROLES.map((r) => ({ value: r, label: teamRoleLabel(t, r) }))}
                {...form.getInputProps('role')}
              />
              <TextInput
                label={t('members.position')}
                description={t('members.positionHelp')}
                {...form.getInputProps('position')}
              />
              <TextInput
                label={t('members.digitalSkills')}
                {...form.getInputProps('digitalSkills')}
              />
              <TextInput
                type="date"
                label={t('members.joinedOn')}
                {...form.getInputProps('joinedOn')}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
            <CompositionPanel
              members={preview}
              settings={props.team.settings}
              title={t('composition.preview')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="xs" mt="md">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {m ? t('common.save') : t('members.addSubmit')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
