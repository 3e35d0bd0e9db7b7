import type { TFunction } from 'i18next';
import type { UnitDto, UnitKind } from '@toso/domain/units';
import { todayIso } from '../../components/dates';

export function kindLabel(t: TFunction, kind: UnitKind): string {
  return t(`kind.${kind}`);
}

/** Retired: its last day is behind us (validTo is the first day it no longer exists). */
export function isRetired(unit: UnitDto): boolean {
  return unit.validTo !== null && unit.validTo <= todayIso();
}

export function canEditUnit(
  unit: UnitDto,
  can: (p: 'units:write' | 'units:write_hamlet') => boolean,
) {
  if (isRetired(unit)) return false;
  return unit.level === 'hamlet' ? can('units:write_hamlet') : can('units:write');
}

/** "Tỉnh Thái Nguyên › Huyện Phú Lương" — the ancestors, without the unit itself. */
export function ancestorsText(unit: UnitDto): string {
  return unit.path
    .filter((p) => p.id !== unit.id)
    .map((p) => p.name)
    .join(' › ');
}
