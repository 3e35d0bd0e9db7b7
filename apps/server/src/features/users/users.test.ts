import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
});
afterAll(async () => t.close());

const create = (cookie: string, body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: body });

const base = { fullName: 'Nguyễn Văn Đức', password: 'mot-mat-khau-dai', locale: 'vi' };

describe('accounts', () => {
  it('lets a commune officer create a team leader in a hamlet of their commune, who can then log in', async () => {
    const res = await create(officerA, {
      ...base,
      username: 'nvduc',
      role: 'team_leader',
      unitId: world.hamletA.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'nvduc',
      role: 'team_leader',
      unitName: 'Xóm Làng Mới',
    });
    await login(t.app, 'nvduc', 'mot-mat-khau-dai');
  });

  it('refuses a role above the granter’s own', async () => {
    const res = await create(officerA, {
      ...base,
      username: 'up.role',
      role: 'district_officer',
      unitId: world.district.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().details[0].path).toBe('body.role');
  });

  it('refuses a unit outside the granter’s subtree without revealing it', async () => {
    const res = await create(officerA, {
      ...base,
      username: 'other',
      role: 'team_member',
      unitId: world.hamletB.id,
    });
    expect(res.statusCode).toBe(404);
  });

  it('refuses a role on a unit of the wrong level', async () => {
    const res = await create(district, {
      ...base,
      username: 'wrong.level',
      role: 'commune_officer',
      unitId: world.hamletA.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.unitId');
  });

  it('refuses a taken username and a weak password, each at its field', async () => {
    const taken = await create(district, {
      ...base,
      username: 'admin',
      role: 'commune_officer',
      unitId: world.communeA.id,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details[0].path).toBe('body.username');
    const weak = await create(district, {
      ...base,
      password: '123',
      username: 'weak',
      role: 'commune_officer',
      unitId: world.communeA.id,
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().details.map((d: { path: string }) => d.path)).toContain('body.password');
  });

  it('lists only the accounts of the subtree, searchable without accents', async () => {
    const mine = (
      await t.app.inject({
        method: 'GET',
        url: '/api/users?pageSize=200',
        headers: { cookie: officerA },
      })
    ).json();
    const names = mine.items.map((u: { username: string }) => u.username);
    expect(names).toContain('team_member.a');
    expect(names).not.toContain('team_member.b');
    expect(names).not.toContain('admin');
    expect(names).not.toContain('district_officer');
    const found = (
      await t.app.inject({
        method: 'POST',
        url: '/api/users/search',
        headers: { cookie: district },
        payload: { q: 'nguyen van duc' },
      })
    ).json();
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(['nvduc']);
    // Never in a URL: a GET carrying the name is refused with where to send it.
    const inUrl = await t.app.inject({
      method: 'GET',
      url: '/api/users?q=nguyen%20van%20duc',
      headers: { cookie: district },
    });
    expect(inUrl.statusCode).toBe(400);
    expect(inUrl.json().message).toContain('POST /api/users/search');
  });

  it('deactivates an account, which closes its sessions', async () => {
    const target = await login(t.app, 'team_member.a');
    const id = world.users['team_member.a'].id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { cookie: officerA },
      payload: { isActive: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: target } }))
        .statusCode,
    ).toBe(401);
  });

  it('does not let an officer edit an account ranked above them, or change their own role', async () => {
    const up = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${world.users.district_officer.id}`,
      headers: { cookie: officerA },
      payload: { fullName: 'X Y' },
    });
    expect(up.statusCode).toBe(404);
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${world.users['commune_officer.a'].id}`,
      headers: { cookie: officerA },
      payload: { role: 'admin' },
    });
    expect(self.statusCode).toBe(403);
  });

  it('audits account changes without the password', async () => {
    const log = (
      await t.app.inject({
        method: 'GET',
        url: '/api/audit?entity=user',
        headers: { cookie: district },
      })
    ).json();
    expect(log.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(log.items)).not.toContain('mot-mat-khau-dai');
    expect(JSON.stringify(log.items)).not.toContain('argon2');
  });
});
