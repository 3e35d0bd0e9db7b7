import type { TFunction } from 'i18next';
import { canGrantRole, ROLES, ROLE_UNIT_LEVELS, type Role } from '@toso/domain/roles';

/** The roles this user may grant, labelled in the interface language. */
export function grantableRoles(granter: Role, t: TFunction) {
  return ROLES.filter((role) => canGrantRole(granter, role)).map((role) => ({
    value: role,
    label: t(`role.${role}`),
  }));
}

/** Every role but admin must sit on a unit of one of its levels. */
export function unitRequired(role: Role): boolean {
  return role !== 'admin';
}

export function unitLevelsFor(role: Role) {
  return ROLE_UNIT_LEVELS[role];
}

export function unitHelp(role: Role, t: TFunction): string {
  return t('users.unitHelp', {
    levels: ROLE_UNIT_LEVELS[role].map((level) => t(`level.${level}`)).join(', '),
  });
}
