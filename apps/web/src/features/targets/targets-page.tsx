import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowUp,
  IconDeviceFloppy,
  IconDownload,
  IconSchool,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useSearchParams } from 'react-router';
import {
  saveTargets,
  targetKeys,
  targetsExportUrl,
  useCampaigns,
  useTargetGrid,
  type WeightBy,
} from '../../api/targets';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { changesOf, hasInvalid, indicatorLabel, liveBalance } from './grid-model';
import { ImportTargetsModal } from './import-targets-modal';
import { TargetGrid } from './target-grid';
import { useIndicatorWords } from './use-indicator-words';

/**
 * Targets of a campaign for the units below the user's (communes for the district, hamlets for
 * the commune): edit many at once, start from a suggested split, save once.
 */
export function TargetsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaign') ?? campaigns.data?.[0]?.id ?? null;
  const unitId = params.get('unit') ?? undefined;
  const [weightBy, setWeightBy] = useState<WeightBy>('working_age');
  const grid = useTargetGrid(campaignId, unitId, weightBy);
  const { outcomeLabel, kindLabel } = useIndicatorWords();
  const [drafts, setDrafts] = useState<Map<string, string>>(new Map());
  const [importing, setImporting] = useState(false);
  const dirty = drafts.size > 0;
  const invalid = grid.data ? hasInvalid(drafts, grid.data) : false;

  // Leaving with unsaved changes: the app's own links ask first, the browser warns on unload.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = useMutation({
    mutationFn: () => saveTargets(campaignId!, changesOf(drafts)),
    onSuccess: async () => {
      const n = drafts.size;
      await queryClient.invalidateQueries({ queryKey: targetKeys.all });
      setDrafts(new Map());
      notifySuccess(t('targets.saved', { count: n }));
    },
    onError: (e) => notifyError(e, t),
  });

  const go = (next: { campaign?: string; unit?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.campaign !== undefined) {
      p.set('campaign', next.campaign);
      p.delete('unit');
    }
    if (next.unit === null) p.delete('unit');
    else if (next.unit) p.set('unit', next.unit);
    setParams(p);
  };

  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const data = grid.data;
  const unbalanced = data
    ? liveBalance(data, drafts)
        .map((b, c) => ({
          ...b,
          label: indicatorLabel(data.indicators[c], outcomeLabel, kindLabel),
        }))
        .filter((b) => b.difference !== null && b.difference !== 0)
    : [];

  return (
    <Stack gap="sm">
      <PageHeader title={t('targets.title')} description={t('targets.description')} />
      {campaigns.isError ? (
        <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : campaigns.data.length === 0 ? (
        <EmptyState
          action={
            can('settings:write') && (
              <Button component={Link} to="/campaigns" variant="light">
                {t('targets.toCampaigns')}
              </Button>
            )
          }
        >
          {can('settings:write') ? t('targets.noCampaigns') : t('targets.noCampaignsReadOnly')}
        </EmptyState>
      ) : (
        <>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('targets.campaign')}
              value={campaignId ?? ''}
              onChange={(e) => go({ campaign: e.currentTarget.value })}
              data={campaigns.data.map((c) => ({ value: c.id, label: c.name }))}
              style={{ flex: '1 1 260px', maxWidth: 480 }}
            />
            <Stack gap={2}>
              <Text size="sm" fw={500} id="weight-by-label">
                {t('targets.weightBy')}
              </Text>
              <SegmentedControl
                aria-labelledby="weight-by-label"
                value={weightBy}
                onChange={(v) => setWeightBy(v as WeightBy)}
                data={[
                  { value: 'working_age', label: t('targets.weightWorkingAge') },
                  { value: 'households', label: t('targets.weightHouseholds') },
                ]}
              />
            </Stack>
          </Group>
          {campaign && (
            <Text size="sm" c="dimmed">
              {t('targets.campaignDates', {
                from: formatDate(campaign.startsOn, i18n.language),
                to: formatDate(campaign.endsOn, i18n.language),
                unit: campaign.unitName,
              })}
            </Text>
          )}
          {grid.isError ? (
            <ErrorState error={grid.error} onRetry={() => void grid.refetch()} />
          ) : !data ? (
            <Loader size="sm" aria-label={t('common.loading')} />
          ) : data.indicators.length === 0 ? (
            <EmptyState
              action={
                can('settings:write') && (
                  <Button component={Link} to="/campaigns" variant="light">
                    {t('targets.toCampaigns')}
                  </Button>
                )
              }
            >
              {can('settings:write')
                ? t('targets.noIndicators')
                : t('targets.noIndicatorsReadOnly', { name: campaign?.unitName ?? '' })}
            </EmptyState>
          ) : (
            <>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Group gap="xs">
                  <Text fw={600}>{t('targets.unitHeading', { name: data.unit.name })}</Text>
                  {data.unit.parentId && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconArrowUp size={14} />}
                      onClick={() => go({ unit: data.unit.parentId })}
                    >
                      {t('targets.up')}
                    </Button>
                  )}
                </Group>
                <Group gap="xs">
                  {can('trainings:read') && (
                    <Button
                      component={Link}
                      to={`/trainings/coverage?unitId=${data.unit.id}`}
                      variant="subtle"
                      size="sm"
                      leftSection={<IconSchool size={16} />}
                    >
                      {t('targets.untrainedLink')}
                    </Button>
                  )}
                  <Button
                    component="a"
                    href={targetsExportUrl(data.campaignId, data.unit.id)}
                    variant="default"
                    size="sm"
                    leftSection={<IconDownload size={16} />}
                  >
                    {t('targets.export')}
                  </Button>
                  {data.canEditRows && (
                    <Button
                      variant="default"
                      size="sm"
                      leftSection={<IconUpload size={16} />}
                      disabled={dirty}
                      title={dirty ? t('targets.saveBeforeImport') : undefined}
                      onClick={() => setImporting(true)}
                    >
                      {t('targets.import.button')}
                    </Button>
                  )}
                </Group>
              </Group>
              {unbalanced.length > 0 && (
                <Alert
                  color="orange"
                  icon={<IconAlertTriangle />}
                  title={t('targets.mismatchTitle')}
                  data-testid="balance-warning"
                  role="status"
                >
                  <Stack gap={2}>
                    <Text size="sm">{t('targets.mismatchText', { name: data.unit.name })}</Text>
                    {unbalanced.map((b) => (
                      <Text size="sm" key={b.indicatorId}>
                        {t('targets.mismatchLine', {
                          label: b.label,
                          sum: b.sum.toLocaleString('vi-VN'),
                          parent: (b.parent ?? 0).toLocaleString('vi-VN'),
                        })}
                      </Text>
                    ))}
                  </Stack>
                </Alert>
              )}
              {data.rows.length === 0 ? (
                <EmptyState>{t('targets.noRows', { name: data.unit.name })}</EmptyState>
              ) : (
                <TargetGrid
                  grid={data}
                  drafts={drafts}
                  onDrafts={setDrafts}
                  onOpenUnit={(id) => go({ unit: id })}
                  onPasted={(n) => notifySuccess(t('targets.pasted', { count: n }))}
                />
              )}
              {data.canEditRows && (
                <Group
                  justify="space-between"
                  gap="xs"
                  wrap="wrap"
                  pos="sticky"
                  bottom={0}
                  py="xs"
                  bg="var(--mantine-color-body)"
                  style={{ zIndex: 2 }}
                >
                  <Group gap="xs" style={{ flex: '1 1 200px', minWidth: 0 }}>
                    {dirty ? (
                      <Badge color="yellow" variant="light" data-testid="unsaved-count">
                        {t('targets.unsaved', { count: drafts.size })}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('targets.keyboardHelp')}
                      </Text>
                    )}
                    {invalid && (
                      <Text size="sm" c="red" role="alert">
                        {t('targets.invalidCells')}
                      </Text>
                    )}
                  </Group>
                  <Group gap="xs">
                    <Button
                      variant="default"
                      disabled={!dirty || save.isPending}
                      onClick={() => setDrafts(new Map())}
                    >
                      {t('targets.discard')}
                    </Button>
                    <Button
                      leftSection={<IconDeviceFloppy size={16} />}
                      disabled={!dirty || invalid}
                      loading={save.isPending}
                      onClick={() => save.mutate()}
                    >
                      {t('targets.save', { count: drafts.size })}
                    </Button>
                  </Group>
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {t('targets.reachedNote')}
              </Text>
            </>
          )}
          {importing && data && (
            <ImportTargetsModal
              campaignId={data.campaignId}
              unitId={data.unit.id}
              unitName={data.unit.name}
              onClose={() => setImporting(false)}
            />
          )}
        </>
      )}
      <Modal
        opened={blocker.state === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('targets.leaveTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('targets.leaveText', { count: drafts.size })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('targets.stay')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setDrafts(new Map());
                blocker.proceed?.();
              }}
            >
              {t('targets.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
