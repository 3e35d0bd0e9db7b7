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
  Title,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvitationDto, TrainingDetailDto } from '@toso/domain/trainings';
import {
  attendanceSheetUrl,
  inviteToTraining,
  saveAttendance,
  trainingKeys,
  useInvitationList,
  useTraining,
} from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PagedList, SearchInput, useSearchPaging } from '../../components/paged-list';
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
        {can('trainings:write') && x.invited > 0 && (
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
      <AttendanceChecklist training={x} />
      {importing && <AttendanceImportModal training={x} onClose={() => setImporting(false)} />}
      {inviting && <InviteModal training={x} onClose={() => setInviting(false)} />}
    </Stack>
  );
}

const INVITEE_PAGE_SIZE = 50;

/**
 * Tap a name to mark it present; save once. The invitations come a page at a time (searched by
 * the member's, the hamlet's or the commune's name without accents); the marks made on one page are kept while
 * another is shown and saved together. Sized for a 360 px phone.
 */
function AttendanceChecklist(props: { training: TrainingDetailDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const x = props.training;
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const list = useInvitationList(x.id, debounced, page, INVITEE_PAGE_SIZE);
  /** The marks not saved yet: invitation id → present (only those that differ from the saved). */
  const [marks, setMarks] = useState<Map<string, boolean>>(() => new Map());
  const future = x.heldOn > todayIso();
  const editable = can('trainings:write') && !future;
  let present = x.present;
  for (const on of marks.values()) present += on ? 1 : -1;
  const mutation = useMutation({
    mutationFn: () =>
      saveAttendance(x.id, {
        present: [...marks].filter(([, on]) => on).map(([id]) => id),
        absent: [...marks].filter(([, on]) => !on).map(([id]) => id),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(trainingKeys.detail(saved.id), saved);
      setMarks(new Map());
      notifySuccess(t('trainings.attendanceSaved', { count: saved.present }));
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all });
    },
    onError: (error) => notifyError(error, t),
  });
  const mark = (i: InvitationDto, on: boolean) =>
    setMarks((old) => {
      const next = new Map(old);
      if (on === i.present) next.delete(i.id);
      else next.set(i.id, on);
      return next;
    });
  return (
    <Stack gap="xs" pb={editable && x.invited > 0 ? 64 : 0}>
      {future && <Alert color="yellow">{t('trainings.notYet')}</Alert>}
      {x.invited > 0 && (
        <Text size="sm" aria-live="polite">
          {t('trainings.attendanceCount', { present, invited: x.invited })}
        </Text>
      )}
      {x.invited > 12 && (
        <SearchInput
          aria-label={t('leftovers.findInvitee')}
          placeholder={t('leftovers.findInvitee')}
          value={search}
          onChange={setSearch}
        />
      )}
      <PagedList
        query={list}
        page={page}
        pageSize={INVITEE_PAGE_SIZE}
        onPage={setPage}
        empty={
          debounced
            ? t('leftovers.inviteeEmptySearch')
            : x.canEdit
              ? t('trainings.noInvitationsEdit')
              : t('trainings.noInvitations')
        }
      >
        {(items) =>
          byHamlet(items).map(([group, members]) => (
            <Paper key={group} withBorder radius="md" p="xs">
              <Text size="sm" fw={600} mb={4} className="toso-break">
                {group}
              </Text>
              <Stack gap={2}>
                {members.map((i) => (
                  <Checkbox
                    key={i.id}
                    size="md"
                    py={6}
                    label={i.fullName}
                    checked={marks.get(i.id) ?? i.present}
                    disabled={!editable}
                    onChange={(e) => mark(i, e.currentTarget.checked)}
                  />
                ))}
              </Stack>
              <Group gap={4} mt={4}>
                <Anchor component={Link} to={`/teams/${members[0].teamId}`} size="xs">
                  {members[0].teamName}
                </Anchor>
              </Group>
            </Paper>
          ))
        }
      </PagedList>
      {editable && x.invited > 0 && (
        <Paper
          withBorder
          p="xs"
          radius="md"
          shadow="sm"
          style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{t('trainings.presentShort', { count: present })}</Text>
            <Button
              loading={mutation.isPending}
              disabled={marks.size === 0}
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

/** The page's invitations grouped by "commune — hamlet", in the server's order. */
function byHamlet(items: InvitationDto[]): [string, InvitationDto[]][] {
  const groups = new Map<string, InvitationDto[]>();
  for (const i of items) {
    const key = `${i.communeName} — ${i.hamletName}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups.entries()];
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
