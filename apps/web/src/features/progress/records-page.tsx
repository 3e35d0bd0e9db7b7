import { Anchor, Badge, Group, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OUTCOMES, type Outcome } from '@toso/domain/platforms';
import { useRecordsBehind, type RecordBehindDto, type RecordsQuery } from '../../api/progress';
import { useUnit } from '../../api/units';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';

/** The support records behind one figure of the progress board, page by page. */
export function RecordsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const outcome = params.get('outcome') as Outcome | null;
  const query: RecordsQuery = {
    unitId: params.get('unit') ?? '',
    platformId: params.get('platform') ?? '',
    outcome: outcome && OUTCOMES.includes(outcome) ? outcome : 'first_use',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    includeVoided: params.get('voided') === '1',
    page: Math.max(1, Number(params.get('page') ?? 1) || 1),
  };
  const records = useRecordsBehind(query);
  const unit = useUnit(query.unitId || undefined);
  const back = new URLSearchParams();
  for (const k of ['campaign', 'kind', 'period', 'unit']) {
    const v = params.get(k);
    if (v) back.set(k, v);
  }
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const platformName = records.data?.items[0]?.platformName;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/progress?${back.toString()}`} size="sm">
        ← {t('progress.backToBoard')}
      </Anchor>
      <PageHeader
        title={t('progress.recordsTitle')}
        description={[
          unit.data?.name,
          platformName ? `${platformName} · ${t(`progress.outcome.${query.outcome}`)}` : null,
          query.from && query.to
            ? t('progress.range', {
                from: formatDate(query.from, i18n.language),
                to: formatDate(query.to, i18n.language),
              })
            : null,
        ]
          .filter(Boolean)
          .join(' — ')}
      />
      <Switch
        label={t('progress.showVoided')}
        checked={query.includeVoided}
        onChange={(e) => set('voided', e.currentTarget.checked ? '1' : null)}
      />
      <PagedList
        query={records}
        page={query.page}
        pageSize={records.data?.pageSize ?? 1}
        onPage={(p) => set('page', String(p))}
        empty={t('progress.noRecords')}
        summary={(data) => (
          <Text size="sm" c="dimmed" data-testid="records-total">
            {t('progress.recordsCount', { count: data.total })}
          </Text>
        )}
      >
        {(items) => (
          <>
            <Table.ScrollContainer minWidth={720} visibleFrom="sm">
              <Table striped aria-label={t('progress.recordsTitle')} data-testid="records-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('progress.col.date')}</Table.Th>
                    <Table.Th>{t('progress.col.resident')}</Table.Th>
                    <Table.Th>{t('progress.col.hamlet')}</Table.Th>
                    <Table.Th>{t('progress.col.platform')}</Table.Th>
                    <Table.Th>{t('progress.col.recordedBy')}</Table.Th>
                    <Table.Th>{t('progress.col.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={r.id} data-testid="record-row">
                      <Table.Td>{formatDate(r.supportedOn, i18n.language)}</Table.Td>
                      <Table.Td>{r.residentName}</Table.Td>
                      <Table.Td>{r.hamletName}</Table.Td>
                      <Table.Td>
                        {r.platformName} · {t(`progress.outcome.${r.outcome}`)}
                      </Table.Td>
                      <Table.Td>{r.recordedByName ?? t('progress.unknownRecorder')}</Table.Td>
                      <Table.Td>
                        <StateBadge record={r} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap="xs" hiddenFrom="sm">
              {items.map((r) => (
                <Paper key={r.id} withBorder p="sm" radius="md" data-testid="record-card">
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text fw={600} className="toso-break">
                      {r.residentName}
                    </Text>
                    <Text size="sm">{formatDate(r.supportedOn, i18n.language)}</Text>
                  </Group>
                  <Text size="sm" className="toso-break">
                    {r.platformName} · {t(`progress.outcome.${r.outcome}`)}
                  </Text>
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c="dimmed" className="toso-break">
                      {r.hamletName} ·{' '}
                      {t('progress.recordedBy', {
                        name: r.recordedByName ?? t('progress.unknownRecorder'),
                      })}
                    </Text>
                    <StateBadge record={r} />
                  </Group>
                </Paper>
              ))}
            </Stack>
          </>
        )}
      </PagedList>
    </Stack>
  );
}

function StateBadge(props: { record: RecordBehindDto }) {
  const { t } = useTranslation();
  const r = props.record;
  if (r.voidedBy)
    return (
      <Badge color="gray" variant="outline" size="sm">
        {t('progress.state.voided')}
      </Badge>
    );
  return (
    <Badge color={r.voidsId ? 'blue' : 'teal'} variant="light" size="sm">
      {r.voidsId ? t('progress.state.correction') : t('progress.state.counted')}
    </Badge>
  );
}
