import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { foldText } from '@toso/domain/text';
import type { TrainingDetailDto } from '@toso/domain/trainings';
import {
  attendanceSheetUrl,
  inviteToTraining,
  saveAttendance,
  trainingKeys,
  useTraining,
} from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { AttendanceImportModal } from './attendance-import-modal';
import { TeamPicker, type Invitees } from './team-picker';
import { organiserLabel } from './trainings-page';

export function TrainingPage() {
  const { t } = useTranslation();
  const { trainingId = '' } = useParams();
  const training = useTraining(trainingId);
  if (training.isError)
    return <ErrorState error={training.error} onRetry={() => void training.refetch()} />;
  if (training.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <TrainingView training={training.data} />;
}

function TrainingView(props: { training: TrainingDetailDto }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const x = props.training;
  const [importing, setImporting] = useState(false);
  const [inviting, setInviting] = useState(false);
  return (
    <Stack gap="sm">
      <PageHeader
        title={x.title}
        description={`${formatDate(x.heldOn, i18n.language)} ${x.startTime} · ${organiserLabel(t, x)}`}
        actions={
          x.canEdit && (
            <Button
              variant="default"
              leftSection={<IconUserPlus size={16} />}
              onClick={() => setInviting(true)}
            >
              {t('trainings.inviteMore')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" radius="md">
        <Stack gap={6}>
          <Group gap={4}>
            <Badge variant="light" color={x.mode === 'online' ? 'grape' : 'blue'}>
              {t(`trainings.mode.${x.mode}`)}
            </Badge>
            {x.topics.map((topic) => (
              <Badge key={topic.key} variant="outline" color="gray" className="toso-break">
                {topic.label}
              </Badge>
            ))}
          </Group>
          {x.mode === 'in_person' ? (
            <Text size="sm">
              {t('trainings.fieldPlace')}: {x.place}
            </Text>
          ) : (
            x.link && (
              <Anchor
                href={x.link}
                target="_blank"
                rel="noreferrer"
                size="sm"
                className="toso-break"
              >
                {x.link}
              </Anchor>
            )
          )}
          {x.trainer && (
            <Text size="sm">
              {t('trainings.fieldTrainer')}: {x.trainer}
            </Text>
          )}
          {x.notes && (
            <Text size="sm" c="dimmed" className="toso-break">
              {x.notes}
            </Text>
          )}
        </Stack>
      </Paper>
      <Group justify="space-between" gap="xs">
        <Title order={3}>{t('trainings.attendance')}</Title>
        {can('trainings:write') && x.invitations.length > 0 && (
          <Group gap="xs">
            <Button
              component="a"
              href={attendanceSheetUrl(x.id)}
              download
              variant="default"
              size="xs"
              leftSection={<IconDownload size={14} />}
            >
              {t('trainings.sheetDownload')}
            </Button>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconFileSpreadsheet size={14} />}
              onClick={() => setImporting(true)}
              disabled={x.heldOn > todayIso()}
            >
              {t('trainings.sheetImport')}
            </Button>
          </Group>
        )}
      </Group>
      <AttendanceChecklist key={attendanceStamp(x)} training={x} />
      {importing && <AttendanceImportModal training={x} onClose={() => setImporting(false)} />}
      {inviting && <InviteModal training={x} onClose={() => setInviting(false)} />}
    </Stack>
  );
}

/** Changes when the saved attendance changes, so the checklist starts again from it. */
function attendanceStamp(x: TrainingDetailDto): string {
  let h = 0;
  for (const i of x.invitations) {
    if (!i.present) continue;
    for (let k = 0; k < i.id.length; k += 1) h = (Math.imul(h, 31) + i.id.charCodeAt(k)) | 0;
  }
  return `${x.invitations.length}-${x.present}-${h}`;
}

/** Tap a name to mark it present; save once. Sized for a 360 px phone. */
function AttendanceChecklist(props: { training: TrainingDetailDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const x = props.training;
  const initial = useMemo(
    () => new Set(x.invitations.filter((i) => i.present).map((i) => i.id)),
    [x.invitations],
  );
  const [present, setPresent] = useState<Set<string>>(initial);
  const [filter, setFilter] = useState('');
  const future = x.heldOn > todayIso();
  const editable = can('trainings:write') && !future;
  const changed = present.size !== initial.size || [...present].some((id) => !initial.has(id));
  const mutation = useMutation({
    mutationFn: () =>
      saveAttendance(x.id, {
        present: x.invitations.filter((i) => present.has(i.id)).map((i) => i.id),
        absent: x.invitations.filter((i) => !present.has(i.id)).map((i) => i.id),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(trainingKeys.detail(saved.id), saved);
      notifySuccess(t('trainings.attendanceSaved', { count: saved.present }));
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
    onError: (error) => notifyError(error, t),
  });
  if (x.invitations.length === 0)
    return (
      <EmptyState>
        {x.canEdit ? t('trainings.noInvitationsEdit') : t('trainings.noInvitations')}
      </EmptyState>
    );
  const folded = foldText(filter.trim());
  const shown = x.invitations.filter(
    (i) => !folded || foldText(`${i.fullName} ${i.hamletName}`).includes(folded),
  );
  const groups = new Map<string, typeof shown>();
  for (const i of shown) {
    const key = `${i.communeName} — ${i.hamletName}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return (
    <Stack gap="xs" pb={editable ? 64 : 0}>
      {future && <Alert color="yellow">{t('trainings.notYet')}</Alert>}
      <Text size="sm" aria-live="polite">
        {t('trainings.attendanceCount', { present: present.size, invited: x.invitations.length })}
      </Text>
      {x.invitations.length > 12 && (
        <TextInput
          type="search"
          aria-label={t('trainings.findInvitee')}
          placeholder={t('trainings.findInvitee')}
          leftSection={<IconSearch size={16} />}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
      )}
      {[...groups.entries()].map(([group, items]) => (
        <Paper key={group} withBorder radius="md" p="xs">
          <Text size="sm" fw={600} mb={4} className="toso-break">
            {group}
          </Text>
          <Stack gap={2}>
            {items.map((i) => (
              <Checkbox
                key={i.id}
                size="md"
                py={6}
                label={i.fullName}
                checked={present.has(i.id)}
                disabled={!editable}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setPresent((old) => {
                    const next = new Set(old);
                    if (on) next.add(i.id);
                    else next.delete(i.id);
                    return next;
                  });
                }}
              />
            ))}
          </Stack>
          <Group gap={4} mt={4}>
            {items.slice(0, 1).map((i) => (
              <Anchor key={i.teamId} component={Link} to={`/teams/${i.teamId}`} size="xs">
                {i.teamName}
              </Anchor>
            ))}
          </Group>
        </Paper>
      ))}
      {editable && (
        <Paper
          withBorder
          p="xs"
          radius="md"
          shadow="sm"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{t('trainings.presentShort', { count: present.size })}</Text>
            <Button
              loading={mutation.isPending}
              disabled={!changed}
              onClick={() => mutation.mutate()}
            >
              {t('trainings.saveAttendance')}
            </Button>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

function InviteModal(props: { training: TrainingDetailDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [invitees, setInvitees] = useState<Invitees>({ teamIds: [], memberIds: [] });
  const mutation = useMutation({
    mutationFn: () => inviteToTraining(props.training.id, invitees),
    onSuccess: async (saved) => {
      queryClient.setQueryData(trainingKeys.detail(saved.id), saved);
      notifySuccess(t('trainings.invited', { count: saved.invited - props.training.invited }));
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
      props.onClose();
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('trainings.inviteMore')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <TeamPicker value={invitees} onChange={setInvitees} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={mutation.isPending}
            disabled={invitees.teamIds.length + invitees.memberIds.length === 0}
            onClick={() => mutation.mutate()}
          >
            {t('trainings.invite')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
