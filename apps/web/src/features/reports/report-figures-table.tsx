import { Alert, List, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import type { ReportFigures } from '@toso/domain/reports';
import { useTranslation } from 'react-i18next';

const pct = (reached: number, target: number | null) =>
  target === null || target <= 0 ? '—' : `${Math.round((reached / target) * 1000) / 10}%`;

/** The figures of a report: indicators against target, households, members trained. */
export function ReportFiguresTable(props: { figures: ReportFigures; live: boolean }) {
  const { t, i18n } = useTranslation();
  const f = props.figures;
  const num = (n: number | null) =>
    n === null
      ? t('reports.noFigure')
      : n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {props.live ? t('reports.figuresLive') : t('reports.figuresFrozen')}
        {f.campaignName ? ` · ${f.campaignName}` : ''}
      </Text>
      {f.indicators.length === 0 ? (
        <Alert color="gray">{t('reports.noIndicators')}</Alert>
      ) : (
        <ScrollArea type="auto">
          <Table striped withTableBorder miw={520} data-testid="report-figures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.indicator')}</Table.Th>
                <Table.Th ta="right">{t('reports.target')}</Table.Th>
                <Table.Th ta="right">{t('reports.inPeriod')}</Table.Th>
                <Table.Th ta="right">{t('reports.reached')}</Table.Th>
                <Table.Th ta="right">{t('reports.completion')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.indicators.map((i) => (
                <Table.Tr key={i.indicatorId}>
                  <Table.Td>
                    {i.platformName}:{' '}
                    {t(`reports.outcome.${i.outcome}`, { defaultValue: OUTCOME_LABELS[i.outcome] })}
                  </Table.Td>
                  <Table.Td ta="right">{i.target ?? '—'}</Table.Td>
                  <Table.Td ta="right">{i.inPeriod}</Table.Td>
                  <Table.Td ta="right" data-testid="figure-reached">
                    {i.reached}
                  </Table.Td>
                  <Table.Td ta="right">{pct(i.reached, i.target)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <List size="sm" spacing={2}>
        <List.Item>
          {t('reports.chatGroupHouseholds')}: {num(f.chatGroupHouseholds)}
          {f.households !== null && ` / ${num(f.households)}`}
        </List.Item>
        <List.Item>
          {t('reports.membersTrained')}: {num(f.membersTrained)}
        </List.Item>
        {f.hamletsIncluded && (
          <List.Item>
            {t('reports.hamletsIncluded', { count: f.hamletsIncluded.length })}
            {f.hamletsIncluded.length > 0 && `: ${f.hamletsIncluded.join(', ')}`}
          </List.Item>
        )}
        {f.hamletsMissing && f.hamletsMissing.length > 0 && (
          <List.Item c="orange.8">
            {t('reports.hamletsMissing')}: {f.hamletsMissing.join(', ')}
          </List.Item>
        )}
      </List>
    </Stack>
  );
}
