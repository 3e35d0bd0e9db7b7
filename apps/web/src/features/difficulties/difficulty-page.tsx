import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconArrowUp, IconCheck, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DifficultyDetailDto, DifficultyEventDto } from '@toso/domain/difficulties';
import {
  actOnDifficulty,
  difficultyKeys,
  useDifficulty,
  type DifficultyStep,
} from '../../api/difficulties';
import { notificationKeys } from '../../api/notifications';
import { formatDateTime } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { DifficultyStatusBadge, OverdueBadge, UrgencyBadge } from './difficulty-labels';

export function DifficultyPage() {
  const { t, i18n } = useTranslation();
  const { difficultyId = '' } = useParams();
  const query = useDifficulty(difficultyId);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const d = query.data;
  const canAct = Object.values(d.can).some(Boolean);
  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/difficulties" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} />
          {t('difficulties.back')}
        </Group>
      </Anchor>
      <Stack gap={6}>
        <Title order={2} className="toso-break">
          {d.title}
        </Title>
        <Group gap={6}>
          {d.isOverdue && <OverdueBadge />}
          <DifficultyStatusBadge status={d.status} />
          <UrgencyBadge urgency={d.urgency} />
        </Group>
      </Stack>
      <Facts d={d} />
      <Paper withBorder radius="md" p="sm">
        <Text size="sm" c="dimmed" mb={4}>
          {t('difficulties.descriptionLabel')}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }} className="toso-break">
          {d.description}
        </Text>
        {d.report && (
          <Anchor
            component={Link}
            to={`/reports/${d.report.id}`}
            size="sm"
            mt="xs"
            display="inline-block"
            data-testid="difficulty-report-link"
          >
            {t('reportDifficulties.fromReport', {
              unit: d.report.unitName,
              period: d.report.periodLabel,
            })}
          </Anchor>
        )}
      </Paper>
      <Paper withBorder radius="md" p="sm" data-testid="difficulty-answer">
        <Text fw={600} mb={4}>
          {t('difficulties.answer')}
        </Text>
        {d.answer ? (
          <>
            <Text size="xs" c="dimmed" mb={4}>
              {t('difficulties.answerBy', {
                name: d.answeredBy?.fullName ?? '',
                date: d.answeredAt ? formatDateTime(d.answeredAt, i18n.language) : '',
              })}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }} className="toso-break">
              {d.answer}
            </Text>
          </>
        ) : (
          <Text c="dimmed">{t('difficulties.noAnswer')}</Text>
        )}
      </Paper>
      {canAct && <Actions d={d} />}
      <History events={d.events} />
    </Stack>
  );
}

