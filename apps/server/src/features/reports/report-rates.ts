// Reporting figures for other features (the dashboard's table per child unit).
import { monthPeriod, type ChildReporting } from '@toso/domain/reports';
import { sql } from 'kysely';
import type { Executor } from '../../db/db';
import { VIETNAM_DAY_ENDS_UTC } from '../../lib/ids';
import { startsWith } from '../../lib/sql';

/**
 * A report first submitted before midnight in Vietnam at the end of its due date. Dates are
 * YYYY-MM-DD and instants ISO UTC text, so the comparison is on text, on both databases.
 */
export const submittedOnTime = sql<boolean>`reports.first_submitted_at < reports.due_on || ${sql.lit(VIETNAM_DAY_ENDS_UTC)}`;

/** The month whose reports a view dated `date` shows: the last month ended by that date. */
export function reportingPeriodOn(date: string): string {
  const month = date.slice(0, 7);
  if (monthPeriod(month).to === date) return month;
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * For each child unit (all at one level below `parentPath`), its hamlets expected to report for
 * the month (a current hamlet with an established team by the month's end), and how many of them
 * sent a report, sent it by its due date, and have it approved: one query grouped by the child's
 * path prefix (a child's path is the first characters of its hamlets' paths).
 * On time compares the first submission's Vietnam date with the report's own due date.
 */
export async function reportingByChild(
  db: Executor,
  parentPath: string,
  children: readonly { id: string; path: string }[],
  key: string,
): Promise<Map<string, ChildReporting>> {
  const out = new Map<string, ChildReporting>();
  const period = monthPeriod(key);
  const byPrefix = new Map(children.map((c) => [c.path, c.id]));
  for (const c of children)
    out.set(c.id, { periodKey: key, expected: 0, submitted: 0, onTime: 0, approved: 0 });
  // One query per path length (one in practice: every id is a UUID).
  for (const width of new Set(children.map((c) => c.path.length)))
    await readWidth(db, parentPath, width, key, period, byPrefix, out);
  return out;
}

async function readWidth(
  db: Executor,
  parentPath: string,
  width: number,
  key: string,
  period: { from: string; to: string },
  byPrefix: Map<string, string>,
  out: Map<string, ChildReporting>,
) {
  const prefix = sql<string>`substr(units.path, 1, ${sql.lit(width)})`;
  const rows = await db
    .selectFrom('units')
    .innerJoin('teams', (j) =>
      j
        .onRef('teams.hamlet_id', '=', 'units.id')
        .on('teams.established_on', 'is not', null)
        .on('teams.established_on', '<=', period.to)
        .on((eb) =>
          eb.or([eb('teams.dissolved_on', 'is', null), eb('teams.dissolved_on', '>', period.to)]),
        ),
    )
    .leftJoin('reports', (j) =>
      j.onRef('reports.unit_id', '=', 'units.id').on('reports.period_key', '=', key),
    )
    .select(prefix.as('child'))
    .select(sql<number>`count(distinct units.id)`.as('expected'))
    .select(
      sql<number>`count(distinct case when reports.first_submitted_at is not null then units.id end)`.as(
        'submitted',
      ),
    )
    .select(
      sql<number>`count(distinct case when ${submittedOnTime} then units.id end)`.as('on_time'),
    )
    .select(
      sql<number>`count(distinct case when reports.status = 'approved' then units.id end)`.as(
        'approved',
      ),
    )
    .where('units.level', '=', 'hamlet')
    .where(startsWith('units.path', parentPath))
    .where('units.valid_from', '<=', period.from)
    .where((eb) =>
      eb.or([eb('units.valid_to', 'is', null), eb('units.valid_to', '>', period.from)]),
    )
    .groupBy(prefix)
    .execute();
  for (const r of rows) {
    const id = byPrefix.get(r.child);
    if (!id) continue;
    out.set(id, {
      periodKey: key,
      expected: Number(r.expected),
      submitted: Number(r.submitted),
      onTime: Number(r.on_time),
      approved: Number(r.approved),
    });
  }
}
