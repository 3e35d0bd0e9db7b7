import { Loader, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/error-state';
import { useRates } from './reports-api';
import { rateText, ReportStatusBadge } from './report-status';

/** Reporting and on-time rates of the hamlets, per commune, with the commune's own report. */
export function RatesTable(props: { period: string; unitId: string }) {
  const { t, i18n } = useTranslation();
  const rates = useRates(props.period, props.unitId, true);
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={3} size="h5" mb={4}>
        {t('reports.rates')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('reports.ratesHint')}
      </Text>
      {rates.isError ? (
        <ErrorState error={rates.error} onRetry={() => void rates.refetch()} />
      ) : rates.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <ScrollArea type="auto">
          <Table striped withTableBorder miw={560} data-testid="rates-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.commune')}</Table.Th>
                <Table.Th ta="right">{t('reports.expected')}</Table.Th>
                <Table.Th ta="right">{t('reports.submitted')}</Table.Th>
                <Table.Th ta="right">{t('reports.reportingRate')}</Table.Th>
                <Table.Th ta="right">{t('reports.onTimeRate')}</Table.Th>
                <Table.Th>{t('reports.communeReport')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rates.data.rows.map((r) => (
                <Table.Tr key={r.unitId}>
                  <Table.Td>{r.unitName}</Table.Td>
                  <Table.Td ta="right">{r.expected}</Table.Td>
                  <Table.Td ta="right">{r.submitted}</Table.Td>
                  <Table.Td ta="right">{rateText(r.reportingRate, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{rateText(r.onTimeRate, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ReportStatusBadge status={r.communeStatus} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            {rates.data.rows.length > 1 && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('reports.total')}</Table.Th>
                  <Table.Th ta="right">{rates.data.total.expected}</Table.Th>
                  <Table.Th ta="right">{rates.data.total.submitted}</Table.Th>
                  <Table.Th ta="right">
                    {rateText(rates.data.total.reportingRate, i18n.language)}
                  </Table.Th>
                  <Table.Th ta="right">
                    {rateText(rates.data.total.onTimeRate, i18n.language)}
                  </Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
