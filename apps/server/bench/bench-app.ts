/**
 * What the benchmarks that run on a kept database share: migrating it when asked, serving the real
 * app on a free port, logging in as a user, and the script's exit code.
 */
import { buildApp } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import type { Db } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import { TEST_PASSWORD } from '../test/factories';

/** Brings the database to the latest migration and prints how long it took. */
export async function migrateTimed(db: Db): Promise<void> {
  const t = performance.now();
  await migrateToLatest(db);
  console.log(`  migrated in ${((performance.now() - t) / 1000).toFixed(2)} s`);
}

/** The real app (logger off) listening on 127.0.0.1, a free port. */
export async function serveApp(db: Db, database: DatabaseConfig) {
  const config = { ...loadConfig({ TOSO_DEMO: '0', TOSO_LOG_LEVEL: 'silent' }), database };
  const app = await buildApp(config, db, { logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, address };
}

/** The session cookie of a bench user (password TEST_PASSWORD). */
export async function sessionCookie(base: string, username: string): Promise<string> {
  const post = () =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
  // A SQLite fill blocks this process's event loop for minutes: the server meanwhile closes the
  // kept-alive connection of the import, and the first POST on it fails (EPIPE). Once more, fresh.
  const res = await post().catch(post);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((s) => s.startsWith('toso_session='))
    ?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Runs a benchmark's main: exit 0, or print the error and exit 1. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
