import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import {
  IconArrowsExchange,
  IconChevronDown,
  IconGitMerge,
  IconPencil,
  IconTrashX,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ResidentDto } from '@toso/domain/registry';
import { getHousehold, getResidentHistory, registryKeys, useResident } from '../../api/registry';
import { getUnit, unitKeys } from '../../api/units';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { householdLabel } from './household-select';
import { ConsentPanel } from './consent-panel';
import { EraseModal } from './erase-modal';
import { MergeModal } from './merge-modal';
import { MoveResidentModal } from './move-resident-modal';
import { ConsentBadge, relationLabel, sexLabel, WorkingAgeBadge } from './resident-labels';
import { ResidentModal } from './resident-modal';

type Dialog = 'edit' | 'move' | 'merge' | 'erase' | null;

export function ResidentPage() {
  const { t } = useTranslation();
  const { residentId } = useParams();
  const query = useResident(residentId);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <ResidentView resident={query.data} />;
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text className="toso-break">{props.children}</Text>
    </div>
  );
}

function ResidentView({ resident: r }: { resident: ResidentDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog>(null);
  const active = r.status === 'active';
  const canWrite = can('residents:write') && active;
  const canManage = can('residents:manage') && active;
  const close = () => setDialog(null);
  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/residents" size="sm">
        ← {t('residents.backToSearch')}
      </Anchor>
      <PageHeader
        title={r.fullName}
        description={`${r.hamletName} · ${t('residents.householdOf', { head: r.householdHead || '—' })}`}
        actions={
          canWrite && (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} />}
                onClick={() => setDialog('edit')}
              >
                {t('common.edit')}
              </Button>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={16} />}>
                    {t('teams.more')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconArrowsExchange size={16} />}
                    onClick={() => setDialog('move')}
                  >
                    {t('residents.move')}
                  </Menu.Item>
                  {canManage && (
                    <Menu.Item
                      leftSection={<IconGitMerge size={16} />}
                      onClick={() => setDialog('merge')}
                    >
                      {t('merge.action')}
                    </Menu.Item>
                  )}
                  {canManage && (
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrashX size={16} />}
                      onClick={() => setDialog('erase')}
                    >
                      {t('erase.action')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            </>
          )
        }
      />
      <Group gap="xs" mt={-8}>
        <WorkingAgeBadge status={r.workingAge} size="lg" />
        <ConsentBadge consent={r.consent} size="lg" />
      </Group>
      {r.status !== 'active' && <Alert color="gray">{t(`residents.statusText.${r.status}`)}</Alert>}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <Paper
              withBorder
              p={{ base: 'sm', sm: 'md' }}
              radius="md"
              component="section"
              aria-label={t('residents.details')}
            >
              <Title order={3} mb="sm">
                {t('residents.details')}
              </Title>
              <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing="sm">
                <Fact label={t('residents.birthYear')}>{r.birthYear ?? '—'}</Fact>
                <Fact label={t('residents.sex')}>{sexLabel(t, r.sex)}</Fact>
                <Fact label={t('residents.relation')}>{relationLabel(t, r.relation)}</Fact>
                <Fact label={t('residents.phone')}>{r.phone ?? '—'}</Fact>
                <Fact label={t('residents.nationalId')}>
                  {r.nationalIdLast4 ? `••••••••${r.nationalIdLast4}` : '—'}
                </Fact>
                <Fact label={t('residents.ethnicity')}>{r.ethnicity ?? '—'}</Fact>
              </SimpleGrid>
              <Stack gap="sm" mt="sm">
                <Fact label={t('residents.household')}>
                  <Anchor component={Link} to={`/households/${r.householdId}`}>
                    {[r.householdHead || '—', r.householdAddress].filter(Boolean).join(' · ')}
                  </Anchor>
                </Fact>
                {r.notes && <Fact label={t('residents.notes')}>{r.notes}</Fact>}
                {r.phoneMasked && (
                  <Text size="xs" c="dimmed">
                    {t('residents.phoneMaskedNote')}
                  </Text>
                )}
              </Stack>
            </Paper>
            <HistoryPanel resident={r} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ConsentPanel resident={r} canWrite={can('residents:write')} />
        </Grid.Col>
      </Grid>
      {dialog === 'edit' && <ResidentModal resident={r} onClose={close} />}
      {dialog === 'move' && <MoveResidentModal resident={r} onClose={close} />}
      {dialog === 'merge' && <MergeModal resident={r} onClose={close} />}
      {dialog === 'erase' && <EraseModal resident={r} onClose={close} />}
    </Stack>
  );
}

function HistoryPanel({ resident }: { resident: ResidentDto }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: registryKeys.history(resident.id),
    queryFn: () => getResidentHistory(resident.id),
  });
  const householdIds = [
    ...new Set(
      (history.data?.residentMoves ?? []).flatMap((m) => [m.fromHouseholdId, m.toHouseholdId]),
    ),
  ];
  const hamletIds = [
    ...new Set((history.data?.householdMoves ?? []).flatMap((m) => [m.fromHamletId, m.toHamletId])),
  ];
  const households = useQueries({
    queries: householdIds.map((id) => ({
      queryKey: registryKeys.household(id),
      queryFn: () => getHousehold(id),
      retry: false,
    })),
  });
  const hamlets = useQueries({
    queries: hamletIds.map((id) => ({
      queryKey: unitKeys.detail(id),
      queryFn: () => getUnit(id),
      retry: false,
    })),
  });
  const householdName = (id: string) => {
    const h = households[householdIds.indexOf(id)]?.data;
    return h ? householdLabel(h) : t('residents.unknownHousehold');
  };
  const hamletName = (id: string) =>
    hamlets[hamletIds.indexOf(id)]?.data?.name ?? t('residents.unknownHousehold');
  const rows = [
    ...(history.data?.residentMoves ?? []).map((m) => ({
      on: m.movedOn,
      text: t('residents.historyPerson', {
        from: householdName(m.fromHouseholdId),
        to: householdName(m.toHouseholdId),
      }),
    })),
    ...(history.data?.householdMoves ?? []).map((m) => ({
      on: m.movedOn,
      text: t('residents.historyHousehold', {
        from: hamletName(m.fromHamletId),
        to: hamletName(m.toHamletId),
      }),
    })),
  ].sort((a, b) => b.on.localeCompare(a.on));
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-label={t('residents.history')}
    >
      <Title order={3} mb="sm">
        {t('residents.history')}
      </Title>
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('residents.noHistory')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((row, i) => (
            <li key={`${row.on}-${i}`}>
              <Text size="sm" className="toso-break">
                <Text span fw={600} size="sm">
                  {formatDate(row.on, i18n.language)}
                </Text>{' '}
                {row.text}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
