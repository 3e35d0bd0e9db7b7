import { Anchor, Button, Grid, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowsExchange, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { HouseholdDto } from '@toso/domain/registry';
import { useHousehold, useResidentList } from '../../api/registry';
import { useCan } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { ResidentCard } from '../residents/resident-card';
import { ResidentForm } from '../residents/resident-form';
import { MoveHouseholdModal } from './move-household-modal';

export function HouseholdPage() {
  const { t } = useTranslation();
  const { householdId } = useParams();
  const query = useHousehold(householdId);
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <HouseholdView household={query.data} />;
}

function HouseholdView({ household: h }: { household: HouseholdDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('residents:write');
  const [moving, setMoving] = useState(false);
  const [adding, setAdding] = useState(false);
  const members = useResidentList({ householdId: h.id, pageSize: 100 });
  const count = members.data?.items.length ?? 0;

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/households" size="sm">
        ← {t('households.backToList')}
      </Anchor>
      <PageHeader
        title={t('residents.householdOf', { head: h.headName || '—' })}
        description={[h.address, h.hamletName].filter(Boolean).join(' · ')}
        actions={
          canWrite && (
            <Button
              variant="default"
              leftSection={<IconArrowsExchange size={16} />}
              onClick={() => setMoving(true)}
            >
              {t('households.move')}
            </Button>
          )
        }
      />
      {(h.phone || h.notes) && (
        <Text size="sm" className="toso-break" mt={-8}>
          {[h.phone && t('households.phoneText', { phone: h.phone }), h.notes]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section">
            <Title order={3} mb="sm">
              {t('households.membersTitle', { count: members.data?.total ?? h.residentCount })}
            </Title>
            {members.isError ? (
              <ErrorState error={members.error} onRetry={() => void members.refetch()} />
            ) : members.isPending ? (
              <Loader size="sm" aria-label={t('common.loading')} />
            ) : members.data.items.length === 0 ? (
              <EmptyState>
                {canWrite ? t('households.noMembers') : t('households.noMembersReadOnly')}
              </EmptyState>
            ) : (
              <Stack gap="xs" component="ul" p={0} m={0} aria-label={t('households.membersList')}>
                {members.data.items.map((r) => (
                  <ResidentCard key={r.id} resident={r} />
                ))}
              </Stack>
            )}
          </Paper>
        </Grid.Col>
        {canWrite && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section">
              <Title order={3} mb="sm">
                {t('households.addMember')}
              </Title>
              {adding || count === 0 ? (
                <ResidentForm
                  key={count}
                  household={h}
                  defaultRelation={count === 0 ? 'head' : 'child'}
                  autoFocus={adding}
                  onDone={() => setAdding(true)}
                />
              ) : (
                <Button
                  variant="light"
                  leftSection={<IconUserPlus size={16} />}
                  onClick={() => setAdding(true)}
                >
                  {t('residents.add')}
                </Button>
              )}
            </Paper>
          </Grid.Col>
        )}
      </Grid>
      {moving && <MoveHouseholdModal household={h} onClose={() => setMoving(false)} />}
    </Stack>
  );
}
