import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconChevronDown,
  IconFileImport,
  IconPencil,
  IconTrashX,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { updateTeamBody, type MemberDto, type TeamDetailDto } from '@toso/domain/teams';
import { coverageKeys } from '../../api/coverage';
import { renameTeam, teamKeys, useTeam } from '../../api/teams';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { CompositionPanel } from './composition-panel';
import { DecisionPanel } from './decision-panel';
import { DissolveModal } from './dissolve-modal';
import { LeaveModal } from './leave-modal';
import { MemberModal } from './member-modal';
import { MembersTable } from './members-table';
import { RosterModal } from './roster-modal';
import { TeamStatusBadge } from './team-labels';

type Dialog =
  | { kind: 'member'; member: MemberDto | null }
  | { kind: 'leave'; member: MemberDto }
  | { kind: 'rename' }
  | { kind: 'roster' }
  | { kind: 'dissolve' }
  | null;

export function TeamPage() {
  const { t } = useTranslation();
  const { teamId } = useParams();
  const query = useTeam(teamId);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <TeamView team={query.data} />;
}

function TeamView({ team }: { team: TeamDetailDto }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const canWrite = can('teams:write') && team.status !== 'dissolved';
  const close = () => setDialog(null);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/teams" size="sm">
        ← {t('teams.backToList')}
      </Anchor>
      <PageHeader
        title={team.name}
        description={[team.hamletName, team.communeName].filter(Boolean).join(' · ')}
        actions={
          canWrite && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={16} />}>
                  {t('teams.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconPencil size={16} />}
                  onClick={() => setDialog({ kind: 'rename' })}
                >
                  {t('teams.rename')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconFileImport size={16} />}
                  onClick={() => setDialog({ kind: 'roster' })}
                >
                  {t('roster.title')}
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconTrashX size={16} />}
                  onClick={() => setDialog({ kind: 'dissolve' })}
                >
                  {t('teams.dissolve')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )
        }
      />
      <Group gap="xs" mt={-8} data-testid="team-status">
        <TeamStatusBadge status={team.status} size="lg" />
        {team.establishedOn && (
          <Text size="sm">
            {t('teams.establishedOn', { date: formatDate(team.establishedOn, i18n.language) })}
          </Text>
        )}
        {team.decision && (
          <Badge variant="outline" color={team.decision.status === 'issued' ? 'teal' : 'gray'}>
            {t('teams.decisionBadge', {
              number: team.decision.number,
              status: t(`decision.status.${team.decision.status}`),
            })}
          </Badge>
        )}
        {team.isDemo && (
          <Badge color="grape" variant="light">
            {t('units.demo')}
          </Badge>
        )}
      </Group>
      {team.status === 'dissolved' && team.dissolvedOn && (
        <Alert color="gray">
          {t('teams.dissolvedOnText', { date: formatDate(team.dissolvedOn, i18n.language) })}
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section">
            <Group justify="space-between" mb="sm" gap="xs">
              <Title order={3}>{t('members.titleCount', { count: team.members.length })}</Title>
              {canWrite && (
                <Button
                  leftSection={<IconUserPlus size={16} />}
                  onClick={() => setDialog({ kind: 'member', member: null })}
                >
                  {t('members.add')}
                </Button>
              )}
            </Group>
            {team.members.length === 0 ? (
              <EmptyState
                action={
                  canWrite && (
                    <Button variant="light" onClick={() => setDialog({ kind: 'roster' })}>
                      {t('roster.title')}
                    </Button>
                  )
                }
              >
                {canWrite ? t('members.empty') : t('members.emptyReadOnly')}
              </EmptyState>
            ) : (
              <MembersTable
                members={team.members}
                canEdit={canWrite}
                onEdit={(member) => setDialog({ kind: 'member', member })}
                onLeave={(member) => setDialog({ kind: 'leave', member })}
              />
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="sm">
            <CompositionPanel members={team.members} settings={team.settings} />
            {team.compositionReason && (
              <Alert color="gray" title={t('decision.reason')}>
                <Text size="sm" className="toso-break">
                  {team.compositionReason}
                </Text>
              </Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {can('decisions:write') && team.status !== 'dissolved' && <DecisionPanel team={team} />}
      {team.formerMembers.length > 0 && (
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section">
          <Title order={3} mb="sm">
            {t('members.formerTitle')}
          </Title>
          <MembersTable
            members={team.formerMembers}
            former
            canEdit={false}
            onEdit={() => undefined}
            onLeave={() => undefined}
          />
        </Paper>
      )}
      {dialog?.kind === 'member' && (
        <MemberModal team={team} member={dialog.member} onClose={close} />
      )}
      {dialog?.kind === 'leave' && (
        <LeaveModal team={team} member={dialog.member} onClose={close} />
      )}
      {dialog?.kind === 'rename' && <RenameTeamModal team={team} onClose={close} />}
      {dialog?.kind === 'roster' && <RosterModal team={team} onClose={close} />}
      {dialog?.kind === 'dissolve' && <DissolveModal team={team} onClose={close} />}
    </Stack>
  );
}

function RenameTeamModal(props: { team: TeamDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { name: props.team.name },
    validate: zodValidate(updateTeamBody),
  });
  const mutation = useMutation({
    mutationFn: (v: { name: string }) => renameTeam(props.team.id, v.name),
    onSuccess: async (team) => {
      queryClient.setQueryData(teamKeys.detail(team.id), team);
      notifySuccess(t('teams.renamed'));
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
      title={t('teams.rename')}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <TextInput
            label={t('teams.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
