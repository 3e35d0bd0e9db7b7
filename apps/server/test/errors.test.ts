import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from './app';
import { buildWorld } from './factories';
import { testDialect } from './db';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
  await buildWorld(t.db);
});
afterAll(async () => t.close());

describe('health and errors', () => {
  it('reports health and the database in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: testDialect() });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here?name=secret' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
    expect(res.body).not.toContain('secret');
  });

  it('answers a path that names no record as not found, like an id that does not exist', async () => {
    const cookie = await login(t.app, 'commune_officer.a');
    for (const url of ['/api/residents/abc', '/api/residents/duplicates', '/api/households/1']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'not_found', message: 'Không tìm thấy' });
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/residents/01900000-0000-7000-8000-000000000000',
      headers: { cookie },
    });
    expect(missing.statusCode).toBe(404);
    // Without a session the answer is still 401: nothing is said about what exists.
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/residents/abc' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers malformed JSON with a 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('says which field is wrong', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '' },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.username', 'body.password']),
    );
    // In plain Vietnamese, not zod's English.
    expect(details.find((d) => d.path === 'body.password')?.message).toBe('Bắt buộc nhập');
  });

  it('hides the cause of a server error behind a correlation id', async () => {
    await t.db.destroy();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'correlationId', 'details', 'message']);
    expect(body.code).toBe('internal');
    expect(res.body).not.toMatch(/at |\.ts|Error:/);
  });
});
