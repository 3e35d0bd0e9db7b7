import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from './app';
import { buildWorld } from './factories';

// Generated malformed bodies, query strings and path parameters for every route in the OpenAPI
// document, sent with an administrator's session so they reach validation: no answer is a 5xx.
let t: TestApp;
let cookie: string;
let operations: { method: string; path: string }[];
let knownIds: string[];

beforeAll(async () => {
  t = await setupTestApp({ TOSO_LOGIN_RATE_LIMIT: '10000' });
  const world = await buildWorld(t.db);
  cookie = await login(t.app, 'admin');
  knownIds = [world.communeA.id, world.hamletA.id, world.users['team_member.a'].id];
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  // Logging out would end the session the other requests need; it is fuzzed without one below.
  operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    )
    .filter((op) => op.path !== '/api/auth/logout');
});
afterAll(async () => t.close());

const segment = fc.oneof(
  fc.string(),
  fc.uuid(),
  fc.constantFrom('0', '-1', '%00', '..', "' OR 1=1 --", 'Xã Yên Đổ', 'a'.repeat(500)),
);
const queryValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.constantFrom('', '%', '_', '1e309', 'NaN'),
);
const body = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.dictionary(
    fc.constantFrom(
      'username',
      'password',
      'name',
      'parentId',
      'kind',
      'role',
      'unitId',
      'validTo',
      'successorIds',
      'fullName',
      'isActive',
      'locale',
      'q',
      'x',
    ),
    fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.uuid(),
    ),
  ),
);

function fill(path: string, params: string[]): string {
  let i = 0;
  return path.replace(/\{\w+\}/g, () => encodeURIComponent(params[i++ % params.length] ?? 'x'));
}

describe('fuzzing every documented route', () => {
  // One property per route: the time grows with the number of routes (some two hundred), beyond
  // the 30 s default: minutes on a loaded 2-core machine.
  it('never answers with a 5xx', { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(segment, fc.constantFrom(...knownIds)), { minLength: 1, maxLength: 2 }),
          fc.dictionary(
            fc.constantFrom(
              'q',
              'page',
              'pageSize',
              'parentId',
              'level',
              'unitId',
              'from',
              'to',
              'entity',
              'includeRetired',
              'snapshot',
              'list',
              'dryRun',
              'zz',
            ),
            queryValue,
          ),
          body,
          fc.boolean(),
          async (params, query, payload, asRaw) => {
            const qs = new URLSearchParams(query).toString();
            const url = `${fill(op.path, params)}${qs ? `?${qs}` : ''}`;
            const hasBody = !['GET', 'DELETE'].includes(op.method);
            const res = await t.app.inject({
              method: op.method as 'GET',
              url,
              headers: {
                cookie,
                ...(hasBody && asRaw ? { 'content-type': 'application/json' } : {}),
              },
              payload: hasBody
                ? asRaw
                  ? (JSON.stringify(payload) ?? 'null')
                  : (payload as object)
                : undefined,
            });
            expect(res.statusCode, `${op.method} ${url} → ${res.body.slice(0, 300)}`).toBeLessThan(
              500,
            );
          },
        ),
        { numRuns: 40 },
      );
    }
    // The session stayed valid throughout, so every request above reached validation.
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('never answers with a 5xx without a session either', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations, { method: 'POST', path: '/api/auth/logout' }),
        body,
        async (op, payload) => {
          const hasBody = !['GET', 'DELETE'].includes(op.method);
          const res = await t.app.inject({
            method: op.method as 'GET',
            url: fill(op.path, ['x']),
            payload: hasBody ? (payload as object) : undefined,
          });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('survives arbitrary bytes uploaded as a unit list', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('', 'PK\u0003\u0004', '[', '{', 'code,name,type\n'),
        async (bytes, prefix) => {
          const boundary = '----fuzz';
          const payload = Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f"\r\n\r\n${prefix}`,
            ),
            Buffer.from(bytes),
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]);
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/units/import?dryRun=1',
            headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
            payload,
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
