import { describe, expect, it } from 'vitest';
import { canGrantRole, hasPermission, ROLES } from './roles';

describe('roles', () => {
  it('lets officers grant only roles at or below their own', () => {
    expect(canGrantRole('district_officer', 'commune_officer')).toBe(true);
    expect(canGrantRole('district_officer', 'district_officer')).toBe(true);
    expect(canGrantRole('district_officer', 'province_officer')).toBe(false);
    expect(canGrantRole('commune_officer', 'admin')).toBe(false);
    expect(canGrantRole('admin', 'admin')).toBe(true);
  });

  it('gives team members, leaders and partners no right to manage accounts', () => {
    for (const role of ['team_leader', 'team_member', 'partner'] as const) {
      expect(canGrantRole(role, 'team_member')).toBe(false);
      expect(hasPermission(role, 'users:manage')).toBe(false);
    }
  });

  it('lets every role read units', () => {
    for (const role of ROLES) expect(hasPermission(role, 'units:read')).toBe(true);
  });

  it('keeps partners read-only', () => {
    expect(hasPermission('partner', 'units:write_hamlet')).toBe(false);
    expect(hasPermission('partner', 'units:write')).toBe(false);
  });
});

describe('library permissions', () => {
  it('lets district and province officers keep the library and feature practices', () => {
    for (const role of ['district_officer', 'province_officer', 'admin'] as const) {
      for (const p of [
        'materials:write',
        'guides:write',
        'practices:write',
        'practices:feature',
      ] as const)
        expect(hasPermission(role, p)).toBe(true);
    }
  });

  it('lets communes and team leaders post practices but not feature them or edit the library', () => {
    for (const role of ['commune_officer', 'team_leader'] as const) {
      expect(hasPermission(role, 'practices:write')).toBe(true);
      expect(hasPermission(role, 'practices:feature')).toBe(false);
      expect(hasPermission(role, 'materials:write')).toBe(false);
      expect(hasPermission(role, 'guides:write')).toBe(false);
    }
  });

  it('lets partners add their materials only, and team members only read', () => {
    expect(hasPermission('partner', 'materials:write')).toBe(true);
    expect(hasPermission('partner', 'guides:write')).toBe(false);
    expect(hasPermission('partner', 'practices:write')).toBe(false);
    for (const p of [
      'materials:write',
      'guides:write',
      'practices:write',
      'practices:feature',
    ] as const)
      expect(hasPermission('team_member', p)).toBe(false);
  });
});

describe('trainings and partners permissions', () => {
  it('lets officers schedule trainings and team members read them', () => {
    for (const role of ['commune_officer', 'district_officer', 'province_officer'] as const)
      expect(hasPermission(role, 'trainings:write')).toBe(true);
    expect(hasPermission('team_member', 'trainings:read')).toBe(true);
    expect(hasPermission('team_member', 'trainings:write')).toBe(false);
    expect(hasPermission('partner', 'trainings:read')).toBe(false);
  });
  it('lets district and province officers manage partners, and partners record contributions', () => {
    expect(hasPermission('district_officer', 'partners:write')).toBe(true);
    expect(hasPermission('commune_officer', 'partners:write')).toBe(false);
    expect(hasPermission('partner', 'partners:write')).toBe(false);
    expect(hasPermission('partner', 'partners:contribute')).toBe(true);
    expect(hasPermission('team_member', 'partners:read')).toBe(false);
  });
});
