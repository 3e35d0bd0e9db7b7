import {
  Alert,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentDto } from '@toso/domain/registry';
import {
  listConsents,
  recordConsent,
  registryKeys,
  useConsentNotice,
  type ConsentStatus,
} from '../../api/registry';
import { formatDate, todayIso } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { ConsentBadge } from './resident-labels';

/** The notice read to the person, then their answer; nothing is chosen in advance. */
export function ConsentPanel(props: { resident: ResidentDto; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const r = props.resident;
  const notice = useConsentNotice();
  const history = useQuery({
    queryKey: registryKeys.consents(r.id),
    queryFn: () => listConsents(r.id),
  });
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const mutation = useMutation({
    mutationFn: (status: ConsentStatus) =>
      recordConsent(r.id, {
        status,
        recordedOn,
        noticeVersion: notice.data?.version ?? '',
      }),
    onSuccess: async (list, status) => {
      queryClient.setQueryData(registryKeys.consents(r.id), list);
      notifySuccess(t(`consent.recorded.${status}`, { name: r.fullName }));
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
    onError: (error) => notifyError(error, t),
  });
  const canRecord = props.canWrite && r.status === 'active' && notice.data !== undefined;
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-label={t('consent.title')}
    >
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={3}>{t('consent.title')}</Title>
        <ConsentBadge consent={r.consent} size="md" />
      </Group>
      <Stack gap="sm">
        {props.canWrite && r.status === 'active' && (
          <>
            {notice.isError ? (
              <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />
            ) : notice.isPending ? (
              <Loader size="sm" aria-label={t('common.loading')} />
            ) : (
              <Alert
                color="blue"
                title={t('consent.noticeTitle', { version: notice.data.version })}
              >
                <Text size="sm" lang="vi" className="toso-break" data-testid="consent-notice">
                  {notice.data.text}
                </Text>
              </Alert>
            )}
            <Text size="sm">{t('consent.ask')}</Text>
            <Group gap="xs" align="flex-end">
              <TextInput
                type="date"
                label={t('consent.recordedOn')}
                value={recordedOn}
                max={todayIso()}
                onChange={(e) => setRecordedOn(e.currentTarget.value)}
                style={{ flex: '0 1 180px' }}
              />
              <Button
                color="teal"
                disabled={!canRecord || !recordedOn}
                loading={mutation.isPending && mutation.variables === 'given'}
                onClick={() => mutation.mutate('given')}
              >
                {t('consent.give')}
              </Button>
              <Button
                color="red"
                variant="light"
                disabled={!canRecord || !recordedOn}
                loading={mutation.isPending && mutation.variables === 'refused'}
                onClick={() => mutation.mutate('refused')}
              >
                {t('consent.refuse')}
              </Button>
              {r.consent === 'given' && (
                <Button
                  color="orange"
                  variant="light"
                  disabled={!canRecord || !recordedOn}
                  loading={mutation.isPending && mutation.variables === 'withdrawn'}
                  onClick={() => mutation.mutate('withdrawn')}
                >
                  {t('consent.withdraw')}
                </Button>
              )}
            </Group>
          </>
        )}
        <Title order={4}>{t('consent.history')}</Title>
        {history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : history.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consent.noHistory')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table striped aria-label={t('consent.history')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consent.recordedOn')}</Table.Th>
                  <Table.Th>{t('consent.answer')}</Table.Th>
                  <Table.Th>{t('consent.version')}</Table.Th>
                  <Table.Th>{t('consent.collectedBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{formatDate(c.recordedOn, i18n.language)}</Table.Td>
                    <Table.Td>{t(`consent.badge.${c.status}`)}</Table.Td>
                    <Table.Td>{c.noticeVersion}</Table.Td>
                    <Table.Td>{c.collectedBy ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
