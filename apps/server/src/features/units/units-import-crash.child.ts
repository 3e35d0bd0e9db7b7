import { readFileSync } from 'node:fs';
import { createDb } from '../../db/db';
import { systemActor } from '../../lib/system-actor';
import { readTable } from '../../lib/tabular';
import { importUnits, newUnitImportProgress } from './units-import.service';

// Run by units-import-crash.test.ts in a process of its own: imports a unit list and, once
// `killAfter` units have moved (midway through the import's transaction), kills its own process
// with SIGKILL, as a crash or a power cut of the server would stop it. Prints "committed" if the
// import returned (it was not killed).
const [dialect, target, listFile, killAfter] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const db = createDb(
  dialect === 'postgres'
    ? { dialect: 'postgres', url: target }
    : { dialect: 'sqlite', file: target },
);
const progress = new Proxy(newUnitImportProgress(0), {
  set(state, key, value) {
    Reflect.set(state, key, value);
    if (key === 'moved' && (value as number) >= Number(killAfter))
      process.kill(process.pid, 'SIGKILL');
    return true;
  },
});
const table = await readTable(readFileSync(listFile));
await importUnits(db, systemActor('crash-test'), table, {}, progress);
process.stdout.write('committed\n');
await db.destroy();
