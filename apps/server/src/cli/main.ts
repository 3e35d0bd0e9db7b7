import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@toso/domain/roles';
import { createUserBody } from '@toso/domain/users';
import { loadConfig } from '../config';
import { createDb, type Db } from '../db/db';
import { migrateToLatest } from '../db/migrate';
import { seedDemo } from '../features/demo/demo.service';
import { generateProvince, PROVINCE_SCALE_DEFAULTS } from '../features/demo/province-scale';
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
  generate-province [--scale 1] [--districts 9] [--communes 180] [--hamlets 2000]
              [--households 350000] [--residents 1300000] [--supports 5000000]
              [--year 2023] [--password P]
                                   fill an EMPTY database with a province-scale dataset for
                                   benchmarks and demos (--scale 0.1 for a tenth of it)

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
      scale: { type: 'string' },
      districts: { type: 'string' },
      communes: { type: 'string' },
      hamlets: { type: 'string' },
      households: { type: 'string' },
      residents: { type: 'string' },
      supports: { type: 'string' },
      year: { type: 'string' },
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
        `${r.dryRun ? 'Dry run: ' : ''}${r.total} rows: ${r.created} created, ${r.updated} updated (${r.moved} moved with their records), ${r.unchanged} unchanged.\n`,
      );
    } else if (command === 'generate-province') {
      const r = await generateProvince(db, provinceOptions(values), progressBar());
      process.stderr.write('\n');
      process.stdout.write(
        `Generated in ${r.seconds.toFixed(1)} s: ${r.units.toLocaleString('en')} units, ` +
          `${r.teams.toLocaleString('en')} teams, ${r.households.toLocaleString('en')} households, ` +
          `${r.residents.toLocaleString('en')} residents, ${r.supports.toLocaleString('en')} support records.\n` +
          `Accounts (password ${values.password ?? PROVINCE_SCALE_DEFAULTS.password}): ` +
          `${r.accounts.map((a) => `${a.username} (${a.role}, ${a.unit})`).join('; ')}\n`,
      );
    } else {
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
    }
  } finally {
    await db.destroy();
  }
}

function provinceOptions(values: Record<string, string | boolean | undefined>) {
  const num = (name: string): number | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  const scale = num('scale') ?? 1;
  const d = PROVINCE_SCALE_DEFAULTS;
  const scaled = (name: keyof typeof d & string, min: number) =>
    Math.max(min, Math.round(num(name) ?? (d[name] as number) * scale));
  return {
    districts: Math.round(num('districts') ?? d.districts),
    communes: scaled('communes', 1),
    hamlets: scaled('hamlets', 1),
    households: scaled('households', 1),
    residents: scaled('residents', 1),
    supports: scaled('supports', 0),
    year: Math.round(num('year') ?? d.year),
    password: typeof values.password === 'string' ? values.password : d.password,
  };
}

/** A one-line progress bar on stderr: phase, bar, count and elapsed time. */
function progressBar() {
  const started = Date.now();
  return (phase: string, done: number, total: number) => {
    const share = total > 0 ? done / total : 1;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${phase} ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${secs} s   `,
    );
  };
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
