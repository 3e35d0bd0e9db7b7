import { Badge, type BadgeProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DuplicateDto, ResidentDto } from '@toso/domain/registry';

const WORKING_AGE_COLORS: Record<ResidentDto['workingAge'], string> = {
  working_age: 'teal',
  below: 'blue',
  above: 'gray',
  unknown: 'yellow',
};

export function WorkingAgeBadge(props: {
  status: ResidentDto['workingAge'];
  size?: BadgeProps['size'];
}) {
  const { t } = useTranslation();
  return (
    <Badge size={props.size ?? 'sm'} variant="light" color={WORKING_AGE_COLORS[props.status]}>
      {t(`workingAge.${props.status}`)}
    </Badge>
  );
}

const CONSENT_COLORS = { given: 'teal', refused: 'red', withdrawn: 'orange' } as const;

export function ConsentBadge(props: {
  consent: ResidentDto['consent'];
  size?: BadgeProps['size'];
}) {
  const { t } = useTranslation();
  return (
    <Badge
      size={props.size ?? 'sm'}
      variant="outline"
      color={props.consent ? CONSENT_COLORS[props.consent] : 'gray'}
    >
      {t(`consent.badge.${props.consent ?? 'none'}`)}
    </Badge>
  );
}

export const relationLabel = (t: TFunction, relation: ResidentDto['relation']) =>
  t(`relation.${relation}`);

export const sexLabel = (t: TFunction, sex: ResidentDto['sex']) =>
  sex ? t(`sex.${sex}`) : t('residents.sexUnknown');

/** "cùng họ tên và năm sinh, cùng số điện thoại" */
export const duplicateReasons = (t: TFunction, reasons: DuplicateDto['reasons']) =>
  reasons.map((r) => t(`duplicates.reason.${r}`)).join(', ');

/** "1990 · Nữ · Chủ hộ" */
export function residentFacts(
  t: TFunction,
  r: Pick<ResidentDto, 'birthYear' | 'sex' | 'relation'>,
) {
  return [
    r.birthYear ? t('residents.bornIn', { year: r.birthYear }) : t('residents.birthYearUnknown'),
    sexLabel(t, r.sex),
    relationLabel(t, r.relation),
  ].join(' · ');
}
