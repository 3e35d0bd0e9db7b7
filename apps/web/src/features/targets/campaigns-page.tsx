import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendar, IconPencil, IconPlus, IconTable, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  campaignUpdateBody,
  INDICATOR_KINDS,
  PERIOD_KINDS,
  type CampaignDto,
  type IndicatorInput,
  type IndicatorKind,
  type PeriodKind,
} from '@toso/domain/campaigns';
import type { Outcome } from '@toso/domain/platforms';
import {
  addIndicator,
  createCampaign,
  removeIndicator,
  targetKeys,
  updateCampaign,
  useCampaigns,
  usePeriods,
  usePlatforms,
} from '../../api/targets';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { indicatorLabel } from './grid-model';
import { useIndicatorWords } from './use-indicator-words';

type Dialog =
  | { kind: 'edit'; campaign: CampaignDto | null }
  | { kind: 'add'; campaign: CampaignDto }
  | { kind: 'periods'; campaign: CampaignDto }
  | { kind: 'remove'; campaign: CampaignDto; indicatorId: string; label: string }
  | null;

/** Campaigns of the user's area: dates, indicators and reporting periods. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const canWrite = can('settings:write');
  const campaigns = useCampaigns();
  const words = useIndicatorWords();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mine = (c: CampaignDto) => canWrite && c.unitId === me.user.unitId;

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('targetsCampaigns.title')}
        description={t('targetsCampaigns.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ kind: 'edit', campaign: null })}
            >
              {t('targetsCampaigns.add')}
            </Button>
          )
        }
      />
      {campaigns.isError ? (
        <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : campaigns.data.length === 0 ? (
        <EmptyState>
          {canWrite ? t('targetsCampaigns.empty') : t('targets.noCampaignsReadOnly')}
        </EmptyState>
      ) : (
        campaigns.data.map((c) => (
          <Paper withBorder p="sm" radius="md" key={c.id} data-testid="campaign-row">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" gap="xs">
                <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                  <Text fw={600} className="toso-break">
                    {c.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('targets.campaignDates', {
                      from: formatDate(c.startsOn, i18n.language),
                      to: formatDate(c.endsOn, i18n.language),
                      unit: c.unitName,
                    })}
                  </Text>
                </Stack>
                <Group gap={4}>
                  <Button
                    size="compact-sm"
                    variant="light"
                    component={Link}
                    to={`/targets?campaign=${c.id}`}
                    leftSection={<IconTable size={14} />}
                  >
                    {t('targetsCampaigns.targets')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconCalendar size={14} />}
                    onClick={() => setDialog({ kind: 'periods', campaign: c })}
                  >
                    {t('targetsCampaigns.periods')}
                  </Button>
                  {mine(c) && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setDialog({ kind: 'edit', campaign: c })}
                    >
                      {t('common.edit')}
                    </Button>
                  )}
                </Group>
              </Group>
              <Stack gap={4} aria-label={t('targetsCampaigns.indicators')}>
                {c.indicators.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('targetsCampaigns.noIndicators')}
                  </Text>
                )}
                {c.indicators.map((ind) => {
                  const label = indicatorLabel(ind, words.outcomeLabel, words.kindLabel);
                  return (
                    <Group key={ind.id} gap="xs" wrap="nowrap" justify="space-between">
                      <Text size="sm" className="toso-break">
                        {label}
                        {ind.kind !== 'platform_outcome' && (
                          <Badge size="xs" variant="light" ml={6}>
                            {ind.kind === 'working_age_share'
                              ? '%'
                              : t('targetsCampaigns.coverage')}
                          </Badge>
                        )}
                      </Text>
                      {mine(c) && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('targetsCampaigns.removeNamed', { name: label })}
                          onClick={() =>
                            setDialog({ kind: 'remove', campaign: c, indicatorId: ind.id, label })
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  );
                })}
                {mine(c) && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setDialog({ kind: 'add', campaign: c })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('targetsCampaigns.addIndicator')}
                  </Button>
                )}
              </Stack>
            </Stack>
          </Paper>
        ))
      )}
      {dialog?.kind === 'edit' && (
        <CampaignModal campaign={dialog.campaign} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'add' && (
        <AddIndicatorModal campaign={dialog.campaign} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'periods' && (
        <PeriodsModal campaign={dialog.campaign} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveIndicatorModal
          campaign={dialog.campaign}
          indicatorId={dialog.indicatorId}
          label={dialog.label}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

/** Picks an indicator: a kind, and for a platform indicator the platform and the outcome. */
function IndicatorPicker(props: {
  value: IndicatorInput | null;
  onChange: (v: IndicatorInput | null) => void;
}) {
  const { t } = useTranslation();
  const platforms = usePlatforms();
  const [kind, setKind] = useState<IndicatorKind>(props.value?.kind ?? 'platform_outcome');
  const [platformId, setPlatformId] = useState('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const active = (platforms.data ?? []).filter((p) => !p.retiredOn);
  const chosen = active.find((p) => p.id === platformId);
  const emit = (k: IndicatorKind, pid: string, o: Outcome | '') => {
    if (k !== 'platform_outcome') props.onChange({ kind: k });
    else props.onChange(pid && o ? { kind: k, platformId: pid, outcome: o } : null);
  };
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('targetsCampaigns.indicatorKind')}
        value={kind}
        onChange={(e) => {
          const k = e.currentTarget.value as IndicatorKind;
          setKind(k);
          emit(k, platformId, outcome);
        }}
        data={INDICATOR_KINDS.map((k) => ({ value: k, label: t(`targets.kind.${k}`) }))}
      />
      {kind === 'platform_outcome' && (
        <>
          <NativeSelect
            label={t('targetsCampaigns.platform')}
            value={platformId}
            onChange={(e) => {
              const pid = e.currentTarget.value;
              setPlatformId(pid);
              setOutcome('');
              emit(kind, pid, '');
            }}
            data={[
              { value: '', label: t('targetsCampaigns.choose') },
              ...active.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <NativeSelect
            label={t('targetsCampaigns.outcome')}
            value={outcome}
            disabled={!chosen}
            onChange={(e) => {
              const o = e.currentTarget.value as Outcome | '';
              setOutcome(o);
              emit(kind, platformId, o);
            }}
            data={[
              { value: '', label: t('targetsCampaigns.choose') },
              ...(chosen?.outcomes ?? []).map((o) => ({
                value: o,
                label: t(`field.outcome.${o}`),
              })),
            ]}
          />
        </>
      )}
    </Stack>
  );
}

interface CampaignValues {
  name: string;
  startsOn: string;
  endsOn: string;
}

function CampaignModal(props: { campaign: CampaignDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const c = props.campaign;
  const [first, setFirst] = useState<IndicatorInput | null>(null);
  const [firstError, setFirstError] = useState<string | null>(null);
  const form = useForm<CampaignValues>({
    initialValues: { name: c?.name ?? '', startsOn: c?.startsOn ?? '', endsOn: c?.endsOn ?? '' },
    validate: (v) => ({
      ...zodValidate<CampaignValues>(campaignUpdateBody)(v),
      ...(v.startsOn && v.endsOn && v.endsOn < v.startsOn
        ? { endsOn: t('targetsCampaigns.endsBeforeStart') }
        : {}),
    }),
  });
  const save = useMutation({
    mutationFn: (v: CampaignValues) =>
      c
        ? updateCampaign(c.id, v)
        : createCampaign({ ...v, unitId: me.user.unitId ?? '', indicators: first ? [first] : [] }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: targetKeys.all });
      notifySuccess(t('targetsCampaigns.saved', { name: saved.name }));
      props.onClose();
    },
    onError: (e) => applyServerErrors(form, e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={c ? t('targetsCampaigns.edit') : t('targetsCampaigns.add')}
    >
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          if (!c && !first) {
            setFirstError(t('targetsCampaigns.firstIndicatorMissing'));
            return;
          }
          save.mutate(v);
        })}
      >
        <Stack gap="sm">
          <TextInput label={t('targetsCampaigns.name')} required {...form.getInputProps('name')} />
          <Group grow gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('targetsCampaigns.startsOn')}
              required
              {...form.getInputProps('startsOn')}
            />
            <TextInput
              type="date"
              label={t('targetsCampaigns.endsOn')}
              required
              {...form.getInputProps('endsOn')}
            />
          </Group>
          {!c && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('targetsCampaigns.firstIndicator')}
              </Text>
              <IndicatorPicker
                value={first}
                onChange={(v) => {
                  setFirst(v);
                  setFirstError(null);
                }}
              />
              {firstError && (
                <Text size="sm" c="red" role="alert">
                  {firstError}
                </Text>
              )}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AddIndicatorModal(props: { campaign: CampaignDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<IndicatorInput | null>(null);
  const add = useMutation({
    mutationFn: () => addIndicator(props.campaign.id, value!),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: targetKeys.all });
      notifySuccess(t('targetsCampaigns.indicatorAdded'));
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal opened onClose={props.onClose} title={t('targetsCampaigns.addIndicator')}>
      <Stack gap="sm">
        <IndicatorPicker value={value} onChange={setValue} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!value} loading={add.isPending} onClick={() => add.mutate()}>
            {t('targetsCampaigns.addIndicator')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RemoveIndicatorModal(props: {
  campaign: CampaignDto;
  indicatorId: string;
  label: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeIndicator(props.campaign.id, props.indicatorId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: targetKeys.all });
      notifySuccess(t('targetsCampaigns.indicatorRemoved'));
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal opened onClose={props.onClose} title={t('targetsCampaigns.removeTitle')}>
      <Stack gap="sm">
        <Text size="sm">{t('targetsCampaigns.removeText', { name: props.label })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('targetsCampaigns.removeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PeriodsModal(props: { campaign: CampaignDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<PeriodKind>('month');
  const periods = usePeriods(props.campaign.id, kind);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('targetsCampaigns.periodsOf', { name: props.campaign.name })}
    >
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as PeriodKind)}
          data={PERIOD_KINDS.map((k) => ({
            value: k,
            label: t(`targetsCampaigns.periodKind.${k}`),
          }))}
        />
        {periods.isError ? (
          <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
        ) : !periods.data ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : (
          <Table.ScrollContainer minWidth={300} mah={360}>
            <Table striped aria-label={t('targetsCampaigns.periods')}>
              <Table.Tbody>
                {periods.data.map((p) => (
                  <Table.Tr key={p.key}>
                    <Table.Td>{p.label}</Table.Td>
                    <Table.Td>
                      {formatDate(p.from, i18n.language)} – {formatDate(p.to, i18n.language)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Modal>
  );
}
