import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockHour4, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import type { StoredRecord } from '../../offline/db';
import { useSyncState } from '../../offline/hooks';
import { syncSoon } from '../../offline/sync';
import { useFieldIdentity } from './field-identity';
import { discardRecord, formatTimeDay } from './records';
import { usePendingSummary } from './use-pending';

/** The pending counter (always shown) and the records the server refused, to fix or discard. */
export function PendingPanel(props: { online: boolean; onEdit: (record: StoredRecord) => void }) {
  const { t, i18n } = useTranslation();
  const vi = i18n.language !== 'en';
  const { identity, offlineSession } = useFieldIdentity();
  const summary = usePendingSummary(identity.userId);
  const sync = useSyncState();
  const pending = summary?.pending ?? 0;
  const rejected = summary?.rejected ?? [];
  return (
    <Stack gap="xs">
      <Paper withBorder p="xs" radius="sm" data-testid="pending-counter" aria-live="polite">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0, flex: '1 1 200px' }}>
            {pending > 0 ? (
              <IconClockHour4 size={20} color="var(--mantine-color-orange-7)" />
            ) : (
              <IconCircleCheck size={20} color="var(--mantine-color-teal-7)" />
            )}
            <Text size="sm" fw={600} className="toso-break">
              {summary === undefined
                ? t('common.loading')
                : pending > 0 && summary.oldest
                  ? t('field.pending', { count: pending, since: formatTimeDay(summary.oldest) })
                  : t('field.allSent')}
            </Text>
          </Group>
          {pending > 0 && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconSend size={14} />}
              onClick={() => void syncSoon()}
              loading={sync.sending}
              disabled={!props.online || offlineSession}
            >
              {t('field.sendNow')}
            </Button>
          )}
        </Group>
        {pending > 0 && sync.problem === 'session' && (
          <Text size="xs" c="red" mt={4}>
            {t('field.sessionEnded')}
          </Text>
        )}
        {pending > 0 && sync.problem === 'server' && (
          <Text size="xs" c="red" mt={4}>
            {t('field.serverProblem')}
          </Text>
        )}
      </Paper>
      {rejected.length > 0 && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          p="xs"
          title={t('field.rejectedTitle', { count: rejected.length })}
          data-testid="rejected-list"
        >
          <Stack gap="xs">
            {rejected.map((r) => (
              <Stack key={r.id} gap={2} data-testid="rejected-record">
                <Text size="sm" fw={600} className="toso-break">
                  {r.residentName} — {r.platformName}:{' '}
                  {vi ? OUTCOME_LABELS[r.outcome] : t(`field.outcome.${r.outcome}`)}
                </Text>
                <Text size="xs" className="toso-break">
                  {r.message ?? r.reason ?? t('field.rejectedUnknown')}
                </Text>
                <Group gap="xs">
                  <Button size="compact-xs" variant="white" onClick={() => props.onEdit(r)}>
                    {t('field.reRecord')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void discardRecord(r.id)}
                  >
                    {t('field.discard')}
                  </Button>
                </Group>
              </Stack>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
