import { platformIndicators } from '@toso/domain/campaigns';
import type {
  DashboardChildRow,
  DashboardDto,
  PhaseDto,
  RankingDto,
  RankingRow,
} from '@toso/domain/dashboard';
import {
  DEFAULT_WEIGHTS,
  evaluationScore,
  kpiProgress,
  rankByScore,
  targetCompletion,
  type EvaluationWeights,
} from '@toso/domain/evaluation';
import { addMonth, behindReasons, KPI_DEADLINE, KPI_GOAL, projectKpi } from '@toso/domain/kpi';
import type { Outcome } from '@toso/domain/platforms';
import type { Db, Executor } from '../../db/db';
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Database, UnitsTable } from '../../db/schema';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import { inScope, startsWith } from '../../lib/sql';
import { trainedMembersCount } from '../trainings/training-coverage.service';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { progressOf } from '../supports/supports.service';
import { listCampaigns } from '../targets/targets.service';
import { reportingByChild, reportingPeriodOn, submittedOnTime } from '../reports/report-rates';
import { getUnitInScope } from '../units/units.service';
import { coverageCountsOf } from './coverage-counts';
import { kpiRates, windowKpis } from './kpi-counts';

type Unit = Pick<UnitsTable, 'id' | 'name' | 'level' | 'path' | 'parent_id'>;
type Fraction = { count: number; total: number };

// ---------------------------------------------------------------------------------------------
// Figures that other features provide: trainings and periodic reports.

/**
 * Members of the teams under a unit trained (any topic) by `date`, over the members active then
 * (from the trainings feature, counted by the database). The caller has checked the unit against
 * the user's scope.
 */
export async function trainedMembersFigure(
  db: Executor,
  unitPath: string,
  date: string = todayInVietnam(),
): Promise<Fraction | null> {
  const f = await trainedMembersCount(db, unitPath, date);
  return { count: f.trainedMembers, total: f.activeMembers };
}

/**
 * The share (0–1) of each unit's monthly reports, due by `date`, that it first submitted on or
 * before their due date (from the periodic reports). The months counted run from the first month
 * anyone in its commune reported, in the year of `date`; a month without a report counts as late.
 * Null for a unit with no report due yet (the score then leaves the component out). Two grouped
 * reads whatever the number of units: the months of each commune (grouped by the commune's path,
 * the first characters of its hamlets' paths), and each unit's reports on time.
 */
