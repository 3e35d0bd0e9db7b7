import { useTranslation } from 'react-i18next';
import type { IndicatorKind } from '@toso/domain/campaigns';
import type { Outcome } from '@toso/domain/platforms';

/** Outcome and indicator-kind words in the user's language, for indicator titles. */
export function useIndicatorWords() {
  const { t } = useTranslation();
  return {
    outcomeLabel: (o: Outcome) => t(`field.outcome.${o}`),
    kindLabel: (k: IndicatorKind) => t(`targets.kind.${k}`),
  };
}
