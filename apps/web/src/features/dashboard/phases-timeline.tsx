import { ActionIcon, Box, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhaseDto } from '@toso/domain/dashboard';
import { EmptyState } from '../../components/empty-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { useSavePhases } from './dashboard-api';

const COLORS = ['#1c7ed6', '#f08c00', '#2f9e44', '#ae3ec9', '#0ca678', '#e8590c'];
const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
const fmt = (iso: string) => iso.split('-').reverse().join('/');

/** The campaign's phases on a horizontal time bar with the reference date marked, then as a list. */
export function PhasesTimeline(props: {
  campaign: { id: string; name: string; startsOn: string; endsOn: string } | null;
  phases: PhaseDto[];
  date: string;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const c = props.campaign;
  if (!c) return <EmptyState>{t('dashboard.phases.noCampaign')}</EmptyState>;
  const a = day(c.startsOn);
  const span = Math.max(1, day(c.endsOn) - a);
  const at = (s: string) => `${Math.min(100, Math.max(0, ((day(s) - a) / span) * 100))}%`;
  const width = (p: PhaseDto) =>
    `${Math.max(1, ((day(p.endsOn) - day(p.startsOn) + 86_400_000) / span) * 100)}%`;
  return (
    <Stack gap="xs">
      {props.phases.length === 0 ? (
        <EmptyState>{t('dashboard.phases.empty')}</EmptyState>
      ) : (
        <>
          <Box
            pos="relative"
            h={28}
            bg="gray.1"
            style={{ borderRadius: 4, overflow: 'hidden' }}
            role="img"
            aria-label={t('dashboard.phases.title')}
          >
            {props.phases.map((p, i) => (
              <Box
                key={p.id}
                pos="absolute"
                top={0}
                h={28}
                style={{
                  left: at(p.startsOn),
                  width: width(p),
                  background: COLORS[i % COLORS.length],
                  opacity: 0.85,
                }}
                title={p.name}
              />
            ))}
            <Box
              pos="absolute"
              top={0}
              h={28}
              w={2}
              bg="dark"
              style={{ left: at(props.date) }}
              title={fmt(props.date)}
            />
          </Box>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {fmt(c.startsOn)}
            </Text>
            <Text size="xs" c="dimmed">
              {fmt(c.endsOn)}
            </Text>
          </Group>
          <Stack gap={4} data-testid="phases-list">
            {props.phases.map((p, i) => (
              <Group key={p.id} gap="xs" wrap="nowrap" align="flex-start">
                <Box
                  w={12}
                  h={12}
                  mt={4}
                  style={{
                    flex: '0 0 auto',
                    borderRadius: 2,
                    background: COLORS[i % COLORS.length],
                  }}
                />
                <Text size="sm" className="toso-break">
                  <b>{p.name}</b> · {fmt(p.startsOn)} – {fmt(p.endsOn)}
                  {props.date >= p.startsOn && props.date <= p.endsOn && (
                    <Text span c="blue" size="sm">
                      {' '}
                      ({t('dashboard.phases.current')})
                    </Text>
                  )}
                </Text>
              </Group>
            ))}
          </Stack>
        </>
      )}
      {props.canEdit && (
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPencil size={14} />}
            onClick={() => setEditing(true)}
          >
            {t('dashboard.phases.edit')}
          </Button>
        </Group>
      )}
      {editing && (
        <PhasesModal campaign={c} phases={props.phases} onClose={() => setEditing(false)} />
      )}
    </Stack>
  );
}

function PhasesModal(props: {
  campaign: { id: string; startsOn: string; endsOn: string };
  phases: PhaseDto[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState(props.phases.map(({ id: _id, ...p }) => p));
  const save = useSavePhases(props.campaign.id);
  const set = (i: number, k: 'name' | 'startsOn' | 'endsOn', v: string) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
  const invalid = (r: (typeof rows)[number]) =>
    !r.name.trim()
      ? t('dashboard.phases.nameRequired')
      : r.startsOn > r.endsOn
        ? t('dashboard.phases.order')
        : r.startsOn < props.campaign.startsOn || r.endsOn > props.campaign.endsOn
          ? t('dashboard.phases.outside')
          : null;
  return (
    <Modal opened onClose={props.onClose} title={t('dashboard.phases.edit')} size="lg">
      <Stack gap="sm">
        {rows.map((r, i) => (
          <Stack key={i} gap={4}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('dashboard.phases.name')}
                value={r.name}
                onChange={(e) => set(i, 'name', e.currentTarget.value)}
                style={{ flex: '1 1 200px' }}
              />
              <TextInput
                type="date"
                label={t('dashboard.phases.start')}
                value={r.startsOn}
                onChange={(e) => set(i, 'startsOn', e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t('dashboard.phases.end')}
                value={r.endsOn}
                onChange={(e) => set(i, 'endsOn', e.currentTarget.value)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('dashboard.phases.remove')}
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            {invalid(r) && (
              <Text size="xs" c="red">
                {invalid(r)}
              </Text>
            )}
          </Stack>
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setRows([
                ...rows,
                { name: '', startsOn: props.campaign.startsOn, endsOn: props.campaign.endsOn },
              ])
            }
          >
            {t('dashboard.phases.add')}
          </Button>
          <Button
            loading={save.isPending}
            disabled={rows.some((r) => invalid(r) !== null)}
            onClick={() =>
              save.mutate(rows, {
                onSuccess: () => {
                  notifySuccess(t('dashboard.phases.saved'));
                  props.onClose();
                },
                onError: (e) => notifyError(e, t),
              })
            }
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
