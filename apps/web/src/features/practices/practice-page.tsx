import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Image,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IconArrowLeft,
  IconPencil,
  IconPhotoPlus,
  IconSend,
  IconStar,
  IconStarFilled,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { PracticeDto } from '@toso/domain/library';
import { listSupports } from '../../api/field';
import {
  addComment,
  addPracticePhoto,
  deleteComment,
  deletePractice,
  featurePractice,
  libraryKeys,
  practicePhotoUrl,
  publishPractice,
  removePracticePhoto,
  usePractice,
  usePracticeComments,
} from '../../api/library';
import { formatDate, formatDateTime } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { ConfirmButton } from '../materials/confirm-button';
import { PracticeModal } from './practice-modal';

export function PracticePage() {
  const { t, i18n } = useTranslation();
  const { practiceId } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const practice = usePractice(practiceId);
  const [editing, setEditing] = useState(false);
  const update = (saved: PracticeDto) => {
    queryClient.setQueryData(libraryKeys.practice(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: libraryKeys.practices });
  };
  const act = useMutation({
    mutationFn: (fn: () => Promise<PracticeDto>) => fn(),
    onSuccess: update,
    onError: (error) => notifyError(error, t),
  });
  const remove = useMutation({
    mutationFn: () => deletePractice(practiceId ?? ''),
    onSuccess: async () => {
      notifySuccess(t('practices.deleted'));
      await queryClient.invalidateQueries({ queryKey: libraryKeys.practices });
      void navigate('/practices');
    },
    onError: (error) => notifyError(error, t),
  });
  if (practice.isError)
    return <ErrorState error={practice.error} onRetry={() => void practice.refetch()} />;
  if (practice.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const p = practice.data;
  return (
    <Stack gap="sm" maw={860}>
      <Button
        component={Link}
        to="/practices"
        variant="subtle"
        size="compact-sm"
        leftSection={<IconArrowLeft size={16} />}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('practices.back')}
      </Button>
      <Group gap={6}>
        {p.featured && (
          <Badge color="yellow" leftSection={<IconStarFilled size={10} />}>
            {t('practices.featured')}
          </Badge>
        )}
        <Badge color={p.status === 'draft' ? 'gray' : 'teal'} variant="light">
          {t(`practices.statusLabel.${p.status}`)}
        </Badge>
      </Group>
      <Title order={2} className="toso-break">
        {p.title}
      </Title>
      <Text size="sm" c="dimmed">
        {[
          p.unitName,
          p.authorName,
          p.publishedAt ? formatDate(p.publishedAt.slice(0, 10), i18n.language) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {p.status === 'draft' && <Alert color="gray">{t('practices.draftExplain')}</Alert>}
      <Group gap="xs">
        {p.canEdit && p.status === 'draft' && (
          <Button
            leftSection={<IconSend size={16} />}
            loading={act.isPending}
            onClick={() => act.mutate(() => publishPractice(p.id))}
          >
            {t('practices.publish')}
          </Button>
        )}
        {p.canFeature && (
          <Button
            variant={p.featured ? 'default' : 'filled'}
            color="yellow"
            leftSection={p.featured ? <IconStar size={16} /> : <IconStarFilled size={16} />}
            loading={act.isPending}
            onClick={() => act.mutate(() => featurePractice(p.id, !p.featured))}
          >
            {p.featured ? t('practices.unfeature') : t('practices.feature')}
          </Button>
        )}
        {p.canEdit && (
          <Button
            variant="light"
            leftSection={<IconPencil size={16} />}
            onClick={() => setEditing(true)}
          >
            {t('common.edit')}
          </Button>
        )}
        {p.canEdit && (
          <FileButton
            accept="image/jpeg,image/png"
            onChange={(file) => file && act.mutate(() => addPracticePhoto(p.id, file))}
          >
            {(fileProps) => (
              <Button
                {...fileProps}
                variant="light"
                leftSection={<IconPhotoPlus size={16} />}
                disabled={p.photos.length >= 6}
              >
                {t('practices.addPhoto')}
              </Button>
            )}
          </FileButton>
        )}
        {p.canEdit && (
          <ConfirmButton
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            label={t('practices.delete')}
            confirmLabel={t('practices.delete')}
            question={t('practices.deleteQuestion', { title: p.title })}
            loading={remove.isPending}
            onConfirm={() => remove.mutateAsync().catch(() => undefined)}
          />
        )}
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }} className="toso-break" data-testid="practice-body">
        {p.body}
      </Text>
      {p.photos.length > 0 && (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          {p.photos.map((ph) => (
            <Stack key={ph.id} gap={2}>
              <Anchor href={practicePhotoUrl(p.id, ph.id)} target="_blank" rel="noreferrer">
                <Image
                  src={practicePhotoUrl(p.id, ph.id)}
                  alt={ph.name}
                  radius="sm"
                  h={140}
                  fit="cover"
                />
              </Anchor>
              {p.canEdit && (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  label={t('practices.removePhoto')}
                  confirmLabel={t('practices.removePhoto')}
                  question={t('practices.removePhotoQuestion')}
                  onConfirm={() =>
                    act.mutateAsync(() => removePracticePhoto(p.id, ph.id)).catch(() => undefined)
                  }
                />
              )}
            </Stack>
          ))}
        </SimpleGrid>
      )}
      {p.figures.length > 0 && <Figures practice={p} />}
      <Comments practice={p} onChange={update} />
      {editing && <PracticeModal practice={p} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function Figures(props: { practice: PracticeDto }) {
  const { t } = useTranslation();
  const [records, setRecords] = useState<{ label: string; query: string } | null>(null);
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('practices.figures')}
      </Title>
      <Stack gap="xs">
        {props.practice.figures.map((f) => (
          <Group
            key={f.id}
            justify="space-between"
            wrap="nowrap"
            align="flex-start"
            data-testid="practice-figure"
          >
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" className="toso-break">
                {f.label}
              </Text>
              <Text size="xs" c="dimmed" className="toso-break">
                {f.platformName} · {f.unitName} ·{' '}
                {f.fromMonth === f.toMonth ? f.fromMonth : `${f.fromMonth} → ${f.toMonth}`}
              </Text>
              {f.recordsQuery && (
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  onClick={() => setRecords({ label: f.label, query: f.recordsQuery! })}
                >
                  {t('practices.seeRecords')}
                </Anchor>
              )}
            </Stack>
            <Text fw={700} size="xl" aria-label={t('practices.liveCount')}>
              {f.count.toLocaleString('vi-VN')}
            </Text>
          </Group>
        ))}
      </Stack>
      {records && (
        <RecordsModal
          label={records.label}
          query={records.query}
          onClose={() => setRecords(null)}
        />
      )}
    </Paper>
  );
}

/** The support records behind a figure, from GET /api/supports (first 50). */
function RecordsModal(props: { label: string; query: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const records = useQuery({
    queryKey: ['practices', 'records', props.query],
    queryFn: () =>
      listSupports({ ...Object.fromEntries(new URLSearchParams(props.query)), pageSize: 50 }),
  });
  const data = records.data;
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      title={props.label}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : !data ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('practices.recordsTotal', { count: data.total })}
          </Text>
          <Table.ScrollContainer minWidth={360}>
            <Table striped>
              <Table.Tbody>
                {data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/residents/${r.residentId}`} size="sm">
                        {r.residentName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.hamletName}</Table.Td>
                    <Table.Td>{t(`field.outcome.${r.outcome}`)}</Table.Td>
                    <Table.Td>{formatDate(r.supportedOn, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Modal>
  );
}

function Comments(props: { practice: PracticeDto; onChange: (p: PracticeDto) => void }) {
  const { t, i18n } = useTranslation();
  const p = props.practice;
  const queryClient = useQueryClient();
  const comments = usePracticeComments(p.id);
  const [text, setText] = useState('');
  const changed = (saved: PracticeDto) => {
    props.onChange(saved);
    void queryClient.invalidateQueries({ queryKey: libraryKeys.comments(p.id) });
  };
  const post = useMutation({
    mutationFn: () => addComment(p.id, text),
    onSuccess: (saved) => {
      setText('');
      changed(saved);
    },
    onError: (error) => notifyError(error, t),
  });
  const remove = useMutation({
    mutationFn: (commentId: string) => deleteComment(p.id, commentId),
    onSuccess: changed,
    onError: (error) => notifyError(error, t),
  });
  // Newest first: a comment just posted is at the top. A comment posted by someone else while
  // older pages were loaded shifts them by one; show it once.
  const items = uniqueById(comments.data?.pages.flatMap((page) => page.items) ?? []);
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('practices.comments', { count: p.commentCount })}
      </Title>
      <Stack gap="sm">
        <Textarea
          label={t('practices.writeComment')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Button
          size="compact-md"
          style={{ alignSelf: 'flex-start' }}
          disabled={!text.trim()}
          loading={post.isPending}
          onClick={() => post.mutate()}
        >
          {t('practices.postComment')}
        </Button>
        {comments.isError && (
          <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />
        )}
        {comments.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {comments.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('practices.noComments')}
          </Text>
        )}
        {items.map((c) => (
          <Stack key={c.id} gap={2} data-testid="practice-comment">
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs" c="dimmed">
                {c.authorName} · {formatDateTime(c.createdAt, i18n.language)}
              </Text>
              {c.canDelete && (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  label={t('practices.deleteComment')}
                  confirmLabel={t('practices.deleteComment')}
                  question={t('practices.deleteCommentQuestion')}
                  onConfirm={() => remove.mutateAsync(c.id).catch(() => undefined)}
                />
              )}
            </Group>
            <Text size="sm" className="toso-break" style={{ whiteSpace: 'pre-wrap' }}>
              {c.body}
            </Text>
          </Stack>
        ))}
        {comments.hasNextPage && (
          <Button
            size="compact-sm"
            variant="light"
            style={{ alignSelf: 'flex-start' }}
            loading={comments.isFetchingNextPage}
            onClick={() => void comments.fetchNextPage()}
          >
            {t('review.moreComments', { count: p.commentCount - items.length })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => !seen.has(x.id) && seen.add(x.id));
}
