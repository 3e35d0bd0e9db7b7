import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DifficultyStatus, Urgency } from '@toso/domain/difficulties';

const STATUS_COLORS: Record<DifficultyStatus, string> = {
  open: 'orange',
  assigned: 'blue',
  answered: 'cyan',
  resolved: 'teal',
};

const URGENCY_COLORS: Record<Urgency, string> = {
  normal: 'gray',
  urgent: 'orange',
  critical: 'red',
};

export function DifficultyStatusBadge(props: { status: DifficultyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[props.status]} variant="light" size="sm">
      {t(`difficulties.status.${props.status}`)}
    </Badge>
  );
}

export function UrgencyBadge(props: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <Badge color={URGENCY_COLORS[props.urgency]} variant="outline" size="sm">
      {t(`difficulties.urgency.${props.urgency}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm" data-testid="overdue-badge">
      {t('difficulties.overdue')}
    </Badge>
  );
}

/** The local calendar day of an instant (an ISO timestamp), e.g. "28/11/2026". */
export function formatDay(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale === 'en' ? 'en-GB' : 'vi-VN');
}
