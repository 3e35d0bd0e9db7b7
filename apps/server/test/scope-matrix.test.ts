import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from './app';
import { buildWorld } from './factories';

// For every role held inside a commune, and two sibling communes A and B: nothing of B can be
// listed, read, searched or changed from A (and the other way round). Officers above both see both.
let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
});
afterAll(async () => t.close());

const LOCAL_ROLES = ['commune_officer', 'team_leader', 'team_member', 'partner'] as const;
const SIDES = [
  ['a', 'b'],
  ['b', 'a'],
] as const;

function side(key: 'a' | 'b') {
  return key === 'a'
    ? { commune: world.communeA, hamlet: world.hamletA, search: 'lang moi' }
    : { commune: world.communeB, hamlet: world.hamletB, search: 'khe van' };
}

describe.each(SIDES)('from commune %s, commune %s is invisible', (mine, theirs) => {
  it.each(LOCAL_ROLES)('to a %s', async (role) => {
    const cookie = await login(t.app, `${role}.${mine}`);
    const other = side(theirs);
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const ids = (body: { items?: { id: string }[] }) => (body.items ?? []).map((u) => u.id);

    // list
    const roots = (await get('/api/units')).json();
    expect(ids(roots)).not.toContain(other.commune.id);
    expect((await get(`/api/units?parentId=${other.commune.id}`)).statusCode).toBe(404);
    expect((await get(`/api/units?parentId=${world.district.id}`)).statusCode).toBe(404);
    // read
    expect((await get(`/api/units/${other.commune.id}`)).statusCode).toBe(404);
    expect((await get(`/api/units/${other.hamlet.id}`)).statusCode).toBe(404);
    // search
    const found = (await get(`/api/units?q=${encodeURIComponent(other.search)}`)).json();
    expect(found.total).toBe(0);
    const byName = (await get(`/api/units?q=${encodeURIComponent(other.commune.name)}`)).json();
    expect(ids(byName)).not.toContain(other.commune.id);
    // users and audit of the other commune
    const users = await get('/api/users?pageSize=200');
    if (users.statusCode === 200) {
      const names = users.json().items.map((u: { username: string }) => u.username);
      expect(names.some((n: string) => n.endsWith(`.${theirs}`))).toBe(false);
    } else expect(users.statusCode).toBe(403);
    const otherUser = world.users[`team_member.${theirs}`].id;
    expect([403, 404]).toContain((await get(`/api/users/${otherUser}`)).statusCode);
    expect([403, 404]).toContain((await get(`/api/audit?unitId=${other.commune.id}`)).statusCode);
    // change
    const rename = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${other.hamlet.id}`,
      headers: { cookie },
      payload: { name: 'Đổi tên' },
    });
    expect([403, 404]).toContain(rename.statusCode);
    const retire = await t.app.inject({
      method: 'POST',
      url: `/api/units/${other.hamlet.id}/retire`,
      headers: { cookie },
      payload: { validTo: '2030-01-01', successorIds: [] },
    });
    expect([403, 404]).toContain(retire.statusCode);
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie },
      payload: { parentId: other.commune.id, kind: 'xom', name: 'Xâm nhập' },
    });
    expect([403, 404]).toContain(add.statusCode);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${otherUser}`,
      headers: { cookie },
      payload: { isActive: false },
    });
    expect([403, 404]).toContain(edit.statusCode);
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie },
      payload: {
        username: `intruder.${role}.${mine}`,
        fullName: 'Kẻ Lạ',
        role: 'team_member',
        unitId: other.hamlet.id,
        password: 'mot-mat-khau-dai',
        locale: 'vi',
      },
    });
    expect([403, 404]).toContain(grant.statusCode);
  });
});

describe('team members and leaders see only their hamlet', () => {
  it.each(['team_leader', 'team_member'])('%s', async (role) => {
    const cookie = await login(t.app, `${role}.a`);
    const roots = (
      await t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } })
    ).json();
    expect(roots.items.map((u: { id: string }) => u.id)).toEqual([world.hamletA.id]);
    const sibling = await t.app.inject({
      method: 'GET',
      url: `/api/units/${world.hamletA2.id}`,
      headers: { cookie },
    });
    expect(sibling.statusCode).toBe(404);
  });
});

describe('officers above both communes see both', () => {
  it.each(['admin', 'province_officer', 'district_officer'])('%s', async (username) => {
    const cookie = await login(t.app, username);
    for (const c of [world.communeA, world.communeB]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/units/${c.id}`,
        headers: { cookie },
      });
      expect(res.statusCode).toBe(200);
    }
    const list = (
      await t.app.inject({
        method: 'GET',
        url: `/api/units?parentId=${world.district.id}`,
        headers: { cookie },
      })
    ).json();
    expect(list.total).toBe(2);
  });
});
