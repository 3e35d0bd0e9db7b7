import { Alert, Button, Checkbox, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { dissolveBody, type TeamDetailDto } from '@toso/domain/teams';
import { coverageKeys } from '../../api/coverage';
import { dissolveTeam, teamKeys } from '../../api/teams';
import { todayIso } from '../../components/dates';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

interface Values {
  dissolvedOn: string;
  reason: string;
  confirmed: boolean;
}

export function DissolveModal(props: { team: TeamDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const schemaCheck = zodValidate<Values>(dissolveBody);
  const form = useForm<Values>({
    initialValues: { dissolvedOn: todayIso(), reason: '', confirmed: false },
    validate: (v) => ({
      ...schemaCheck(v),
      ...(v.confirmed ? {} : { confirmed: t('teams.dissolveConfirmRequired') }),
    }),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      dissolveTeam(props.team.id, { dissolvedOn: v.dissolvedOn, reason: v.reason }),
    onSuccess: async (team) => {
      queryClient.setQueryData(teamKeys.detail(team.id), team);
      notifySuccess(t('teams.dissolvedDone', { name: team.name }));
      await queryClient.invalidateQueries({ queryKey: teamKeys.all });
      await queryClient.invalidateQueries({ queryKey: coverageKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('teams.dissolveTitle', { name: props.team.name })}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Alert color="red">{t('teams.dissolveExplain')}</Alert>
          <TextInput
            type="date"
            label={t('teams.dissolvedOn')}
            required
            {...form.getInputProps('dissolvedOn')}
          />
          <Textarea
            label={t('teams.dissolveReason')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <Checkbox
            label={t('teams.dissolveConfirm', { name: props.team.name })}
            {...form.getInputProps('confirmed', { type: 'checkbox' })}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color="red"
              loading={mutation.isPending}
              disabled={!form.values.confirmed}
            >
              {t('teams.dissolveSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