function Facts(props: { d: DifficultyDetailDto }) {
  const { t, i18n } = useTranslation();
  const { d } = props;
  const rows: [string, string][] = [
    [t('difficulties.unit'), d.unit.name],
    [t('difficulties.category'), t(`difficulties.categories.${d.category}`)],
    [
      t('difficulties.raisedBy'),
      [d.raisedBy?.fullName, formatDateTime(d.raisedAt, i18n.language)].filter(Boolean).join(' · '),
    ],
    [
      t('difficulties.handlerLabel'),
      d.handlerUnit.name + (d.assignee ? ` · ${d.assignee.fullName}` : ''),
    ],
    [
      t('difficulties.dueLabel'),
      d.status === 'resolved' && d.resolvedAt
        ? `${formatDateTime(d.dueAt, i18n.language)} · ${t('difficulties.status.resolved')} ${formatDateTime(d.resolvedAt, i18n.language)}`
        : formatDateTime(d.dueAt, i18n.language),
    ],
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      {rows.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm" className="toso-break">
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

type NoteAction = 'resolve' | 'escalate' | 'reopen';

function Actions(props: { d: DifficultyDetailDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { d } = props;
  const [assigneeId, setAssigneeId] = useState('');
  const [answer, setAnswer] = useState('');
  const [noteFor, setNoteFor] = useState<NoteAction | null>(null);
  const mutation = useMutation({
    mutationFn: (step: DifficultyStep) => actOnDifficulty(d.id, step),
    onSuccess: async (next, step) => {
      queryClient.setQueryData(difficultyKeys.detail(next.id), next);
      const done: Record<DifficultyStep['action'], string> = {
        assign: t('difficulties.assignDone', { name: next.assignee?.fullName ?? '' }),
        answer: t('difficulties.answerDone'),
        resolve: t('difficulties.resolveDone'),
        escalate: t('difficulties.escalateDone'),
        reopen: t('difficulties.reopenDone'),
      };
      notifySuccess(done[step.action]);
      setNoteFor(null);
      setAnswer('');
      await queryClient.invalidateQueries({ queryKey: difficultyKeys.all });
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Paper withBorder radius="md" p="sm" data-testid="difficulty-actions">
      <Text fw={600} mb="xs">
        {t('difficulties.actions')}
      </Text>
      <Stack gap="sm">
        {d.can.assign && d.assignees.length > 0 && (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <NativeSelect
              label={t('difficulties.assignee')}
              value={assigneeId}
              onChange={(e) => setAssigneeId(e.currentTarget.value)}
              data={[
                { value: '', label: '—' },
                ...d.assignees.map((a) => ({ value: a.id, label: a.fullName })),
              ]}
              style={{ flex: '1 1 200px', maxWidth: 320 }}
            />
            <Button
              variant="light"
              disabled={!assigneeId}
              loading={mutation.isPending && mutation.variables?.action === 'assign'}
              onClick={() => mutation.mutate({ action: 'assign', assigneeId })}
            >
              {t('difficulties.assign')}
            </Button>
          </Group>
        )}
        {d.can.answer && (
          <Stack gap="xs">
            <Textarea
              label={t('difficulties.answerAction')}
              placeholder={t('difficulties.answerPlaceholder')}
              autosize
              minRows={3}
              maxLength={4000}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
            />
            <Group>
              <Button
                disabled={!answer.trim()}
                loading={mutation.isPending && mutation.variables?.action === 'answer'}
                onClick={() => mutation.mutate({ action: 'answer', answer })}
              >
                {t('difficulties.answerAction')}
              </Button>
            </Group>
          </Stack>
        )}
        <Group gap="xs" wrap="wrap">
          {d.can.resolve && (
            <Button
              color="teal"
              variant="light"
              leftSection={<IconCheck size={16} />}
              onClick={() => setNoteFor('resolve')}
            >
              {t('difficulties.resolve')}
            </Button>
          )}
          {d.can.escalate && (
            <Button
              color="orange"
              variant="light"
              leftSection={<IconArrowUp size={16} />}
              onClick={() => setNoteFor('escalate')}
            >
              {t('difficulties.escalate')}
            </Button>
          )}
          {d.can.reopen && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconRefresh size={16} />}
              onClick={() => setNoteFor('reopen')}
            >
              {t('difficulties.reopen')}
            </Button>
          )}
        </Group>
      </Stack>
      {noteFor && (
        <NoteModal
          action={noteFor}
          loading={mutation.isPending}
          onClose={() => setNoteFor(null)}
          onSubmit={(note) =>
            mutation.mutate(
              noteFor === 'resolve'
                ? { action: 'resolve', note: note || undefined }
                : { action: noteFor, note },
            )
          }
        />
      )}
    </Paper>
  );
}

function NoteModal(props: {
  action: NoteAction;
  loading: boolean;
  onClose: () => void;
  onSubmit: (note: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const required = props.action !== 'resolve';
  const title = {
    resolve: t('difficulties.resolve'),
    escalate: t('difficulties.escalateTo'),
    reopen: t('difficulties.reopen'),
  }[props.action];
  const label = {
    resolve: t('difficulties.resolveNote'),
    escalate: t('difficulties.escalateNote'),
    reopen: t('difficulties.reopenNote'),
  }[props.action];
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!required || note.trim()) props.onSubmit(note.trim());
        }}
      >
        <Stack>
          {props.action === 'resolve' && (
            <Alert color="teal">{t('difficulties.resolveConfirm')}</Alert>
          )}
          {props.action === 'reopen' && (
            <Alert color="orange">{t('difficulties.reopenOnce')}</Alert>
          )}
          <Textarea
            label={label}
            required={required}
            autosize
            minRows={2}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.loading} disabled={required && !note.trim()}>
              {t('difficulties.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function History(props: { events: DifficultyEventDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm">
      <Text fw={600} mb="xs">
        {t('difficulties.history')}
      </Text>
      <Timeline bulletSize={14} lineWidth={2}>
        {props.events.map((e) => (
          <Timeline.Item
            key={e.id}
            title={t(`difficulties.event.${e.action}`, {
              by: e.by?.fullName ?? '',
              to: e.toUnit?.name ?? '',
              from: e.fromUnit?.name ?? '',
              assignee: e.assignee?.fullName ?? '',
            })}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at, i18n.language)}
            </Text>
            {e.note && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="toso-break">
                {e.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