export async function reportingTimeliness(
  db: Executor,
  rootPath: string,
  units: readonly { id: string; path: string; level: string }[],
  date: string,
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>(units.map((u) => [u.id, null]));
  const counted = units.filter((u) => u.level === 'hamlet' || u.level === 'commune');
  if (counted.length === 0) return out;
  const parentOf = (path: string) => `${path.split('/').filter(Boolean).slice(0, -1).join('/')}/`;
  const communeOf = (u: { path: string; level: string }) =>
    u.level === 'hamlet' ? `/${parentOf(u.path)}` : u.path;
  // A hamlet's months are its commune's: read from the communes even when the root is below.
  const communes = [...new Set(counted.map(communeOf))];
  const due = (eb: ExpressionBuilder<Database, 'reports'>) =>
    eb.and([
      eb('period_key', '>=', `${date.slice(0, 4)}-01`),
      eb('period_key', 'not like', 'req:%'),
      eb('amends_id', 'is', null),
      eb('due_on', '<=', date),
    ]);
  const monthsOf = new Map<string, number>();
  for (const width of new Set(communes.map((c) => c.length))) {
    const commune = sql<string>`substr(reports.unit_path, 1, ${sql.lit(width)})`;
    const rows = await db
      .selectFrom('reports')
      .select(commune.as('commune'))
      .select(sql<number>`count(distinct reports.period_key)`.as('n'))
      .where((eb) =>
        eb.or(
          // The root's subtree, or the commune itself when the root is one of its hamlets.
          (rootPath.length <= width ? [rootPath] : communes.filter((c) => c.length === width)).map(
            (path) => startsWith('reports.unit_path', path),
          ),
        ),
      )
      .where(due)
      .groupBy(commune)
      .execute();
    for (const r of rows) monthsOf.set(r.commune, Number(r.n));
  }
  // On time: submitted before midnight (Vietnam, UTC+7) at the end of the report's due date.
  const onTime = new Map<string, number>();
  const ids = counted.map((u) => u.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('reports')
      .select('unit_id')
      .select(sql<number>`count(distinct reports.period_key)`.as('n'))
      .where('unit_id', 'in', ids.slice(i, i + 500))
      .where(due)
      .where(submittedOnTime)
      .groupBy('unit_id')
      .execute();
    for (const r of rows) onTime.set(r.unit_id, Number(r.n));
  }
  for (const u of counted) {
    const months = monthsOf.get(communeOf(u)) ?? 0;
    if (months > 0) out.set(u.id, (onTime.get(u.id) ?? 0) / months);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

type IndicatorCell = DashboardDto['indicators'][number];

async function rootUnit(db: Db, actor: Actor): Promise<string> {
  if (actor.scope.unitId) return actor.scope.unitId;
  const root = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', 'is', null)
    .where(inScope(actor.scope, 'units.path'))
    .orderBy('code')
    .executeTakeFirst();
  if (!root) throw notFound('Chưa có đơn vị hành chính nào');
  return root.id;
}

async function childrenOf(db: Executor, unit: Unit, date: string): Promise<Unit[]> {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'level', 'path', 'parent_id'])
    .where('parent_id', '=', unit.id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('code')
    .orderBy('name_folded')
    .execute();
}

/** The campaign that applies to a unit on a date: running then, else the latest before it. */
async function campaignFor(db: Db, actor: Actor, unit: Unit, date?: string) {
  const all = (await listCampaigns(db, actor)).filter((c) => unit.path.includes(`/${c.unitId}/`));
  const on = date ?? todayInVietnam();
  return (
    all.find((c) => c.startsOn <= on && on <= c.endsOn) ??
    all.filter((c) => c.startsOn <= on).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ??
    all[0] ??
    null
  );
}

/**
 * The reference date: the one asked, else today while a campaign runs, else the last day of the
 * latest campaign (so a finished pilot is shown as it ended, not flat a year later).
 */
function referenceDate(asked: string | undefined, campaign: { endsOn: string } | null) {
  if (asked) return asked;
  const today = todayInVietnam();
  return campaign && campaign.endsOn < today ? campaign.endsOn : today;
}

async function targetsAndReached(
  db: Db,
  campaign: Awaited<ReturnType<typeof campaignFor>>,
  unitIds: string[],
  date: string,
) {
  if (!campaign) return { cellsOf: (_u: string): IndicatorCell[] => [] };
  const indicators = platformIndicators(campaign.indicators);
  const indicatorIds = indicators.map((i) => i.id);
  const targets =
    indicatorIds.length === 0 || unitIds.length === 0
      ? []
      : await db
          .selectFrom('targets')
          .select(['indicator_id', 'unit_id', 'value'])
          .where('indicator_id', 'in', indicatorIds)
          .where('unit_id', 'in', unitIds)
          .execute();
  const to = date < campaign.endsOn ? date : campaign.endsOn;
  // Only the indicators' platforms and outcomes: a province's ranking reads 180 communes.
  const counts = await progressOf(db, unitIds, campaign.startsOn, to, indicators);
  // Looked up by key: a province's ranking has 180 communes × 30 indicators against thousands of
  // rows, which a linear search per cell made the slowest part of the request.
  const targetByKey = new Map(targets.map((t) => [`${t.indicator_id}|${t.unit_id}`, t.value]));
  const countByKey = new Map(
    counts.map((c) => [`${c.unit_id}|${c.platform_id}|${c.outcome}`, Number(c.count ?? 0)]),
  );
  const targetOf = (i: string, u: string) => targetByKey.get(`${i}|${u}`) ?? null;
  const reachedOf = (platformId: string, outcome: string, u: string) =>
    countByKey.get(`${u}|${platformId}|${outcome}`) ?? 0;
  const cellsOf = (u: string): IndicatorCell[] =>
    indicators.map((i) => ({
      indicatorId: i.id,
      platformId: i.platformId,
      platformName: i.platformName ?? '',
      outcome: i.outcome as Outcome,
      target: targetOf(i.id, u),
      reached: reachedOf(i.platformId, i.outcome, u),
    }));
  return { cellsOf };
}

/**
 * Coverage of a unit and of each of its children: the kept counts (`unit_coverage_counts`, one row
 * per unit) and the hamlets existing on the date counted by the database per child (a child's path
 * is the first characters of its hamlets' paths), in a few reads whatever the size of the units.
 */
async function coverageOf(db: Db, units: Unit[], root: Unit, date: string) {
  const hamletsOf = new Map<string, number>(units.map((u) => [u.id, 0]));
  const children = units.filter((u) => u.id !== root.id);
  const hamlets = (prefix: RawBuilder<string>) =>
    db
      .selectFrom('units')
      .select(prefix.as('child'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(startsWith('units.path', root.path))
      .where('level', '=', 'hamlet')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
      .groupBy(prefix)
      .execute();
  // Every hamlet under the root once per read: the root's total is the sum of any read.
  const widths = [...new Set(children.map((c) => c.path.length))];
  for (const width of widths.length > 0 ? widths : [root.path.length]) {
    const byPath = new Map(
      (await hamlets(sql<string>`substr(units.path, 1, ${sql.lit(width)})`)).map((r) => [
        r.child,
        Number(r.n),
      ]),
    );
    for (const c of children)
      if (c.path.length === width) hamletsOf.set(c.id, byPath.get(c.path) ?? 0);
    hamletsOf.set(
      root.id,
      [...byPath.values()].reduce((a, b) => a + b, 0),
    );
  }
  const kept = await coverageCountsOf(
    db,
    units.map((u) => u.id),
  );
  return new Map(
    units.map((u) => {
      const c = kept.get(u.id)!;
      return [
        u.id,
        {
          hamletsWithTeam: { count: c.hamletsWithTeam, total: hamletsOf.get(u.id) ?? 0 },
          householdsInChat: {
            count: Math.min(c.households, c.householdsJoined),
            total: c.households,
          },
        },
      ] as const;
    }),
  );
}

/** KPI, trend and projection of several units from the kept changes (one grouped read in all). */
async function kpisOf(db: Db, unitIds: string[], date: string, from: string) {
  const kpis = await windowKpis(db, unitIds, from, date.slice(0, 7));
  return new Map(
    unitIds.map((id) => {
      const { kpi, trend } = kpis.get(id)!;
      return [id, { kpi, trend, projection: projectKpi(trend) }] as const;
    }),
  );
}

/** The share of the campaign elapsed on a date, in [0, 1]. */
function elapsed(campaign: { startsOn: string; endsOn: string } | null, date: string) {
  if (!campaign) return null;
  const a = Date.parse(campaign.startsOn);
  const b = Date.parse(campaign.endsOn);
  const d = Date.parse(date);
  return b <= a ? 1 : Math.min(1, Math.max(0, (d - a) / (b - a)));
}

async function trailOf(db: Db, actor: Actor, unit: Unit) {
  const ids = unit.path.split('/').filter(Boolean);
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('id', 'in', ids)
    .where(inScope(actor.scope, 'units.path'))
    .execute();
  return ids
    .map((id) => rows.find((r) => r.id === id))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({ id: r.id, name: r.name }));
}

export async function getDashboard(
  db: Db,
  actor: Actor,
  q: { unitId?: string; date?: string },
): Promise<DashboardDto> {
  const unit = await getUnitInScope(db, actor.scope, q.unitId ?? (await rootUnit(db, actor)));
  const campaign = await campaignFor(db, actor, unit, q.date);
  const date = referenceDate(q.date, campaign);
  const children = unit.level === 'hamlet' ? [] : await childrenOf(db, unit, date);
  const month = date.slice(0, 7);
  const start = campaign ? campaign.startsOn.slice(0, 7) : addMonth(month, -11);
  const from = start < month && start >= addMonth(month, -23) ? start : addMonth(month, -11);
  const ids = [unit.id, ...children.map((c) => c.id)];
  const kpis = await kpisOf(db, ids, date, from);
  const { cellsOf } = await targetsAndReached(db, campaign, ids, date);
  const share = elapsed(campaign, date);
  const own = kpis.get(unit.id)!;
  const ownCompletion = targetCompletion(cellsOf(unit.id));
  const coverage = await coverageOf(db, [unit, ...children], unit, date);
  const reporting = await reportingByChild(db, unit.path, children, reportingPeriodOn(date));
  const childRows: DashboardChildRow[] = [];
  for (const c of children) {
    const k = kpis.get(c.id)!;
    const completion = targetCompletion(cellsOf(c.id));
    const reasons = behindReasons(
      { rate: k.kpi.rate, projection: k.projection, completion },
      { rate: own.kpi.rate, projection: own.projection, completion: ownCompletion },
      share,
    );
    childRows.push({
      unitId: c.id,
      unitName: c.name,
      level: c.level,
      kpi: k.kpi,
      projection: k.projection,
      targetCompletion: completion,
      ...coverage.get(c.id)!,
      behind: reasons.length > 0,
      behindReasons: reasons,
      reporting: reporting.get(c.id)!,
    });
  }
  const phases = campaign ? await phasesOf(db, campaign.id) : [];
  const trained = await trainedMembersFigure(db, unit.path, date);
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    trail: await trailOf(db, actor, unit),
    date,
    goal: KPI_GOAL,
    deadline: KPI_DEADLINE,
    kpi: own.kpi,
    trend: own.trend,
    projection: own.projection,
    campaign: campaign
      ? {
          id: campaign.id,
          name: campaign.name,
          startsOn: campaign.startsOn,
          endsOn: campaign.endsOn,
        }
      : null,
    indicators: cellsOf(unit.id),
    targetCompletion: ownCompletion,
    coverage: { ...coverage.get(unit.id)!, membersTrained: trained },
    children: childRows,
    phases,
  };
}

// --- Campaign phases ---------------------------------------------------------------------------

async function phasesOf(db: Executor, campaignId: string): Promise<PhaseDto[]> {
  const rows = await db
    .selectFrom('campaign_phases')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .orderBy('sort')
    .execute();
  return rows.map((p) => ({ id: p.id, name: p.name, startsOn: p.starts_on, endsOn: p.ends_on }));
}

async function campaignInReach(db: Db, actor: Actor, id: string) {
  const c = (await listCampaigns(db, actor)).find((x) => x.id === id);
  if (!c) throw notFound('Không tìm thấy đợt triển khai');
  return c;
}

export async function listPhases(db: Db, actor: Actor, campaignId: string) {
  await campaignInReach(db, actor, campaignId);
  return phasesOf(db, campaignId);
}

/** Replaces a campaign's phases (the district office edits the timeline of its own campaign). */
export async function setPhases(
  db: Db,
  actor: Actor,
  campaignId: string,
  phases: { name: string; startsOn: string; endsOn: string }[],
): Promise<PhaseDto[]> {
  const c = await campaignInReach(db, actor, campaignId);
  const row = await db
    .selectFrom('campaigns')
    .select('unit_path')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  if (!actor.scope.contains(row.unit_path))
    throw new AppError('forbidden', 'Chỉ cấp đã lập đợt triển khai mới sửa được các giai đoạn');
  phases.forEach((p, i) => {
    if (p.startsOn < c.startsOn || p.endsOn > c.endsOn)
      throw invalid(
        `body.phases.${i}.startsOn`,
        `Giai đoạn phải nằm trong đợt triển khai (${c.startsOn} – ${c.endsOn})`,
      );
  });
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    const before = await phasesOf(tx, campaignId);
    await tx.deleteFrom('campaign_phases').where('campaign_id', '=', campaignId).execute();
    if (phases.length > 0)
      await tx
        .insertInto('campaign_phases')
        .values(
          phases.map((p, i) => ({
            id: newId(),
            campaign_id: campaignId,
            name: p.name,
            starts_on: p.startsOn,
            ends_on: p.endsOn,
            sort: i,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    await recordAudit(tx, actor, {
      entity: 'campaign',
      entityId: campaignId,
      action: 'set_phases',
      unitPath: row.unit_path,
      summary: { before: { phases: before.length }, after: { phases: phases.length } },
    });
  });
  return phasesOf(db, campaignId);
}

// --- Evaluation weights and ranking -------------------------------------------------------------

/** The weights that apply to a unit: those of the nearest unit above it (or itself) that set any. */
async function weightsFor(db: Executor, unit: Unit) {
  const ids = unit.path.split('/').filter(Boolean);
  const rows = await db
    .selectFrom('evaluation_weights')
    .innerJoin('units', 'units.id', 'evaluation_weights.unit_id')
    .select(['evaluation_weights.unit_id', 'units.name', 'targets', 'timeliness', 'kpi'])
    .where('evaluation_weights.unit_id', 'in', ids)
    .execute();
  const nearest = ids
    .slice()
    .reverse()
    .map((id) => rows.find((r) => r.unit_id === id))
    .find((r) => !!r);
  if (nearest)
    return {
      unitId: nearest.unit_id,
      unitName: nearest.name,
      targets: nearest.targets,
      timeliness: nearest.timeliness,
      kpi: nearest.kpi,
      isDefault: false,
    };
  return { unitId: unit.id, unitName: unit.name, ...DEFAULT_WEIGHTS, isDefault: true };
}

export async function getWeights(db: Db, actor: Actor, unitId?: string) {
  const unit = await getUnitInScope(db, actor.scope, unitId ?? (await rootUnit(db, actor)));
  return weightsFor(db, unit);
}

/** Sets a district's (or province's) weights; they must sum to 100 (checked by the schema). */
export async function setWeights(
  db: Db,
  actor: Actor,
  unitId: string | undefined,
  w: EvaluationWeights,
) {
  const unit = await getUnitInScope(db, actor.scope, unitId ?? (await rootUnit(db, actor)));
  if (unit.level !== 'district' && unit.level !== 'province')
    throw invalid('query.unitId', 'Trọng số do huyện (hoặc tỉnh) đặt');
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    const before = await weightsFor(tx, unit);
    await tx
      .insertInto('evaluation_weights')
      .values({
        unit_id: unit.id,
        unit_path: unit.path,
        ...w,
        updated_at: now,
        updated_by: actor.userId,
      })
      .onConflict((oc) =>
        oc.column('unit_id').doUpdateSet({ ...w, updated_at: now, updated_by: actor.userId }),
      )
      .execute();
    await recordAudit(tx, actor, {
      entity: 'evaluation_weights',
      entityId: unit.id,
      action: 'update',
      unitPath: unit.path,
      summary: {
        before: { targets: before.targets, timeliness: before.timeliness, kpi: before.kpi },
        after: w,
      },
    });
  });
  return weightsFor(db, unit);
}

/**
 * The ranking of the communes under a unit (or of the teams, by their hamlet): target completion,
 * reporting timeliness and KPI progress, weighted by the district's weights.
 */
export async function getRanking(
  db: Db,
  actor: Actor,
  q: { unitId?: string; date?: string; level: 'commune' | 'team' },
): Promise<RankingDto> {
  const unit = await getUnitInScope(db, actor.scope, q.unitId ?? (await rootUnit(db, actor)));
  const campaign = await campaignFor(db, actor, unit, q.date);
  const date = referenceDate(q.date, campaign);
  const weights = await weightsFor(db, unit);
  let subjects: { unit: Unit; teamId: string | null; name: string; parentName: string | null }[];
  if (q.level === 'commune') {
    const communes = await db
      .selectFrom('units')
      .select(['id', 'name', 'level', 'path', 'parent_id'])
      .where(startsWith('units.path', unit.path))
      .where('level', '=', 'commune')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
      .orderBy('name_folded')
      .execute();
    subjects = communes.map((c) => ({ unit: c, teamId: null, name: c.name, parentName: null }));
  } else {
    const teams = await db
      .selectFrom('teams')
      .innerJoin('units as h', 'h.id', 'teams.hamlet_id')
      .leftJoin('units as c', 'c.id', 'h.parent_id')
      .select([
        'teams.id as team_id',
        'teams.name as team_name',
        'h.id',
        'h.name',
        'h.level',
        'h.path',
        'h.parent_id',
        'c.name as commune_name',
      ])
      .where(startsWith('teams.unit_path', unit.path))
      .where('teams.status', '=', 'established')
      .orderBy('teams.name_folded')
      .execute();
    subjects = teams.map((t) => ({
      unit: { id: t.id, name: t.name, level: t.level, path: t.path, parent_id: t.parent_id },
      teamId: t.team_id,
      name: t.team_name,
      parentName: t.commune_name,
    }));
  }
  const ids = [...new Set(subjects.map((s) => s.unit.id))];
  const rates = await kpiRates(db, ids, date);
  const { cellsOf } = await targetsAndReached(db, campaign, ids, date);
  const timelinessOf = await reportingTimeliness(
    db,
    unit.path,
    subjects.map((s) => s.unit),
    date,
  );
  let timelinessMissing = false;
  const rows: (Omit<RankingRow, 'rank'> & { score: number | null })[] = [];
  for (const s of subjects) {
    const timeliness = timelinessOf.get(s.unit.id) ?? null;
    if (timeliness === null) timelinessMissing = true;
    const components = {
      targets: targetCompletion(cellsOf(s.unit.id)),
      timeliness,
      kpi: kpiProgress(rates.get(s.unit.id) ?? null, KPI_GOAL),
    };
    const score = evaluationScore(components, weights);
    rows.push({
      unitId: s.unit.id,
      unitName: s.name,
      parentName: s.parentName,
      teamId: s.teamId,
      components,
      applied: score.applied,
      score: score.score,
      renormalised: score.renormalised,
    });
  }
  return {
    unit: { id: unit.id, name: unit.name },
    date,
    level: q.level,
    weights,
    timelinessMissing,
    rows: rankByScore(rows),
  };
}

export { childrenOf, campaignFor, referenceDate };
