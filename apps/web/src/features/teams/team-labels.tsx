import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  AFFILIATION_LABELS,
  TEAM_ROLE_LABELS,
  type Affiliation,
  type TeamRole,
  type TeamStatus,
} from '@toso/domain/teams';

export const affiliationLabel = (t: TFunction, a: Affiliation) =>
  t(`affiliation.${a}`, { defaultValue: AFFILIATION_LABELS[a] });

export const teamRoleLabel = (t: TFunction, r: TeamRole) =>
  t(`teamRole.${r}`, { defaultValue: TEAM_ROLE_LABELS[r] });

const STATUS_COLORS: Record<TeamStatus, string> = {
  proposed: 'orange',
  established: 'teal',
  dissolved: 'gray',
};

export function TeamStatusBadge(props: { status: TeamStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[props.status]} variant="light" size={props.size ?? 'sm'}>
      {t(`teamStatus.${props.status}`)}
    </Badge>
  );
}

/** A file's size in MB with one decimal. */
export const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
