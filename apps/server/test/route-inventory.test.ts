import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@toso/domain/roles';
import { setupTestApp, type TestApp } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(async () => t.close());

const PUBLIC = [
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
];

describe('route inventory', () => {
  it('lists every API route with a declared permission', () => {
    expect(t.app.routeInventory.length).toBeGreaterThan(10);
    for (const r of t.app.routeInventory) {
      expect(['public', 'authenticated', ...PERMISSIONS], `${r.method} ${r.url}`).toContain(
        r.access,
      );
    }
  });

  it('makes public only the routes meant to be public', () => {
    const open = t.app.routeInventory
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('documents every non-hidden route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    for (const r of t.app.routeInventory) {
      if (r.url === '/api/openapi.json') continue;
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    }
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const r of t.app.routeInventory.filter((x) => x.access !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, '01900000-0000-7000-8000-000000000000');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
  });

  it('serves interactive API docs beside the document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
