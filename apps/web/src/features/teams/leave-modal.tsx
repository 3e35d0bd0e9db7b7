import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { leaveBody, type MemberDto, type TeamDetailDto } from '@toso/domain/teams';
import { coverageKeys } from '../../api/coverage';
import { leaveTeam, teamKeys } from '../../api/teams';
import { todayIso } from '../../components/dates';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

/** Records that a member left on a date; they move to the team's history. */
export function LeaveModal(props: { team: TeamDetailDto; member: MemberDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { leftOn: todayIso() }, validate: zodValidate(leaveBody) });
  const mutation = useMutation({
    mutationFn: (v: { leftOn: string }) => leaveTeam(props.team.id, props.member.id, v.leftOn),
    onSuccess: async (team) => {
      queryClient.setQueryData(teamKeys.detail(team.id), team);
      notifySuccess(t('members.leftDone', { name: props.member.fullName }));
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
      title={t('members.leaveTitle', { name: props.member.fullName })}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Alert color="orange">{t('members.leaveExplain', { name: props.member.fullName })}</Alert>
          <TextInput
            type="date"
            label={t('members.leftOn')}
            required
            {...form.getInputProps('leftOn')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending}>
              {t('members.leaveSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
