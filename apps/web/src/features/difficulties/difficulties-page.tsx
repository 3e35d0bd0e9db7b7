import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronRight, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  DIFFICULTY_CATEGORIES,
  DIFFICULTY_STATUSES,
  URGENCIES,
  type DifficultyCategory,
  type DifficultyStatus,
  type DifficultySummaryDto,
  type DifficultyView,
  type Urgency,
} from '@toso/domain/difficulties';
import { useDifficultyList, useOverdueCounts } from '../../api/difficulties';
import { useCan } from '../../app/auth-guard';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { UnitPicker } from '../../components/unit-picker';
import { DifficultyStatusBadge, formatDay, OverdueBadge, UrgencyBadge } from './difficulty-labels';
import { RaiseModal } from './raise-modal';

const PAGE_SIZE = 20;
type StatusFilter = DifficultyStatus | 'unresolved' | 'overdue' | '';

export function DifficultiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const canHandle = can('difficulties:handle');
  const canRaise = can('difficulties:raise');
  const views: DifficultyView[] = [
    ...(canHandle ? (['handle'] as const) : []),
    ...(canRaise ? (['mine'] as const) : []),
    'all',
  ];
  const view = (views.find((v) => v === params.get('view')) ?? views[0]) as DifficultyView;
  const [status, setStatus] = useState<StatusFilter>(canHandle ? 'unresolved' : '');
  const [category, setCategory] = useState<DifficultyCategory | ''>('');
  const [urgency, setUrgency] = useState<Urgency | ''>('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const { search, setSearch, debounced, page, setPage } = useSearchPaging(
    `${view}|${status}|${category}|${urgency}|${unitId ?? ''}`,
  );
  const isState = status === 'unresolved' || status === 'overdue';
  const list = useDifficultyList({
    view,
    q: debounced || undefined,
    status: !isState && status ? status : undefined,
    state: isState ? status : undefined,
    category: category || undefined,
    urgency: urgency || undefined,
    unitId: unitId ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const filtered = Boolean(debounced || category || urgency || unitId || (status && !isState));

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('difficulties.title')}
        description={t('difficulties.description')}
        actions={
          canRaise && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRaising(true)}>
              {t('difficulties.raise')}
            </Button>
          )
        }
      />
      {canHandle && <OverdueByUnit />}
      {views.length > 1 && (
        <SegmentedControl
          value={view}
          onChange={(v) => setParams({ view: v }, { replace: true })}
          data={views.map((v) => ({ value: v, label: t(`difficulties.views.${v}`) }))}
          fullWidth
          style={{ maxWidth: 480 }}
        />
      )}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t('difficulties.search')}
          placeholder={t('difficulties.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 420 }}
        />
        <NativeSelect
          label={t('difficulties.filterStatus')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as StatusFilter)}
          data={[
            { value: '', label: t('difficulties.any') },
            { value: 'unresolved', label: t('difficulties.unresolved') },
            { value: 'overdue', label: t('difficulties.overdueOnly') },
            ...DIFFICULTY_STATUSES.map((s) => ({
              value: s,
              label: t(`difficulties.status.${s}`),
            })),
          ]}
          style={{ flex: '1 1 150px' }}
        />
        <NativeSelect
          label={t('difficulties.filterCategory')}
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value as DifficultyCategory | '')}
          data={[
            { value: '', label: t('difficulties.any') },
            ...DIFFICULTY_CATEGORIES.map((c) => ({
              value: c,
              label: t(`difficulties.categories.${c}`),
            })),
          ]}
          style={{ flex: '1 1 180px' }}
        />
        <NativeSelect
          label={t('difficulties.filterUrgency')}
          value={urgency}
          onChange={(e) => setUrgency(e.currentTarget.value as Urgency | '')}
          data={[
            { value: '', label: t('difficulties.any') },
            ...URGENCIES.map((u) => ({ value: u, label: t(`difficulties.urgency.${u}`) })),
          ]}
          style={{ flex: '1 1 130px' }}
        />
        {canHandle && (
          <div style={{ flex: '1 1 220px', maxWidth: 320 }}>
            <UnitPicker
              label={t('difficulties.filterUnit')}
              levels={['commune', 'hamlet']}
              value={unitId}
              onChange={(id) => setUnitId(id)}
            />
          </div>
        )}
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          filtered
            ? t('difficulties.emptySearch')
            : view === 'handle'
              ? t('difficulties.emptyHandle')
              : t('difficulties.empty')
        }
        emptyAction={
          canRaise &&
          !filtered && (
            <Button variant="light" onClick={() => setRaising(true)}>
              {t('difficulties.raise')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((d) => (
              <DifficultyRow key={d.id} difficulty={d} />
            ))}
          </Stack>
        )}
      </PagedList>
      {raising && (
        <RaiseModal
          onClose={() => setRaising(false)}
          onRaised={(d) => {
            setRaising(false);
            void navigate(`/difficulties/${d.id}`);
          }}
        />
      )}
    </Stack>
  );
}

