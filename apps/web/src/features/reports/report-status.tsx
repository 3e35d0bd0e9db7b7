import { Badge } from '@mantine/core';
import type { ReportStatus } from '@toso/domain/reports';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ReportStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  approved: 'teal',
};

/** The status of a report, or "not started" when there is none. */
export function ReportStatusBadge(props: { status: ReportStatus | null }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      variant="light"
      color={props.status ? COLORS[props.status] : 'red'}
      data-testid="report-status"
    >
      {t(`reports.status.${props.status ?? 'none'}`)}
    </Badge>
  );
}

/** A rate in percent, or a dash. */
export function rateText(value: number | null, locale: string): string {
  return value === null ? '—' : `${value.toLocaleString(locale === 'en' ? 'en-GB' : 'vi-VN')}%`;
}
