import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  EVALUATION_COMPONENTS,
  type EvaluationComponent,
  type EvaluationWeights,
} from '@toso/domain/evaluation';
import type { RankingDto } from '@toso/domain/dashboard';
import { useCan, useCurrentUser } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import {
  evaluationReportUrl,
  useRanking,
  useSaveWeights,
  useWeights,
  type WeightsDto,
} from './dashboard-api';
import { percent } from './figures';

/** Scores and ranking of communes and teams, with the weights the district sets. */
export function EvaluationPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? me.user.unitId ?? undefined;
  const level = params.get('level') === 'team' ? 'team' : 'commune';
  const ranking = useRanking(unitId, level);
  const weights = useWeights(unitId);
  const canSet =
    can('settings:write') &&
    (me.user.role === 'district_officer' ||
      me.user.role === 'province_officer' ||
      me.user.role === 'admin');

  return (
    <Stack gap="md">
      <PageHeader
        title={t('evaluation.title')}
        description={
          ranking.data ? t('evaluation.asOf', { unit: ranking.data.unit.name }) : undefined
        }
        actions={
          <Button
            component="a"
            href={evaluationReportUrl(unitId)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('evaluation.report')}
          </Button>
        }
      />
      {weights.data && (
        <WeightsPanel
          key={`${weights.data.unitId}|${weights.data.targets}|${weights.data.timeliness}|${weights.data.kpi}`}
          weights={weights.data}
          editable={canSet}
        />
      )}
      <SegmentedControl
        value={level}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('level', v);
          setParams(next);
        }}
        data={[
          { value: 'commune', label: t('evaluation.level.commune') },
          { value: 'team', label: t('evaluation.level.team') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {ranking.isError ? (
        <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : ranking.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <RankingTable data={ranking.data} />
      )}
    </Stack>
  );
}

function WeightsPanel(props: { weights: WeightsDto; editable: boolean }) {
  const { t } = useTranslation();
  const save = useSaveWeights(props.weights.unitId);
  const [w, setW] = useState<EvaluationWeights>(props.weights);
  const sum = w.targets + w.timeliness + w.kpi;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h4" mb="xs">
        {t('evaluation.weights.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {props.weights.isDefault
          ? t('evaluation.weights.default')
          : t('evaluation.weights.of', { unit: props.weights.unitName })}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        {EVALUATION_COMPONENTS.map((c) => (
          <NumberInput
            key={c}
            label={t(`evaluation.component.${c}`)}
            value={w[c]}
            min={0}
            max={100}
            allowDecimal={false}
            suffix="%"
            readOnly={!props.editable}
            onChange={(v) => setW({ ...w, [c]: typeof v === 'number' ? v : Number(v) || 0 })}
            w={150}
          />
        ))}
        {props.editable && (
          <Button
            loading={save.isPending}
            disabled={sum !== 100}
            onClick={() =>
              save.mutate(
                { targets: w.targets, timeliness: w.timeliness, kpi: w.kpi },
                {
                  onSuccess: () => notifySuccess(t('evaluation.weights.saved')),
                  onError: (e) => notifyError(e, t),
                },
              )
            }
          >
            {t('evaluation.weights.save')}
          </Button>
        )}
      </Group>
      <Text size="sm" c={sum === 100 ? 'dimmed' : 'red'} mt={4}>
        {t('evaluation.weights.sum', { sum })}
      </Text>
    </Paper>
  );
}

function RankingTable({ data }: { data: RankingDto }) {
  const { t } = useTranslation();
  const cell = (row: RankingDto['rows'][number], c: EvaluationComponent) =>
    row.components[c] === null ? (
      <Text size="sm" c="dimmed">
        {t('dashboard.noData')}
      </Text>
    ) : (
      <>
        {percent(row.components[c])}
        {row.applied[c] !== null && (
          <Text size="xs" c="dimmed">
            × {Math.round((row.applied[c] as number) * 10) / 10}%
          </Text>
        )}
      </>
    );
  return (
    <Stack gap="xs">
      {data.timelinessMissing && (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
          {t('evaluation.renormalised')}
        </Alert>
      )}
      {data.rows.length === 0 ? (
        <EmptyState>{t(`evaluation.empty.${data.level}`)}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="ranking-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('evaluation.rank')}</Table.Th>
                <Table.Th>{t(`evaluation.level.${data.level}`)}</Table.Th>
                {EVALUATION_COMPONENTS.map((c) => (
                  <Table.Th key={c} ta="right">
                    {t(`evaluation.component.${c}`)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('evaluation.score')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((r) => (
                <Table.Tr key={r.teamId ?? r.unitId}>
                  <Table.Td>
                    {r.rank === null ? '—' : <Badge variant="light">{r.rank}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    {r.unitName}
                    {r.parentName && (
                      <Text size="xs" c="dimmed">
                        {r.parentName}
                      </Text>
                    )}
                  </Table.Td>
                  {EVALUATION_COMPONENTS.map((c) => (
                    <Table.Td key={c} ta="right">
                      {cell(r, c)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {r.score === null ? '—' : r.score.toLocaleString('vi-VN')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
