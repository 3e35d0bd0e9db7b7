import { createWriteStream, mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp, requestSerializers } from '../src/app';
import { loadConfig, type AppConfig } from '../src/config';
import { createDb, type Db } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import { ensurePlatformCatalogue } from '../src/features/supports/platforms.service';
import { freshDatabase } from './db';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: AppConfig;
  close: () => Promise<void>;
}

function logStream() {
  const dir = process.env.TOSO_TEST_LOG_DIR;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return createWriteStream(`${dir}/server-${process.pid}.log`, { flags: 'a' });
}

/** A migrated, empty database and the whole app on it, as production builds it. */
export async function setupTestApp(
  env: Record<string, string> = {},
  opts: { sqliteFile?: boolean; logTo?: { write: (line: string) => void } } = {},
): Promise<TestApp> {
  const { config: database, drop } = await freshDatabase(opts);
  const config = { ...loadConfig({ TOSO_DEMO: '0', TOSO_LOG_LEVEL: 'info', ...env }), database };
  const db = createDb(database);
  await migrateToLatest(db);
  await ensurePlatformCatalogue(db);
  const stream = logStream();
  // `logTo`: a test also reads the log lines itself (as production writes them: same serializers).
  const extra = opts.logTo;
  const to = extra
    ? {
        write: (line: string) => {
          extra.write(line);
          stream?.write(line);
        },
      }
    : stream;
  const app = await buildApp(config, db, {
    logger: to ? { level: 'info', stream: to, serializers: requestSerializers } : false,
  });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.destroy();
      await drop();
      stream?.end();
    },
  };
}

/** Signs in through the API and returns the cookie header to send. */
export async function login(
  app: FastifyInstance,
  username: string,
  password = 'test-password-123',
): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'toso_session');
  if (!cookie) throw new Error('no session cookie');
  return `toso_session=${cookie.value}`;
}

export type CallMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A request helper for a test file whose app is made in `beforeAll`:
 * `const call = caller(() => t.app); await call('GET', '/api/x', cookie)`.
 */
export function caller(app: () => FastifyInstance) {
  return (method: CallMethod, url: string, cookie: string, payload?: unknown) =>
    app().inject({ method, url, headers: { cookie }, payload: payload as object | undefined });
}

/** The id of a platform of the catalogue by its code (e.g. 'vneid'). */
export async function platformIdByCode(db: Db, code: string): Promise<string> {
  const row = await db
    .selectFrom('platforms')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
