import { Alert, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '@toso/domain/errors';

/** Import problems as a table: row, column, message. */
export function ImportErrorsTable(props: { message: string | null; details: ErrorDetail[] }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('import.errorsTitle')} role="alert">
      {props.message && <p style={{ marginTop: 0 }}>{props.message}</p>}
      <Table.ScrollContainer minWidth={420}>
        <Table striped withTableBorder aria-label={t('import.errorsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.row')}</Table.Th>
              <Table.Th>{t('import.column')}</Table.Th>
              <Table.Th>{t('import.error')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.details.map((d, i) => (
              <Table.Tr key={`${d.row ?? ''}-${d.column ?? ''}-${i}`}>
                <Table.Td>{d.row ?? '—'}</Table.Td>
                <Table.Td>{d.column ?? '—'}</Table.Td>
                <Table.Td>{d.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Alert>
  );
}
