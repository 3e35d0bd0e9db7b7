import { Anchor, Badge, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHomePlus, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useResidentList } from '../../api/registry';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { UnitPicker } from '../../components/unit-picker';
import { usePageFor } from '../../components/use-page-for';
import { usePrivateSearch } from '../../components/use-private-search';
import { HouseholdModal } from '../households/household-modal';
import { RegistryTabs } from './registry-tabs';
import { ResidentCard } from './resident-card';
import { ResidentModal } from './resident-modal';

const PAGE_SIZE = 20;

/** The field screen: one search box, results as you type, in the user's hamlet or scope. */
export function ResidentsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The typed name or phone never goes into the address bar (see usePrivateSearch).
  const [search, setSearch] = usePrivateSearch('residents');
  const unitId = params.get('unitId');
  const kpi = kpiParam(params.get('kpi'));
  const on = params.get('on') ?? undefined;
  const [unitName, setUnitName] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'household' | 'resident' | null>(null);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = usePageFor(`${debounced}|${unitId ?? ''}|${kpi ?? ''}`);
  const list = useResidentList({
    q: debounced || undefined,
    unitId: unitId ?? undefined,
    kpi,
    on: kpi ? on : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const inHamlet = me.user.role === 'team_member' || me.user.role === 'team_leader';
  const update = (next: { unitId?: string | null; kpi?: string | null; on?: string | null }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  return (
    <Stack gap="sm" maw={900}>
      <RegistryTabs active="residents" />
      <PageHeader
        title={t('residents.title')}
        description={
          inHamlet && me.user.unitName
            ? t('residents.scopeHamlet', { name: me.user.unitName })
            : undefined
        }
        actions={
          can('residents:write') && (
            <>
              <Button
                variant="default"
                leftSection={<IconHomePlus size={16} />}
                onClick={() => setDialog('household')}
              >
                {t('households.add')}
              </Button>
              <Button
                leftSection={<IconUserPlus size={16} />}
                onClick={() => setDialog('resident')}
              >
                {t('residents.add')}
              </Button>
            </>
          )
        }
      />
      <TextInput
        type="search"
        size="lg"
        aria-label={t('residents.search')}
        placeholder={t('residents.searchPlaceholder')}
        leftSection={<IconSearch size={20} />}
        rightSection={list.isFetching ? <Loader size="xs" /> : undefined}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        autoFocus
        autoComplete="off"
        enterKeyHint="search"
      />
      {!inHamlet && (
        <UnitPicker
          label={t('residents.unit')}
          levels={['district', 'commune', 'hamlet']}
          value={unitId}
          valueLabel={unitName}
          onChange={(id, name) => {
            setUnitName(name);
            update({ unitId: id });
          }}
        />
      )}
      {kpi && (
        <Group gap="xs">
          <Badge variant="light" size="lg" data-testid="kpi-filter">
            {t(`dashboard.residentsFilter.${kpi}`, {
              date: on ? formatDate(on, i18n.language) : '',
            })}
          </Badge>
          <Anchor component="button" size="sm" onClick={() => update({ kpi: null, on: null })}>
            {t('dashboard.residentsFilter.clear')}
          </Anchor>
        </Group>
      )}
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('residents.emptySearch', { q: debounced }) : t('residents.empty')}
        emptyAction={
          !debounced &&
          can('residents:write') && (
            <Button variant="light" onClick={() => setDialog('household')}>
              {t('households.add')}
            </Button>
          )
        }
        summary={(data) => (
          <Text size="sm" c="dimmed" aria-live="polite">
            {data.isCapped
              ? t('residents.foundMany', { count: data.total })
              : t('residents.found', { count: data.total })}
          </Text>
        )}
      >
        {(items) => (
          <Stack gap="xs" component="ul" p={0} m={0} aria-label={t('residents.results')}>
            {items.map((r) => (
              <ResidentCard key={r.id} resident={r} />
            ))}
          </Stack>
        )}
      </PagedList>
      {dialog === 'household' && (
        <HouseholdModal
          onClose={() => setDialog(null)}
          onCreated={(h) => void navigate(`/households/${h.id}`)}
        />
      )}
      {dialog === 'resident' && (
        <ResidentModal
          onClose={() => setDialog(null)}
          onSaved={(r) => void navigate(`/residents/${r.id}`)}
        />
      )}
    </Stack>
  );
}

/** The residents behind a dashboard figure (`?kpi=able&on=2022-12-31`). */
function kpiParam(v: string | null): 'working_age' | 'able' | 'unknown_age' | undefined {
  return v === 'working_age' || v === 'able' || v === 'unknown_age' ? v : undefined;
}
