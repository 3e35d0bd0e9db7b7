import { buildApp } from './app';
import { loadConfig } from './config';
import { createDb } from './db/db';
import { migrateToLatest } from './db/migrate';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './features/demo/demo-data';
import { seedDemo } from './features/demo/demo.service';
import { removeOrphanImportFolders } from './features/registry/import.service';
import { startReminderTimer } from './features/notifications/reminders';
import { ensurePlatformCatalogue } from './features/supports/platforms.service';
import { systemActor } from './lib/system-actor';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const db = createDb(config.database);
  const applied = await migrateToLatest(db);
  await ensurePlatformCatalogue(db);
  const app = await buildApp(config, db);
  if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
  // Imports' temporary folders (personal data) left by a server that was killed.
  const orphans = await removeOrphanImportFolders();
  if (orphans > 0) app.log.info({ folders: orphans }, 'old import folders removed');
  if (config.demo) {
    const seed = await seedDemo(db, systemActor('demo-seed'));
    if (seed.seeded) app.log.info({ units: seed.units }, 'demo district seeded');
  }
  await app.listen({ port: config.port, host: config.host });
  // Reminders of due and overdue things, a few seconds after start and then every 15 minutes.
  const stopReminders = startReminderTimer(db, app.log);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  const lines = [
    '',
    `  Tổ Số is running at ${url}  (database: ${config.database.dialect}, ready in ${Date.now() - started} ms)`,
  ];
  if (config.demo) {
    lines.push(`  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(12)} ${a.role}`);
  }
  lines.push('');
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    stopReminders();
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Tổ Số could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
