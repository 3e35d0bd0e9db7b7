import {
  Anchor,
  Group,
  Loader,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCommunesInScope, useTrainingCoverage, useUntrained } from '../../api/trainings';
import { useCurrentUser } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { useTopicOptions } from './topic-options';

function Share(props: { share: number | null; trained: number; active: number }) {
  const { t } = useTranslation();
  if (props.share === null)
    return (
      <Text size="sm" c="dimmed">
        {t('trainings.noMembers')}
      </Text>
    );
  const pct = Math.round(props.share * 100);
  return (
    <Stack gap={2} miw={120}>
      <Text size="sm">
        {pct}% ({props.trained}/{props.active})
      </Text>
      <Progress
        value={pct}
        size="sm"
        color={pct >= 80 ? 'teal' : pct >= 40 ? 'yellow' : 'red'}
        aria-hidden
      />
    </Stack>
  );
}

/**
 * Training coverage of one topic: per commune and per team, then the members not yet trained
 * (what a district officer checks before giving a platform's targets).
 */
export function TrainingCoveragePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const topic = params.get('topic');
  const unitId = params.get('unitId') ?? undefined;
  const [page, setPage] = useState(1);
  const topics = useTopicOptions();
  const communes = useCommunesInScope(
    me.user.role !== 'commune_officer' &&
      me.user.role !== 'team_leader' &&
      me.user.role !== 'team_member',
  );
  const coverage = useTrainingCoverage(unitId, topic);
  const untrained = useUntrained(unitId, topic, page);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };
  return (
    <Stack gap="sm">
      <PageHeader title={t('trainings.coverageTitle')} description={t('trainings.coverageHelp')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('trainings.fieldTopic')}
          placeholder={t('trainings.pickTopic')}
          data={topics.groups}
          value={topic}
          onChange={(v) => set('topic', v)}
          searchable
          style={{ flex: '1 1 260px', maxWidth: 420 }}
          comboboxProps={{ withinPortal: true }}
        />
        {communes.data && communes.data.length > 1 && (
          <Select
            label={t('trainings.fieldArea')}
            placeholder={me.user.unitName ?? t('trainings.allArea')}
            data={communes.data.map((c) => ({ value: c.id, label: c.name }))}
            value={unitId ?? null}
            onChange={(v) => set('unitId', v)}
            searchable
            clearable
            style={{ flex: '1 1 220px', maxWidth: 320 }}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      </Group>
      {!topic ? (
        <EmptyState>{t('trainings.pickTopicFirst')}</EmptyState>
      ) : coverage.isError ? (
        <ErrorState error={coverage.error} onRetry={() => void coverage.refetch()} />
      ) : coverage.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <>
          <Paper withBorder p="sm" radius="md" data-testid="coverage-total">
            <Text size="sm" c="dimmed">
              {coverage.data.unitName}
            </Text>
            <Share {...coverage.data.total} />
          </Paper>
          {coverage.data.communes.length > 1 && (
            <Table.ScrollContainer minWidth={360}>
              <Table striped withTableBorder aria-label={t('trainings.byCommune')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('trainings.commune')}</Table.Th>
                    <Table.Th>{t('trainings.trainedShare')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {coverage.data.communes.map((c) => (
                    <Table.Tr key={c.id} data-testid={`coverage-commune-${c.name}`}>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          onClick={() => set('unitId', c.id)}
                        >
                          {c.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Share {...c} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={4}>{t('trainings.byTeam')}</Title>
          {coverage.data.teams.length === 0 ? (
            <EmptyState>{t('trainings.noTeamsHere')}</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={360}>
              <Table striped withTableBorder aria-label={t('trainings.byTeam')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('trainings.team')}</Table.Th>
                    <Table.Th>{t('trainings.trainedShare')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {coverage.data.teams.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/teams/${x.id}`} size="sm">
                          {x.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {x.communeName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Share {...x} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      {topic && (
        <Stack gap="xs">
          <Title order={4}>{t('trainings.untrainedTitle')}</Title>
          <PagedList
            query={untrained}
            page={page}
            pageSize={50}
            onPage={setPage}
            empty={t('trainings.allTrained')}
            summary={(data) => (
              <Text size="sm" data-testid="untrained-total">
                {t('trainings.untrainedCount', { count: data.total })}
              </Text>
            )}
          >
            {(items) => (
              <Table.ScrollContainer minWidth={360}>
                <Table striped withTableBorder aria-label={t('trainings.untrainedTitle')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('trainings.member')}</Table.Th>
                      <Table.Th>{t('trainings.hamlet')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((m) => (
                      <Table.Tr key={m.memberId}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/trainings/members/${m.memberId}`}
                            size="sm"
                          >
                            {m.fullName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{m.hamletName}</Text>
                          <Text size="xs" c="dimmed">
                            {m.communeName}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </PagedList>
        </Stack>
      )}
    </Stack>
  );
}
