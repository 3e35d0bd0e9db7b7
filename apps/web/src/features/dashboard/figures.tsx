import { useTranslation } from 'react-i18next';
import type { KpiProjection } from '@toso/domain/kpi';

/** A share as a Vietnamese percentage with one decimal ("45,3%"), or a dash. */
export function percent(x: number | null): string {
  if (x === null) return '—';
  return `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')}%`;
}

const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;

export function ProjectionText(props: { projection: KpiProjection; deadline: string }) {
  const { t } = useTranslation();
  const p = props.projection;
  if (p.status === 'reached')
    return <>{t('dashboard.projection.reached', { month: monthLabel(p.month ?? '') })}</>;
  if (p.status === 'projected')
    return (
      <>
        {t(
          (p.month ?? '') > props.deadline
            ? 'dashboard.projection.late'
            : 'dashboard.projection.projected',
          { month: monthLabel(p.month ?? ''), deadline: monthLabel(props.deadline) },
        )}
      </>
    );
  if (p.status === 'no_progress') return <>{t('dashboard.projection.noProgress')}</>;
  return <>{t('dashboard.projection.noData')}</>;
}
