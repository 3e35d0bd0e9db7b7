import { Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOME_LABELS, PILLARS, PILLAR_LABELS, type Outcome } from '@toso/domain/platforms';
import { compareVietnamese } from '@toso/domain/text';
import { notifyError, notifySuccess } from '../../components/notify';
import { db, pairKey } from '../../offline/db';
import { useLiveQuery } from '../../offline/hooks';
import { refreshKnownFor } from '../../offline/refresh';
import { syncSoon } from '../../offline/sync';
import { PlatformGuideIcon } from './field-guides';
import { useFieldIdentity } from './field-identity';
import { saveRecords, todayInVietnam, type TickedPair } from './records';

type PairState = 'sent' | 'pending';

/** The platforms and outcomes for one resident: tick what was done today, then "Lưu". */
export function SupportChecklist(props: {
  residentId: string;
  replaces: { id: string; note: string } | null;
  online: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const vi = i18n.language !== 'en';
  const { identity } = useFieldIdentity();
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const [note, setNote] = useState(props.replaces?.note ?? '');
  const [saving, setSaving] = useState(false);
  const resident = useLiveQuery(`resident|${props.residentId}`, async () => {
    const fromCopy = await db.residents.get(props.residentId);
    if (fromCopy) return fromCopy;
    // Not in the copy any more (e.g. re-recording a rejected record): its name is on the record.
    const record = await db.records.where('residentId').equals(props.residentId).first();
    return record ? { id: record.residentId, fullName: record.residentName, hamletName: '' } : null;
  });
  const platforms = useLiveQuery('platforms', async () => {
    const today = todayInVietnam();
    const rows = await db.platforms.toArray();
    return rows
      .filter((p) => !p.retiredOn || p.retiredOn > today)
      .sort((a, b) => compareVietnamese(a.name, b.name));
  });
  const states = useLiveQuery(`states|${props.residentId}|${identity.userId}`, async () => {
    const [known, records] = await Promise.all([
      db.known.where('residentId').equals(props.residentId).toArray(),
      db.records.where('residentId').equals(props.residentId).toArray(),
    ]);
    const map = new Map<string, PairState>();
    for (const k of known) map.set(k.key, 'sent');
    for (const r of records) {
      if (r.userId !== identity.userId) continue;
      const key = pairKey(r.residentId, r.platformId, r.outcome);
      if (r.status === 'sent') map.set(key, 'sent');
      else if (r.status === 'pending' && !map.has(key)) map.set(key, 'pending');
    }
    return map;
  });
  // What the server already has for this resident, when there is a connection.
  useQuery({
    queryKey: ['field', 'known', props.residentId],
    queryFn: async () => {
      await refreshKnownFor(props.residentId);
      return true;
    },
    enabled: props.online,
    retry: false,
  });

  const toggle = (key: string) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const save = async () => {
    if (!resident || !platforms) return;
    const pairs: TickedPair[] = [];
    for (const p of platforms) {
      for (const outcome of p.outcomes) {
        if (ticked.has(pairKey(resident.id, p.id, outcome))) {
          pairs.push({ platformId: p.id, platformName: p.name, outcome });
        }
      }
    }
    if (pairs.length === 0) return;
    setSaving(true);
    try {
      await saveRecords(identity, resident, pairs, note, props.replaces?.id ?? null);
      notifySuccess(t('field.saved', { count: pairs.length, name: resident.fullName }));
      void syncSoon();
      props.onDone();
    } catch (error) {
      notifyError(error, t);
      setSaving(false);
    }
  };

  const outcomeLabel = (o: Outcome) => (vi ? OUTCOME_LABELS[o] : t(`field.outcome.${o}`));

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={3} size="h4" className="toso-break" data-testid="field-resident-name">
            {resident?.fullName ?? '…'}
          </Title>
          {resident?.hamletName && (
            <Text size="xs" c="dimmed">
              {resident.hamletName}
            </Text>
          )}
        </Stack>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconArrowLeft size={16} />}
          onClick={props.onDone}
        >
          {t('field.back')}
        </Button>
      </Group>
      {props.replaces && (
        <Text size="sm" c="orange.8">
          {t('field.reRecording')}
        </Text>
      )}
      {resident === null && (
        <Text size="sm" c="red">
          {t('field.residentMissing')}
        </Text>
      )}
      {PILLARS.map((pillar) => {
        const group = (platforms ?? []).filter((p) => p.pillar === pillar);
        if (group.length === 0) return null;
        return (
          <Paper key={pillar} withBorder p="xs" radius="sm">
            <Text fw={700} size="sm" mb={6}>
              {vi ? PILLAR_LABELS[pillar] : t(`field.pillar.${pillar}`)}
            </Text>
            <Stack gap={10}>
              {group.map((p) => (
                <Stack key={p.id} gap={4}>
                  <Group gap={4} wrap="nowrap" justify="space-between">
                    <Text size="sm" fw={500} className="toso-break">
                      {p.name}
                    </Text>
                    <PlatformGuideIcon platformId={p.id} name={p.name} online={props.online} />
                  </Group>
                  <Group gap="sm" pl="xs">
                    {p.outcomes.map((outcome) => {
                      const key = pairKey(props.residentId, p.id, outcome);
                      const state = states?.get(key);
                      return (
                        <Checkbox
                          key={outcome}
                          size="md"
                          checked={Boolean(state) || ticked.has(key)}
                          disabled={Boolean(state)}
                          onChange={() => toggle(key)}
                          aria-label={`${p.name}: ${outcomeLabel(outcome)}`}
                          label={
                            <Group gap={4} wrap="nowrap">
                              <span>{outcomeLabel(outcome)}</span>
                              {state && (
                                <Badge
                                  size="xs"
                                  variant="light"
                                  color={state === 'sent' ? 'teal' : 'orange'}
                                >
                                  {state === 'sent' ? t('field.recorded') : t('field.waiting')}
                                </Badge>
                              )}
                            </Group>
                          }
                        />
                      );
                    })}
                  </Group>
                </Stack>
              ))}
            </Stack>
          </Paper>
        );
      })}
      <Textarea
        label={t('field.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        autosize
        minRows={1}
        maxLength={500}
      />
      <Paper
        pos="sticky"
        bottom={0}
        py="xs"
        style={{ zIndex: 2, background: 'var(--mantine-color-body)' }}
      >
        <Button
          fullWidth
          size="md"
          leftSection={<IconDeviceFloppy size={18} />}
          onClick={() => void save()}
          loading={saving}
          disabled={ticked.size === 0}
        >
          {ticked.size > 0 ? t('field.saveCount', { count: ticked.size }) : t('field.save')}
        </Button>
      </Paper>
    </Stack>
  );
}
