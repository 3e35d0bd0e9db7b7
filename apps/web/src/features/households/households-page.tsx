import { Badge, Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronRight, IconHomePlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { HouseholdDto } from '@toso/domain/registry';
import { useHouseholdList } from '../../api/registry';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { UnitPicker } from '../../components/unit-picker';
import { usePageFor } from '../../components/use-page-for';
import { usePrivateSearch } from '../../components/use-private-search';
import { RegistryTabs } from '../residents/registry-tabs';
import { HouseholdModal } from './household-modal';

const PAGE_SIZE = 20;

/** Households by head's name or address, filtered by unit. */
export function HouseholdsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // The typed name or address never goes into the address bar (see usePrivateSearch).
  const [search, setSearch] = usePrivateSearch('households');
  const unitId = params.get('unitId');
  const [unitName, setUnitName] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = usePageFor(`${debounced}|${unitId ?? ''}`);
  const list = useHouseholdList({
    q: debounced || undefined,
    unitId: unitId ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const inHamlet = me.user.role === 'team_member' || me.user.role === 'team_leader';
  const update = (next: { unitId?: string | null }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };

  return (
    <Stack gap="sm" maw={900}>
      <RegistryTabs active="households" />
      <PageHeader
        title={t('households.title')}
        description={t('households.description')}
        actions={
          can('residents:write') && (
            <Button leftSection={<IconHomePlus size={16} />} onClick={() => setAdding(true)}>
              {t('households.add')}
            </Button>
          )
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t('households.search')}
          placeholder={t('households.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        {!inHamlet && (
          <div style={{ flex: '1 1 220px' }}>
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
          </div>
        )}
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('households.emptySearch') : t('households.empty')}
        emptyAction={
          !debounced &&
          can('residents:write') && (
            <Button variant="light" onClick={() => setAdding(true)}>
              {t('households.add')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs" component="ul" p={0} m={0} aria-label={t('households.title')}>
            {items.map((h) => (
              <HouseholdRow key={h.id} household={h} />
            ))}
          </Stack>
        )}
      </PagedList>
      {adding && (
        <HouseholdModal
          onClose={() => setAdding(false)}
          onCreated={(h) => void navigate(`/households/${h.id}`)}
        />
      )}
    </Stack>
  );
}

function HouseholdRow({ household: h }: { household: HouseholdDto }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      component="li"
      style={{ listStyle: 'none' }}
      data-testid="household-row"
    >
      <UnstyledButton
        component={Link}
        to={`/households/${h.id}`}
        p="sm"
        style={{ display: 'block', width: '100%' }}
      >
        <Group wrap="nowrap" gap="xs" justify="space-between">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} className="toso-break">
              {t('residents.householdOf', { head: h.headName || '—' })}
            </Text>
            <Text size="sm" c="dimmed" className="toso-break">
              {[h.address, h.hamletName].filter(Boolean).join(' · ')}
            </Text>
            <Group gap={6}>
              <Badge variant="default" size="sm">
                {t('households.members', { count: h.residentCount })}
              </Badge>
              {h.phone && (
                <Text size="xs" c="dimmed">
                  {h.phone}
                </Text>
              )}
            </Group>
          </Stack>
          <IconChevronRight size={18} color="var(--mantine-color-dimmed)" aria-hidden />
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
