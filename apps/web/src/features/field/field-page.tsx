import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { describeError } from '../../components/notify';
import { getCopyInfo } from '../../offline/db';
import { useLiveQuery, useOnline } from '../../offline/hooks';
import { refreshDeviceCopy } from '../../offline/refresh';
import { syncSoon } from '../../offline/sync';
import { FieldGuidesButton } from './field-guides';
import { useFieldIdentity } from './field-identity';
import { PendingPanel } from './pending-panel';
import { ProgressCard } from './progress-card';
import { formatTimeDay } from './records';
import { ResidentSearch } from './resident-search';
import { SupportChecklist } from './support-checklist';

interface Selection {
  residentId: string;
  /** A rejected record being re-recorded: its note, and it is dropped once replaced. */
  replaces: { id: string; note: string } | null;
}

/** Ghi nhận hỗ trợ: find a resident on the device copy, tick what was done, save — offline too. */
export function FieldPage() {
  const { t } = useTranslation();
  // Not useMe(): offline, a second observer would refetch the session in a loop.
  const { identity, me, offlineSession } = useFieldIdentity();
  const online = useOnline();
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const copy = useLiveQuery(`copy|${identity.userId}`, async () => {
    const info = await getCopyInfo();
    return info && info.identity.userId === identity.userId ? info : null;
  });
  // Downloads the device copy on app start (once per session) and on demand.
  const refresh = useQuery({
    queryKey: ['field', 'device-copy', identity.userId],
    queryFn: async () => {
      if (!me) throw new Error('no session');
      const info = await refreshDeviceCopy(me);
      void syncSoon();
      return info;
    },
    enabled: Boolean(me) && online && !offlineSession,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  return (
    <Stack gap="sm" maw={720}>
      <PageHeader
        title={t('field.title')}
        description={identity.unitName ? t('field.scope', { name: identity.unitName }) : undefined}
      />
      <PendingPanel
        online={online}
        onEdit={(record) =>
          setSelection({
            residentId: record.residentId,
            replaces: { id: record.id, note: record.note },
          })
        }
      />
      {!online && (
        <Alert color="gray" icon={<IconCloudOff size={18} />} p="xs" data-testid="field-offline">
          {t('field.offlineNote')}
        </Alert>
      )}
      <Group justify="space-between" gap="xs" wrap="wrap" display={selection ? 'none' : undefined}>
        <FieldGuidesButton online={online} />
      </Group>
      <Group justify="space-between" gap="xs" wrap="wrap" display={selection ? 'none' : undefined}>
        <Text size="xs" c="dimmed" data-testid="device-copy">
          {copy
            ? t('field.copyInfo', {
                count: copy.residentCount,
                time: formatTimeDay(copy.refreshedAt),
              })
            : t('field.noCopy')}
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconRefresh size={16} />}
          onClick={() => void refresh.refetch()}
          loading={refresh.isFetching}
          disabled={!online || offlineSession}
        >
          {t('field.refresh')}
        </Button>
      </Group>
      {copy?.truncated && (
        <Badge color="yellow" variant="light">
          {t('field.truncated')}
        </Badge>
      )}
      {refresh.isError && online && (
        <Text size="xs" c="red">
          {describeError(refresh.error, t)}
        </Text>
      )}
      {selection ? (
        <SupportChecklist
          key={`${selection.residentId}|${selection.replaces?.id ?? ''}`}
          residentId={selection.residentId}
          replaces={selection.replaces}
          online={online && !offlineSession}
          onDone={() => {
            setSelection(null);
            setSearch('');
          }}
        />
      ) : (
        <ResidentSearch
          value={search}
          onChange={setSearch}
          loading={copy === undefined || (refresh.isFetching && !copy)}
          onPick={(residentId) => setSelection({ residentId, replaces: null })}
        />
      )}
      {online && !offlineSession && <ProgressCard unitId={identity.unitId} />}
    </Stack>
  );
}