function DifficultyRow(props: { difficulty: DifficultySummaryDto }) {
  const { t, i18n } = useTranslation();
  const d = props.difficulty;
  return (
    <Paper
      withBorder
      radius="md"
      data-testid="difficulty-row"
      style={d.isOverdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
    >
      <UnstyledButton component={Link} to={`/difficulties/${d.id}`} p="sm" w="100%">
        <Group wrap="nowrap" gap="xs" justify="space-between">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} className="toso-break">
              {d.title}
            </Text>
            <Text size="sm" c="dimmed" className="toso-break">
              {d.unit.name} · {t(`difficulties.categories.${d.category}`)}
            </Text>
            <Group gap={6}>
              {d.isOverdue && <OverdueBadge />}
              <DifficultyStatusBadge status={d.status} />
              <UrgencyBadge urgency={d.urgency} />
              {d.status !== 'resolved' && (
                <Badge size="sm" variant="default">
                  {t('difficulties.atLevel', { unit: d.handlerUnit.name })}
                </Badge>
              )}
              <Text size="xs" c={d.isOverdue ? 'red' : 'dimmed'}>
                {d.status === 'resolved'
                  ? t('difficulties.raisedOn', { date: formatDay(d.raisedAt, i18n.language) })
                  : t('difficulties.dueOn', { date: formatDay(d.dueAt, i18n.language) })}
              </Text>
              {d.isDemo && (
                <Badge size="sm" color="grape" variant="light">
                  {t('units.demo')}
                </Badge>
              )}
            </Group>
          </Stack>
          <IconChevronRight size={18} color="var(--mantine-color-dimmed)" aria-hidden />
        </Group>
      </UnstyledButton>
    </Paper>
  );
}

/** Unresolved and overdue counts per unit below the officer's unit. */
function OverdueByUnit() {
  const { t } = useTranslation();
  const counts = useOverdueCounts();
  if (!counts.data || counts.data.byUnit.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" mb="xs" gap="xs">
        <Text fw={600}>{t('difficulties.overdueByUnit')}</Text>
        <Group gap={6}>
          <Badge color="red" variant={counts.data.overdue > 0 ? 'filled' : 'light'}>
            {t('difficulties.overdueCount', { count: counts.data.overdue })}
          </Badge>
          <Badge variant="default">
            {t('difficulties.openCount', { count: counts.data.total })}
          </Badge>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={280} maxHeight={220}>
        <Table striped highlightOnHover verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('difficulties.colUnit')}</Table.Th>
              <Table.Th ta="right">{t('difficulties.colOverdue')}</Table.Th>
              <Table.Th ta="right">{t('difficulties.colOpen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.data.byUnit.map((row) => (
              <Table.Tr key={row.unit.id}>
                <Table.Td className="toso-break">{row.unit.name}</Table.Td>
                <Table.Td ta="right">
                  <Text
                    size="sm"
                    c={row.overdue > 0 ? 'red' : 'dimmed'}
                    fw={row.overdue ? 600 : 400}
                  >
                    {row.overdue}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{row.open}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
