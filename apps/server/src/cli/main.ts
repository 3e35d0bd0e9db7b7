import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@toso/domain/roles';
import { createUserBody } from '@toso/domain/users';
import { loadConfig } from '../config';
import { createDb, type Db } from '../db/db';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../features/demo/demo.service';
import { ensurePlatformCatalogue } from '../features/supports/platforms.service';
import { findActiveByCode, findUnitById } from '../features/units/units.repository';
import { importUnits } from '../features/units/units-import.service';
import { createUser } from '../features/users/users.service';
import { AppError } from '../lib/app-error';
import { todayInVietnam } from '../lib/ids';
import { systemActor } from '../lib/system-actor';
import { readTable } from '../lib/tabular';

const HELP = `Tổ Số command line: npm run toso -- <command> [options]

Commands:
  migrate                          bring the database schema up to date
  seed-demo                        seed the demo district into an empty database
  create-user --username U --password P --full-name "Họ Tên" --role ROLE
              [--unit-code CODE | --unit-id ID] [--locale vi|en]
                                   roles: ${ROLES.join(', ')}
  import-units --file PATH [--snapshot 2022-10-01] [--list units_2022] [--dry-run]
                                   import an official unit list (CSV, XLSX or JSON)

The database is DATABASE_URL (default file:./data/toso.db).`;

async function resolveUnitId(db: Db, code?: string, id?: string): Promise<string | null> {
  if (id) {
    if (!(await findUnitById(db, id))) throw new Error(`No unit with id ${id}`);
    return id;
  }
  if (!code) return null;
  const [unit] = await findActiveByCode(db, [code], todayInVietnam());
  if (!unit) throw new Error(`No current unit with code ${code}`);
  return unit.id;
}

async function run(command: string | undefined, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'full-name': { type: 'string' },
      role: { type: 'string' },
      'unit-code': { type: 'string' },
      'unit-id': { type: 'string' },
      locale: { type: 'string' },
      file: { type: 'string' },
      snapshot: { type: 'string' },
      list: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    allowPositionals: false,
  });
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const config = loadConfig();
  const db = createDb(config.database);
  try {
    const applied = await migrateToLatest(db);
    await ensurePlatformCatalogue(db);
    if (command === 'migrate') {
      process.stdout.write(
        applied.length ? `Applied: ${applied.join(', ')}\n` : 'Schema is up to date.\n',
      );
    } else if (command === 'seed-demo') {
      const r = await seedDemo(db, systemActor('cli:seed-demo'));
      process.stdout.write(
        r.seeded
          ? `Seeded the demo district: ${r.units} units, ${r.accounts.length} accounts.\n`
          : 'The database already has units: nothing seeded.\n',
      );
    } else if (command === 'create-user') {
      const unitId = await resolveUnitId(db, values['unit-code'], values['unit-id']);
      const body = createUserBody.parse({
        username: values.username,
        password: values.password,
        fullName: values['full-name'],
        role: values.role as Role,
        unitId,
        locale: values.locale ?? 'vi',
      });
      const user = await createUser(db, systemActor('cli:create-user'), body);
      process.stdout.write(
        `Created ${user.username} (${user.role}${user.unitName ? `, ${user.unitName}` : ''}).\n`,
      );
    } else if (command === 'import-units') {
      if (!values.file) throw new Error('--file is required');
      const table = await readTable(readFileSync(values.file), { list: values.list });
      const r = await importUnits(db, systemActor('cli:import-units'), table, {
        snapshot: values.snapshot,
        list: values.list,
        dryRun: values['dry-run'] === true,
      });
      process.stdout.write(
        `${r.dryRun ? 'Dry run: ' : ''}${r.total} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.\n`,
      );
    } else {
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
    }
  } finally {
    await db.destroy();
  }
}

function describe(error: unknown): string {
  if (error instanceof AppError) {
    const lines = error.details.map(
      (d) => `  ${d.row !== undefined ? `row ${d.row}, ` : ''}${d.column ?? d.path}: ${d.message}`,
    );
    return [error.message, ...lines].join('\n');
  }
  if (error && typeof error === 'object' && 'issues' in error) {
    return (error as { issues: { path: PropertyKey[]; message: string }[] }).issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

const [command, ...rest] = process.argv.slice(2);
run(command, rest).catch((error: unknown) => {
  process.stderr.write(`${describe(error)}\n`);
  process.exit(1);
});
