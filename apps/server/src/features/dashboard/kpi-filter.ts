import { lastDayOfMonth } from '@toso/domain/kpi';
import { KPI_SKILL } from '@toso/domain/platforms';
import { workingAgeStatus } from '@toso/domain/working-age';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/db';
import type { Database } from '../../db/schema';
import { todayInVietnam } from '../../lib/ids';

export type KpiFilter = 'working_age' | 'able' | 'unknown_age';

/** Birth years of the working-age cohorts of one sex on a date (1 January rule). */
function cohortYears(sex: 'male' | 'female', date: string): [number, number] {
  const y = Number(date.slice(0, 4));
  const years: number[] = [];
  for (let b = y - 70; b <= y - 10; b += 1)
    if (workingAgeStatus({ birthYear: b, sex }, date) === 'working_age') years.push(b);
  return [years[0], years[years.length - 1]];
}

/**
 * The condition on residents behind a KPI figure of the dashboard on a date: the working-age
 * residents (the denominator), those of them able to use online public services by the end of the
 * date's month (the numerator), or those whose sex or birth year is unknown (counted apart).
 */
export async function kpiResidentFilter(
  db: Db,
  kind: KpiFilter,
  on?: string,
): Promise<(eb: ExpressionBuilder<Database, 'residents'>) => Expression<SqlBool>> {
  const date = on ?? todayInVietnam();
  if (kind === 'unknown_age')
    return (eb) => eb.or([eb('residents.sex', 'is', null), eb('residents.birth_year', 'is', null)]);
  const m = cohortYears('male', date);
  const f = cohortYears('female', date);
  const working = (eb: ExpressionBuilder<Database, 'residents'>) =>
    eb.or([
      eb.and([
        eb('residents.sex', '=', 'male'),
        eb('residents.birth_year', '>=', m[0]),
        eb('residents.birth_year', '<=', m[1]),
      ]),
      eb.and([
        eb('residents.sex', '=', 'female'),
        eb('residents.birth_year', '>=', f[0]),
        eb('residents.birth_year', '<=', f[1]),
      ]),
    ]);
  if (kind === 'working_age') return working;
  const platform = await db
    .selectFrom('platforms')
    .select('id')
    .where('code', '=', KPI_SKILL.platformCode)
    .executeTakeFirst();
  const until = lastDayOfMonth(date.slice(0, 7));
  return (eb) =>
    eb.and([
      working(eb),
      eb.exists(
        eb
          .selectFrom('support_records as s')
          .select('s.id')
          .whereRef('s.resident_id', '=', 'residents.id')
          .where('s.platform_id', '=', platform?.id ?? '')
          .where('s.outcome', '=', KPI_SKILL.outcome)
          .where('s.voided_by', 'is', null)
          .where('s.supported_on', '<=', until),
      ),
    ]);
}
