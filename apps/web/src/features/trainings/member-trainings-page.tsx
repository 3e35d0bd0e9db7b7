import {
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NATIONAL_COURSES, courseBody, type NationalCourse } from '@toso/domain/trainings';
import {
  certificateUrl,
  recordCourse,
  trainingKeys,
  uploadCertificate,
  useMemberHistory,
} from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';

/** One member's trainings (invited, present) and national online courses. */
export function MemberTrainingsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const { memberId = '' } = useParams();
  const history = useMemberHistory(memberId);
  const form = useForm<{ course: NationalCourse; completedOn: string }>({
    initialValues: { course: 'onetouch', completedOn: todayIso() },
    validate: zodValidate(courseBody),
  });
  const record = useMutation({
    mutationFn: (v: { course: NationalCourse; completedOn: string }) => recordCourse(memberId, v),
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingKeys.member(memberId), saved);
      notifySuccess(t('trainings.courseSaved'));
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const upload = useMutation({
    mutationFn: (v: { courseId: string; file: File }) => uploadCertificate(v.courseId, v.file),
    onSuccess: (saved) => {
      queryClient.setQueryData(trainingKeys.member(memberId), saved);
      notifySuccess(t('trainings.certificateSaved'));
    },
    onError: (error) => notifyError(error, t),
  });
  if (history.isError)
    return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  const h = history.data;
  return (
    <Stack gap="sm" maw={760}>
      <PageHeader
        title={h.member.fullName}
        description={
          <>
            <Anchor component={Link} to={`/teams/${h.member.teamId}`} size="sm">
              {h.member.teamName}
            </Anchor>{' '}
            · {h.member.communeName}
            {h.member.leftOn &&
              ` · ${t('trainings.leftOn', { date: formatDate(h.member.leftOn, i18n.language) })}`}
          </>
        }
      />
      <Title order={4}>{t('trainings.history')}</Title>
      {h.trainings.length === 0 ? (
        <EmptyState>{t('trainings.noHistory')}</EmptyState>
      ) : (
        <Stack gap="xs">
          {h.trainings.map((x) => (
            <Paper key={x.trainingId} withBorder p="xs" radius="md">
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/trainings/${x.trainingId}`} className="toso-break">
                    {x.title}
                  </Anchor>
                  <Text size="xs" c="dimmed" className="toso-break">
                    {formatDate(x.heldOn, i18n.language)} ·{' '}
                    {x.topics.map((topic) => topic.label).join(', ')}
                  </Text>
                </Stack>
                <Badge color={x.present ? 'teal' : 'gray'} variant="light">
                  {x.present ? t('trainings.present') : t('trainings.absent')}
                </Badge>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Title order={4}>{t('trainings.courses')}</Title>
      {h.courses.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('trainings.noCourses')}
        </Text>
      )}
      {h.courses.map((c) => (
        <Paper key={c.id} withBorder p="xs" radius="md">
          <Group justify="space-between" gap="xs">
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {t(`trainings.course.${c.course}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('trainings.completedOn', { date: formatDate(c.completedOn, i18n.language) })}
              </Text>
            </Stack>
            <Group gap="xs">
              {c.hasCertificate && (
                <Anchor href={certificateUrl(c.id)} size="sm">
                  {t('trainings.certificate')}
                </Anchor>
              )}
              {can('trainings:write') && (
                <FileButton
                  accept="application/pdf,image/png,image/jpeg"
                  onChange={(file) => file && upload.mutate({ courseId: c.id, file })}
                >
                  {(p) => (
                    <Button
                      {...p}
                      size="xs"
                      variant="default"
                      leftSection={<IconUpload size={14} />}
                      loading={upload.isPending}
                    >
                      {c.hasCertificate
                        ? t('trainings.replaceCertificate')
                        : t('trainings.uploadCertificate')}
                    </Button>
                  )}
                </FileButton>
              )}
            </Group>
          </Group>
        </Paper>
      ))}
      {can('trainings:write') && (
        <Paper withBorder p="sm" radius="md">
          <form onSubmit={form.onSubmit((v) => record.mutate(v))} noValidate>
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('trainings.recordCourse')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('trainings.certificateHelp')}
              </Text>
              <Group grow wrap="wrap" gap="sm" align="flex-end">
                <NativeSelect
                  label={t('trainings.fieldCourse')}
                  data={NATIONAL_COURSES.map((c) => ({
                    value: c,
                    label: t(`trainings.course.${c}`),
                  }))}
                  {...form.getInputProps('course')}
                  style={{ minWidth: 200 }}
                />
                <TextInput
                  type="date"
                  label={t('trainings.fieldCompletedOn')}
                  {...form.getInputProps('completedOn')}
                />
              </Group>
              <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
                {t('trainings.saveCourse')}
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
