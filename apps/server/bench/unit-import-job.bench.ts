/**
 * The 2025 reform of one district through the unit list import, as the web page's job runs it
 * (`checkUnitList` + `applyUnitList` with a progress object): every commune of the district with the
 * most households moved directly under the province, committed. Every half second it prints the
 * progress a poll would see and how late the timer fired (the event loop's delay: on SQLite each
 * statement runs in this thread, so a poll waits that long). WRITES: run it on a COPY of a kept
 * dataset only, and throw the copy away after (a second run finds nothing left to move).
 *
 *   npx tsx apps/server/bench/unit-import-job.bench.ts --sqlite /tmp/<copy>.db
 *   npx tsx apps/server/bench/unit-import-job.bench.ts --pg postgres://postgres@127.0.0.1:55433/<copy>
 */
import { argv, cpuUsage } from 'node:process';
import { UNIT_KIND_LABELS, type UnitKind } from '@toso/domain/units';
import type { DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/db';
import { systemActor } from '../src/lib/system-actor';
import { readTable } from '../src/lib/tabular';
import {
  applyUnitList,
  checkUnitList,
  newUnitImportProgress,
} from '../src/features/units/units-import.service';

let database: DatabaseConfig | undefined;
for (let i = 2; i < argv.length; i++) {
  if (argv[i] === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] as string };
  else if (argv[i] === '--pg') database = { dialect: 'postgres', url: argv[++i] as string };
}
if (!database) throw new Error('--sqlite FILE or --pg URL (of a copy: this bench commits)');
const db = createDb(database);

const district = await db
  .selectFrom('units')
  .innerJoin('unit_coverage_counts as c', 'c.unit_id', 'units.id')
  .select(['units.id', 'units.name', 'units.parent_id', 'c.households'])
  .where('units.level', '=', 'district')
  .where('units.valid_to', 'is', null)
  .orderBy('c.households', 'desc')
  .limit(1)
  .executeTakeFirstOrThrow();
// The generated province's codes are not GSO codes ("P19-8-20"), which the import refuses: on the
// copy, the province and the district's communes get unused codes of 2 to 5 digits first.
const gso = /^\d{2,5}$/;
const taken = new Set(
  (await db.selectFrom('units').select('code').where('code', 'is not', null).execute()).map(
    (u) => u.code,
  ),
);
let next = 90000;
const freeCode = () => {
  while (taken.has(String(next))) next += 1;
  taken.add(String(next));
  return String(next);
};
for (const u of await db
  .selectFrom('units')
  .select(['id', 'code'])
  .where((eb) =>
    eb.or([eb('id', '=', district.parent_id ?? ''), eb('parent_id', '=', district.id)]),
  )
  .execute())
  if (!gso.test(u.code ?? ''))
    await db.updateTable('units').set({ code: freeCode() }).where('id', '=', u.id).execute();
const province = await db
  .selectFrom('units')
  .select(['code'])
  .where('id', '=', district.parent_id ?? '')
  .executeTakeFirstOrThrow();
const communes = await db
  .selectFrom('units')
  .select(['code', 'name', 'kind'])
  .where('parent_id', '=', district.id)
  .where('valid_to', 'is', null)
  .execute();
console.log(
  `reform list: the ${communes.length} communes of ${district.name} (${district.households} households) under the province ${province.code}`,
);
const csv = [
  'Mã,Tên,Loại,Mã cấp trên',
  ...communes.map(
    (c) => `${c.code},${c.name},${UNIT_KIND_LABELS[c.kind as UnitKind]},${province.code}`,
  ),
].join('\n');

const actor = systemActor('bench:unit-import-job');
const list = await checkUnitList(db, actor, await readTable(Buffer.from(csv, 'utf8')));
const progress = newUnitImportProgress(list.rows.length);
const t0 = performance.now();
const cpu0 = cpuUsage();
let maxLag = 0;
let expected = t0 + 500;
const timer = setInterval(() => {
  const now = performance.now();
  maxLag = Math.max(maxLag, now - expected);
  const p = progress;
  console.log(
    `${((now - t0) / 1000).toFixed(1)} s  ${p.phase}  moved ${p.moved}/${p.moves}  steps ${p.stepsDone}/${p.stepsTotal}  rows ${p.rowsRewritten}  timer late ${Math.round(now - expected)} ms`,
  );
  expected = now + 500;
}, 500);
const result = await applyUnitList(db, actor, list, {}, progress);
clearInterval(timer);
const cpu = cpuUsage(cpu0);
console.log({
  dialect: database.dialect,
  result,
  seconds: (performance.now() - t0) / 1000,
  rowsRewritten: progress.rowsRewritten,
  stepsDone: progress.stepsDone,
  stepsTotal: progress.stepsTotal,
  maxTimerLateMs: Math.round(maxLag),
  nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
});
await db.destroy();
