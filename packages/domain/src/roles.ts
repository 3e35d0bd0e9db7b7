export const ROLES = [
  'admin',
  'province_officer',
  'district_officer',
  'commune_officer',
  'team_leader',
  'team_member',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

/** Rank used to decide which roles a user may grant: never a role ranked above their own. */
export const ROLE_RANK: Record<Role, number> = {
  admin: 100,
  province_officer: 80,
  district_officer: 60,
  commune_officer: 40,
  team_leader: 20,
  team_member: 10,
  partner: 5,
};

export const PERMISSIONS = [
  'units:read',
  'units:write_hamlet',
  'units:write',
  'units:import',
  'users:read',
  'users:manage',
  'audit:read',
  'settings:write',
  'teams:read',
  'teams:write',
  'decisions:write',
  'chat_groups:write',
  'residents:read',
  'residents:write',
  'residents:manage',
  'materials:write',
  'guides:write',
  'practices:write',
  'practices:feature',
  'reports:read',
  'reports:write',
  'reports:review',
  'difficulties:read',
  'difficulties:raise',
  'difficulties:handle',
  'trainings:read',
  'trainings:write',
  'partners:read',
  'partners:write',
  'partners:contribute',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OFFICER: Permission[] = [
  'units:read',
  'units:write_hamlet',
  'users:read',
  'users:manage',
  'audit:read',
  'teams:read',
  'teams:write',
  'decisions:write',
  'chat_groups:write',
  'residents:read',
  'residents:write',
  'residents:manage',
  'reports:read',
  'reports:write',
  'reports:review',
  'difficulties:read',
  'difficulties:handle',
  'trainings:read',
  'trainings:write',
  'partners:read',
];

/** District and province officers keep the library, edit the guide cards and feature practices. */
const LIBRARY_EDITOR: Permission[] = [
  'materials:write',
  'guides:write',
  'practices:write',
  'practices:feature',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  province_officer: [
    ...OFFICER,
    'units:write',
    'units:import',
    'settings:write',
    ...LIBRARY_EDITOR,
    'partners:write',
    'partners:contribute',
  ],
  district_officer: [
    ...OFFICER,
    'units:write',
    'settings:write',
    ...LIBRARY_EDITOR,
    'partners:write',
    'partners:contribute',
  ],
  commune_officer: [...OFFICER, 'practices:write', 'difficulties:raise'],
  team_leader: [
    'units:read',
    'users:read',
    'teams:read',
    'chat_groups:write',
    'residents:read',
    'residents:write',
    'practices:write',
    'reports:read',
    'reports:write',
    'difficulties:read',
    'difficulties:raise',
    'trainings:read',
  ],
  team_member: [
    'units:read',
    'teams:read',
    'residents:read',
    'residents:write',
    'difficulties:read',
    'difficulties:raise',
    'trainings:read',
  ],
  partner: ['units:read', 'teams:read', 'materials:write', 'partners:read', 'partners:contribute'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** A user may grant a role only if it ranks no higher than their own and they manage users. */
export function canGrantRole(granter: Role, role: Role): boolean {
  return hasPermission(granter, 'users:manage') && ROLE_RANK[role] <= ROLE_RANK[granter];
}

/** The unit levels a role is normally attached to. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly UnitLevel[]> = {
  admin: ['province', 'district', 'commune', 'hamlet'],
  province_officer: ['province'],
  district_officer: ['district'],
  commune_officer: ['commune'],
  team_leader: ['hamlet'],
  team_member: ['hamlet'],
  partner: ['province', 'district', 'commune'],
};

export const UNIT_LEVELS = ['province', 'district', 'commune', 'hamlet'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
