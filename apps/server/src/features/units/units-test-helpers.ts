import type { Db } from '../../db/db';
import { buildUnit, type buildWorld } from '../../../test/factories';
import { UNIT_PATH_TABLES } from './unit-moves';

// Shared by the unit import tests (moves, jobs, crash).

/** A second district of the test world's province (Huyện Đồng Hỷ, code 169): where communes move. */
export function buildSecondDistrict(db: Db, world: Awaited<ReturnType<typeof buildWorld>>) {
  return buildUnit(db, world.province, {
    level: 'district',
    kind: 'huyen',
    code: '169',
    name: 'Huyện Đồng Hỷ',
  });
}

/**
 * Every unit's parent and path, every record's unit_path by table, and the audit entries' number:
 * equal before and after, nothing was written.
 */
export async function pathsState(db: Db) {
  const units = await db.selectFrom('units').select(['id', 'parent_id', 'path']).execute();
  const out: Record<string, string[]> = {
    units: units.map((u) => `${u.id} ${u.parent_id} ${u.path}`).sort(),
  };
  for (const table of UNIT_PATH_TABLES)
    out[table] = (await db.selectFrom(table).select('unit_path').execute())
      .map((r) => r.unit_path)
      .sort();
  const audit = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  out.audit = [String(audit.n)];
  return out;
}

/** The summary (`after`) of the latest unit import's audit entry. */
export async function lastUnitImportAudit(db: Db): Promise<Record<string, unknown>> {
  const audit = await db
    .selectFrom('audit_log')
    .select('summary')
    .where('entity', '=', 'unit')
    .where('action', '=', 'import')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  return (JSON.parse(audit.summary) as { after: Record<string, unknown> }).after;
}
