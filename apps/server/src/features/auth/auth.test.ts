import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld, TEST_PASSWORD } from '../../../test/factories';

let t: TestApp;

beforeAll(async () => {
  t = await setupTestApp({ TOSO_LOGIN_RATE_LIMIT: '5' });
  await buildWorld(t.db);
});
afterAll(async () => t.close());

const attempt = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('login', () => {
  it('opens a session in an HttpOnly SameSite cookie and returns the user', async () => {
    const res = await attempt('commune_officer.a', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.role).toBe('commune_officer');
    expect(res.json().permissions).toContain('units:write_hamlet');
    const cookie = res.cookies.find((c) => c.name === 'toso_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `toso_session=${cookie?.value}` },
    });
    expect(me.json().user.username).toBe('commune_officer.a');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await attempt('commune_officer.a', 'not-the-password', '10.0.0.2');
    const unknown = await attempt('nobody.here', 'not-the-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.cookies).toHaveLength(0);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
  });

  it('rate-limits repeated attempts on one account', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i += 1)
      codes.push((await attempt('team_member.a', 'wrong', '10.0.0.3')).statusCode);
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const res = await attempt('team_member.a', 'wrong', '10.0.0.3');
    expect(res.json().code).toBe('rate_limited');
  });

  it('refuses a deactivated account', async () => {
    await t.db
      .updateTable('users')
      .set({ is_active: 0 })
      .where('username', '=', 'partner.b')
      .execute();
    expect((await attempt('partner.b', TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('ends the session at logout', async () => {
    const cookie = await login(t.app, 'team_leader.a');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('unauthenticated');
  });

  it('refuses a forged cookie', async () => {
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: 'toso_session=forged' },
    });
    expect(me.statusCode).toBe(401);
  });

  it('changes the password and closes the other sessions', async () => {
    const first = await login(t.app, 'team_leader.b');
    const second = await login(t.app, 'team_leader.b');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: 'wrong', newPassword: 'a-new-password-1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.currentPassword');
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(short.json().details[0].path).toBe('body.newPassword');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-1' },
    });
    expect(ok.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } }))
        .statusCode,
    ).toBe(401);
    await login(t.app, 'team_leader.b', 'a-new-password-1');
  });

  it('switches the interface language', async () => {
    const cookie = await login(t.app, 'team_member.b');
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/locale',
      headers: { cookie },
      payload: { locale: 'en' },
    });
    expect(res.json().user.locale).toBe('en');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request from another origin', async () => {
    const cookie = await login(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:3000' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_rejected');
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, origin: 'http://localhost:3000', host: 'localhost:3000' },
    });
    expect(same.statusCode).toBe(200);
  });
});
