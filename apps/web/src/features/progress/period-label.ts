import { useTranslation } from 'react-i18next';
import type { Period } from '@toso/domain/campaigns';
import { formatDate } from '../../components/dates';
import type { PeriodChoice } from './progress-model';

/** A period's name in the interface language ("Tháng 6/2022", "June 2022", "Quý 2/2022"…). */
export function usePeriodLabel() {
  const { t, i18n } = useTranslation();
  return (kind: PeriodChoice, p: Period): string => {
    const [y, m] = p.from.split('-').map(Number);
    if (kind === 'month') return t('progress.periodLabel.month', { month: m, year: y });
    if (kind === 'quarter')
      return t('progress.periodLabel.quarter', { quarter: p.key.slice(-1), year: y });
    if (kind === 'year') return t('progress.periodLabel.year', { year: p.key });
    if (kind === 'week')
      return t('progress.periodLabel.week', {
        from: formatDate(p.from, i18n.language),
        to: formatDate(p.to, i18n.language),
      });
    return t('progress.kind.campaign');
  };
}
