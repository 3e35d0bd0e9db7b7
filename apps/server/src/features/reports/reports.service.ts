import { hasPermission } from '@toso/domain/roles';
import {
  DEFAULT_REPORT_DUE_DAYS,
  EMPTY_SECTIONS,
  isEditable,
  monthPeriod,
  monthsBetween,
  nextStatus,
  reportDueOn,
  reportingRate,
  reportSectionsSchema,
  type ReportDto,
  type ReportFigures,
  type ReportingRatesDto,
  type ReportListDto,
  type ReportRequestBody,
  type ReportRequestDto,
  type ReportRequestPageDto,
  type ReportRowDto,
  type ReportSections,
  type ReportStatus,
} from '@toso/domain/reports';
import type { Db, Executor } from '../../db/db';
import type { ReportRequestsTable } from '../../db/schema';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import { inScope } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { findUnitById, type UnitRow } from '../units/units.repository';
import { getUnitInScope } from '../units/units.service';
import { communeFigures, liveFigures } from './report-figures';
import * as events from './report-events';
import {
  approvedByUnit,
  childUnits,
  childUnitsOf,
  difficultiesRaisedFrom,
  findReport,
  hamletsWithTeam,
  insertAction,
  insertReport,
  latestByUnit,
  listActions,
  reportsFor,
  updateReportIf,
  type ReportRow,
} from './reports.repository';
import { onPage } from '../../lib/paging';

const NOT_FOUND = 'Không tìm thấy báo cáo';
const REQUEST_KEY = 'req:';

/** The Vietnam date of an ISO instant. */
const dateOf = (iso: string) => todayInVietnam(new Date(iso));

// ---- settings ----

/** Days after a period's end by which reports are due: the nearest ancestor's setting. */
export async function dueDaysFor(db: Executor, unitPath: string): Promise<number> {
  const ids = unitPath.split('/').filter(Boolean);
  const rows = await db
    .selectFrom('report_settings')
    .select(['unit_id', 'due_days'])
    .where('unit_id', 'in', ids.concat(['']))
    .execute();
  const nearest = rows.sort((a, b) => ids.indexOf(b.unit_id) - ids.indexOf(a.unit_id))[0];
  return nearest ? Number(nearest.due_days) : DEFAULT_REPORT_DUE_DAYS;
}

export async function getReportSettings(db: Db, actor: Actor) {
  return { dueDays: await dueDaysFor(db, actor.unitPath ?? '/') };
}

export async function saveReportSettings(db: Db, actor: Actor, dueDays: number) {
  if (!actor.unitId) throw invalid('unitId', 'Tài khoản không gắn với đơn vị nào');
  const unit = await getUnitInScope(db, actor.scope, actor.unitId);
  if (unit.level !== 'district' && unit.level !== 'province')
    throw forbidden('Hạn nộp báo cáo do huyện hoặc tỉnh đặt');
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    const before = await dueDaysFor(tx, unit.path);
    await tx
      .insertInto('report_settings')
      .values({ unit_id: unit.id, due_days: dueDays, updated_at: now, updated_by: actor.userId })
      .onConflict((oc) =>
        oc
          .column('unit_id')
          .doUpdateSet({ due_days: dueDays, updated_at: now, updated_by: actor.userId }),
      )
      .execute();
    await recordAudit(tx, actor, {
      entity: 'report_settings',
      entityId: unit.id,
      action: 'update',
      unitPath: unit.path,
      summary: { before: { dueDays: before }, after: { dueDays } },
    });
  });
  return { dueDays };
}

// ---- periods ----

/** The months that can be reported: from the first campaign's start to today (or its end). */
export async function listPeriods(db: Db, actor: Actor) {
  const campaigns = await db
    .selectFrom('campaigns')
    .select(['unit_path', 'starts_on', 'ends_on'])
    .execute();
  const mine = campaigns.filter(
    (c) => actor.scope.contains(c.unit_path) || (actor.unitPath ?? '').startsWith(c.unit_path),
  );
  const today = todayInVietnam();
  const from = mine.length ? mine.map((c) => c.starts_on).sort()[0] : today;
  const lastEnd = mine.length
    ? mine
        .map((c) => c.ends_on)
        .sort()
        .at(-1)!
    : today;
  const to = lastEnd < today ? lastEnd : today;
  return monthsBetween(from, to)
    .reverse()
    .map((key) => monthPeriod(key));
}

// ---- units and access ----

async function unitOf(db: Executor, id: string): Promise<UnitRow> {
  const unit = await findUnitById(db, id);
  if (!unit) throw notFound(NOT_FOUND);
  return unit;
}

async function loadReport(db: Executor, scope: Scope, id: string): Promise<ReportRow> {
  const row = await findReport(db, id);
  if (!row || !scope.contains(row.unit_path)) throw notFound(NOT_FOUND);
  return row;
}

/** The unit's own users write its report: the team leader for a hamlet, the officer for a commune. */
function isWriter(actor: Actor, unitId: string): boolean {
  return hasPermission(actor.role, 'reports:write') && actor.unitId === unitId;
}

/** The officers of the parent unit review: the commune for a hamlet, the district for a commune. */
function isReviewer(actor: Actor, unit: UnitRow): boolean {
  return hasPermission(actor.role, 'reports:review') && actor.unitId === unit.parent_id;
}

function levelOf(unit: UnitRow): 'hamlet' | 'commune' {
  if (unit.level !== 'hamlet' && unit.level !== 'commune')
    throw invalid('body.unitId', 'Chỉ xóm (tổ) và xã lập báo cáo');
  return unit.level;
}

// ---- figures ----

/** Hamlets expected to report for a period: those with an established team by its end. */
export async function expectedHamlets(db: Executor, communeId: string, from: string, to: string) {
  const hamlets = await childUnits(db, communeId, 'hamlet', from);
  const withTeam = await hamletsWithTeam(
    db,
    hamlets.map((h) => h.id),
    to,
  );
  return { hamlets, expected: hamlets.filter((h) => withTeam.has(h.id)) };
}

/** The figures of a report as they stand now, computed from the records. */
export async function computeFigures(
  db: Executor,
  row: ReportRow,
  unit: UnitRow,
): Promise<ReportFigures> {
  if (row.level === 'hamlet' || row.request_id !== null)
    return liveFigures(db, unit, row.period_from, row.period_to);
  const { hamlets, expected } = await expectedHamlets(db, unit.id, row.period_from, row.period_to);
  const approved = approvedByUnit(
    await reportsFor(
      db,
      hamlets.map((h) => h.id),
      row.period_key,
    ),
  );
  const parts = hamlets
    .filter((h) => approved.has(h.id))
    .map((h) => ({
      unitName: h.name,
      figures: JSON.parse(approved.get(h.id)!.figures!) as ReportFigures,
    }));
  return communeFigures(
    db,
    unit,
    row.period_from,
    row.period_to,
    parts,
    expected,
    new Set(approved.keys()),
  );
}

/** The figures shown for a report: frozen once submitted, live while it can change. */
export async function figuresOf(db: Executor, row: ReportRow, unit: UnitRow) {
  if (!isEditable(row.status as ReportStatus) && row.figures !== null)
    return { figures: JSON.parse(row.figures) as ReportFigures, live: false };
  return { figures: await computeFigures(db, row, unit), live: true };
}

// ---- reading ----

async function periodOf(db: Executor, row: Pick<ReportRow, 'period_key' | 'request_id'>) {
  if (row.request_id === null) return { label: monthPeriod(row.period_key).label, title: null };
  const req = await db
    .selectFrom('report_requests')
    .select('title')
    .where('id', '=', row.request_id)
    .executeTakeFirst();
  return { label: req?.title ?? '', title: req?.title ?? null };
}

/**
 * A report named by another feature (a difficulty raised from it): its unit and period, or null
 * when it does not exist or lies outside the scope.
 */
export async function reportRef(db: Executor, scope: Scope, id: string) {
  const row = await findReport(db, id);
  if (!row || !scope.contains(row.unit_path)) return null;
  const unit = await unitOf(db, row.unit_id);
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: unit.name,
    periodLabel: (await periodOf(db, row)).label,
  };
}

export async function getReport(db: Executor, actor: Actor, id: string): Promise<ReportDto> {
  const row = await loadReport(db, actor.scope, id);
  return toDto(db, actor, row);
}

async function toDto(db: Executor, actor: Actor, row: ReportRow): Promise<ReportDto> {
  const unit = await unitOf(db, row.unit_id);
  const parent = unit.parent_id ? await findUnitById(db, unit.parent_id) : undefined;
  const versions = await reportsFor(db, [row.unit_id], row.period_key);
  const latest = versions[0];
  const history = await listActions(db, [row.id]);
  const { figures, live } = await figuresOf(db, row, unit);
  const period = await periodOf(db, row);
  const status = row.status as ReportStatus;
  return {
    id: row.id,
    unitId: unit.id,
    unitName: unit.name,
    level: row.level as 'hamlet' | 'commune',
    parentName: parent?.name ?? null,
    periodKey: row.period_key,
    periodLabel: period.label,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    requestId: row.request_id,
    requestTitle: period.title,
    version: row.version,
    amendsId: row.amends_id,
    supersededById: row.superseded_by,
    status,
    dueOn: row.due_on,
    submittedAt: row.submitted_at,
    reviewedAt: row.reviewed_at,
    returnComment: row.return_comment,
    sections: reportSectionsSchema.parse(JSON.parse(row.sections)),
    figures,
    figuresLive: live,
    versions: versions
      .map((v) => ({ id: v.id, version: v.version, status: v.status as ReportStatus }))
      .reverse(),
    history: history.map((h) => ({
      action: h.action as ReportDto['history'][number]['action'],
      comment: h.comment,
      byName: h.user_name,
      at: h.at,
    })),
    difficulties: await difficultiesRaisedFrom(
      db,
      actor.scope,
      versions.map((v) => v.id),
    ),
    can: {
      raiseDifficulty:
        hasPermission(actor.role, 'difficulties:raise') &&
        (actor.unitId === unit.id || actor.unitId === unit.parent_id),
      edit: isWriter(actor, unit.id) && isEditable(status),
      submit: isWriter(actor, unit.id) && nextStatus(status, 'submit') !== null,
      review: isReviewer(actor, unit) && status === 'submitted',
      amend: isWriter(actor, unit.id) && status === 'approved' && latest.id === row.id,
    },
  };
}

function rowDto(
  unit: { id: string; name: string },
  level: 'hamlet' | 'commune',
  r: ReportRow | undefined,
  dueOn: string,
): ReportRowDto {
  const first = r ? (r.first_submitted_at ?? null) : null;
  return {
    unitId: unit.id,
    unitName: unit.name,
    level,
    reportId: r?.id ?? null,
    status: (r?.status as ReportStatus | undefined) ?? null,
    version: r?.version ?? null,
    submittedAt: r?.submitted_at ?? null,
    late: first !== null ? dateOf(first) > dueOn : todayInVietnam() > dueOn,
  };
}

/** The communes directly under a unit, or for a province those of its districts (before 2025). */
async function communesUnder(db: Executor, unit: UnitRow, on: string) {
  const communes = await childUnits(db, unit.id, 'commune', on);
  if (communes.length > 0 || unit.level !== 'province') return communes;
  const districts = await childUnits(db, unit.id, 'district', on);
  return childUnitsOf(
    db,
    districts.map((d) => d.id),
    'commune',
    on,
  );
}

/** The reports of a unit (its own) and of its reporting children for a period. */
export async function listReports(
  db: Db,
  actor: Actor,
  key: string,
  unitId: string | undefined,
): Promise<ReportListDto> {
  const id = unitId ?? actor.unitId ?? actor.scope.unitId;
  if (!id) throw invalid('querystring.unitId', 'Chọn đơn vị');
  const unit = await getUnitInScope(db, actor.scope, id);
  const period = monthPeriod(key);
  const dueOn = reportDueOn(period.to, await dueDaysFor(db, unit.path));
  const childLevel =
    unit.level === 'commune' ? 'hamlet' : unit.level === 'hamlet' ? null : 'commune';
  const children: { id: string; name: string }[] =
    childLevel === 'hamlet'
      ? await childUnits(db, unit.id, 'hamlet', period.from)
      : childLevel === 'commune'
        ? await communesUnder(db, unit, period.from)
        : [];
  const ownLevel = unit.level === 'hamlet' || unit.level === 'commune' ? unit.level : null;
  const latest = latestByUnit(
    await reportsFor(db, [...(ownLevel ? [unit.id] : []), ...children.map((c) => c.id)], key),
  );
  return {
    periodKey: key,
    periodLabel: period.label,
    dueOn,
    unit: { id: unit.id, name: unit.name, level: unit.level },
    own: ownLevel ? rowDto(unit, ownLevel, latest.get(unit.id), dueOn) : null,
    children: children.map((c) =>
      rowDto(c, childLevel as 'hamlet' | 'commune', latest.get(c.id), dueOn),
    ),
  };
}

// ---- writing ----

async function record(
  tx: Executor,
  actor: Actor,
  row: ReportRow,
  action: 'create' | 'save' | 'submit' | 'return' | 'approve' | 'amend',
  comment: string | null = null,
) {
  const at = nowIso();
  await insertAction(tx, {
    id: newId(),
    report_id: row.id,
    action,
    comment,
    user_id: actor.userId,
    user_name: actor.fullName,
    at,
  });
  await recordAudit(tx, actor, {
    entity: 'report',
    entityId: row.id,
    action,
    unitPath: row.unit_path,
    summary: {
      after: { period: row.period_key, version: row.version, ...(comment ? { comment } : {}) },
    },
  });
}

/** Starts the report of a unit for a month (or an ad hoc request), or returns the existing one. */
export async function createReport(
  db: Db,
  actor: Actor,
  body: { unitId: string; periodKey?: string; requestId?: string },
): Promise<ReportDto> {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  const level = levelOf(unit);
  if (!isWriter(actor, unit.id)) throw forbidden('Chỉ đơn vị lập báo cáo của mình');
  let key: string;
  let from: string;
  let to: string;
  let dueOn: string;
  if (body.requestId) {
    const req = await db
      .selectFrom('report_requests')
      .innerJoin('report_request_units', 'report_request_units.request_id', 'report_requests.id')
      .selectAll('report_requests')
      .where('report_requests.id', '=', body.requestId)
      .where('report_request_units.unit_id', '=', unit.id)
      .executeTakeFirst();
    if (!req) throw notFound('Không tìm thấy yêu cầu báo cáo');
    key = `${REQUEST_KEY}${req.id}`;
    from = req.period_from;
    to = req.period_to;
    dueOn = req.due_on;
  } else {
    const period = monthPeriod(body.periodKey!);
    key = period.key;
    from = period.from;
    to = period.to;
    dueOn = reportDueOn(to, await dueDaysFor(db, unit.path));
  }
  const existing = latestByUnit(await reportsFor(db, [unit.id], key)).get(unit.id);
  if (existing) return toDto(db, actor, existing);
  const now = nowIso();
  const row: ReportRow = {
    id: newId(),
    unit_id: unit.id,
    unit_path: unit.path,
    level,
    period_key: key,
    period_from: from,
    period_to: to,
    request_id: body.requestId ?? null,
    version: 1,
    amends_id: null,
    superseded_by: null,
    status: 'draft',
    sections: JSON.stringify(EMPTY_SECTIONS),
    figures: null,
    due_on: dueOn,
    first_submitted_at: null,
    submitted_at: null,
    submitted_by: null,
    reviewed_at: null,
    reviewed_by: null,
    return_comment: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.transaction().execute(async (tx) => {
      await insertReport(tx, row);
      await record(tx, actor, row, 'create');
    });
  } catch (error) {
    // Two first clicks at once: the unique (unit, period, version) lets one in; show that one.
    const winner = latestByUnit(await reportsFor(db, [unit.id], key)).get(unit.id);
    if (winner) return toDto(db, actor, winner);
    throw error;
  }
  return toDto(db, actor, row);
}

const locked = () =>
  new AppError(
    'conflict',
    'Báo cáo đã gửi hoặc đã được duyệt nên không sửa được; báo cáo đã duyệt chỉ sửa bằng bản điều chỉnh',
  );

export async function saveSections(
  db: Db,
  actor: Actor,
  id: string,
  sections: ReportSections,
): Promise<ReportDto> {
  const row = await loadReport(db, actor.scope, id);
  if (!isWriter(actor, row.unit_id)) throw forbidden('Chỉ đơn vị lập báo cáo mới sửa được');
  await db.transaction().execute(async (tx) => {
    const ok = await updateReportIf(tx, row.id, ['draft', 'returned'], {
      sections: JSON.stringify(sections),
      updated_at: nowIso(),
    });
    if (!ok) throw locked();
    await record(tx, actor, row, 'save');
  });
  return getReport(db, actor, id);
}

function eventOf(row: ReportRow, actor: Actor): events.ReportEvent {
  return {
    reportId: row.id,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    level: row.level as 'hamlet' | 'commune',
    periodKey: row.period_key,
    actorUserId: actor.userId,
  };
}

/** Sends the report for approval; its figures are frozen as they stand. */
export async function submitReport(
  db: Db,
  actor: Actor,
  id: string,
  sections?: ReportSections,
): Promise<ReportDto> {
  const row = await loadReport(db, actor.scope, id);
  if (!isWriter(actor, row.unit_id)) throw forbidden('Chỉ đơn vị lập báo cáo mới gửi được');
  const unit = await unitOf(db, row.unit_id);
  await db.transaction().execute(async (tx) => {
    const figures = await computeFigures(tx, row, unit);
    const now = nowIso();
    const ok = await updateReportIf(tx, row.id, ['draft', 'returned'], {
      status: 'submitted',
      ...(sections ? { sections: JSON.stringify(sections) } : {}),
      figures: JSON.stringify(figures),
      submitted_at: now,
      submitted_by: actor.userId,
      first_submitted_at: row.first_submitted_at ?? now,
      updated_at: now,
    });
    if (!ok) throw locked();
    await record(tx, actor, row, 'submit');
    await events.reportSubmitted(tx, eventOf(row, actor));
  });
  return getReport(db, actor, id);
}

async function review(
  db: Db,
  actor: Actor,
  id: string,
  action: 'return' | 'approve',
  comment: string | null,
): Promise<ReportDto> {
  const row = await loadReport(db, actor.scope, id);
  const unit = await unitOf(db, row.unit_id);
  if (!isReviewer(actor, unit))
    throw forbidden(
      row.level === 'hamlet'
        ? 'Báo cáo của xóm do cán bộ xã duyệt'
        : 'Báo cáo của xã do cán bộ huyện duyệt',
    );
  await db.transaction().execute(async (tx) => {
    const now = nowIso();
    const ok = await updateReportIf(tx, row.id, ['submitted'], {
      status: nextStatus('submitted', action)!,
      reviewed_at: now,
      reviewed_by: actor.userId,
      return_comment: action === 'return' ? comment : null,
      updated_at: now,
    });
    if (!ok)
      throw new AppError(
        'conflict',
        'Báo cáo không ở trạng thái chờ duyệt (đã được xử lý hoặc chưa gửi)',
      );
    if (action === 'approve' && row.amends_id !== null)
      await tx
        .updateTable('reports')
        .set({ superseded_by: row.id })
        .where('id', '=', row.amends_id)
        .execute();
    await record(tx, actor, row, action, comment);
    if (action === 'return')
      await events.reportReturned(tx, { ...eventOf(row, actor), comment: comment ?? '' });
    else await events.reportApproved(tx, eventOf(row, actor));
  });
  return getReport(db, actor, id);
}

export const returnReport = (db: Db, actor: Actor, id: string, comment: string) =>
  review(db, actor, id, 'return', comment);

export const approveReport = (db: Db, actor: Actor, id: string) =>
  review(db, actor, id, 'approve', null);

/** A correction of an approved report: a new draft version linked to it; the original stays. */
export async function amendReport(db: Db, actor: Actor, id: string): Promise<ReportDto> {
  const row = await loadReport(db, actor.scope, id);
  if (!isWriter(actor, row.unit_id)) throw forbidden('Chỉ đơn vị lập báo cáo mới điều chỉnh được');
  if (row.status !== 'approved')
    throw new AppError('conflict', 'Chỉ điều chỉnh báo cáo đã được duyệt');
  const latest = (await reportsFor(db, [row.unit_id], row.period_key))[0];
  if (latest.id !== row.id)
    throw new AppError('conflict', 'Báo cáo này đã có bản điều chỉnh; mở bản mới nhất');
  const now = nowIso();
  const amendment: ReportRow = {
    ...row,
    id: newId(),
    version: row.version + 1,
    amends_id: row.id,
    superseded_by: null,
    status: 'draft',
    figures: null,
    submitted_at: null,
    submitted_by: null,
    reviewed_at: null,
    reviewed_by: null,
    return_comment: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (tx) => {
    // The unique (unit, period, version) refuses a second amendment made at the same moment.
    await insertReport(tx, amendment);
    await record(tx, actor, amendment, 'amend');
  });
  return toDto(db, actor, amendment);
}

// ---- rates ----

/** Reporting and on-time rates of each commune under a unit (or of the commune itself). */
export async function reportingRates(
  db: Db,
  actor: Actor,
  key: string,
  unitId: string | undefined,
): Promise<ReportingRatesDto> {
  const id = unitId ?? actor.unitId ?? actor.scope.unitId;
  if (!id) throw invalid('querystring.unitId', 'Chọn đơn vị');
  const unit = await getUnitInScope(db, actor.scope, id);
  const period = monthPeriod(key);
  const communes =
    unit.level === 'commune'
      ? [unit]
      : unit.level === 'district' || unit.level === 'province'
        ? await communesUnder(db, unit, period.from)
        : [];
  const dueOn = reportDueOn(period.to, await dueDaysFor(db, unit.path));
  // Three grouped reads for all the communes: their hamlets, the hamlets with a team by the
  // period's end (expected to report) and the reports of the communes and those hamlets.
  const hamlets = await childUnitsOf(
    db,
    communes.map((c) => c.id),
    'hamlet',
    period.from,
  );
  const withTeam = await hamletsWithTeam(
    db,
    hamlets.map((h) => h.id),
    period.to,
  );
  const expectedOf = new Map<string, string[]>();
  for (const h of hamlets)
    if (withTeam.has(h.id))
      expectedOf.set(h.parent_id!, [...(expectedOf.get(h.parent_id!) ?? []), h.id]);
  const reports = await reportsFor(
    db,
    [...communes.map((c) => c.id), ...[...expectedOf.values()].flat()],
    key,
  );
  const own = latestByUnit(reports.filter((r) => r.level === 'commune'));
  const byUnit = new Map<string, ReportRow[]>();
  for (const r of reports) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const rows: ReportingRatesDto['rows'] = communes.map((c) => {
    const expected = expectedOf.get(c.id) ?? [];
    const rate = reportingRate(
      expected,
      expected
        .flatMap((id) => byUnit.get(id) ?? [])
        .map((r) => ({
          unitId: r.unit_id,
          firstSubmittedOn: r.first_submitted_at ? dateOf(r.first_submitted_at) : null,
        })),
      dueOn,
    );
    return {
      unitId: c.id,
      unitName: c.name,
      expected: rate.expected,
      submitted: rate.submitted,
      onTime: rate.onTime,
      reportingRate: rate.reportingRate,
      onTimeRate: rate.onTimeRate,
      communeStatus: (own.get(c.id)?.status as ReportStatus | undefined) ?? null,
    };
  });
  const expected = rows.reduce((s, r) => s + r.expected, 0);
  const submitted = rows.reduce((s, r) => s + r.submitted, 0);
  const onTime = rows.reduce((s, r) => s + r.onTime, 0);
  const pct = (n: number) => (expected === 0 ? null : Math.round((n / expected) * 1000) / 10);
  return {
    periodKey: key,
    dueOn,
    rows,
    total: {
      unitId: unit.id,
      unitName: unit.name,
      expected,
      submitted,
      onTime,
      reportingRate: pct(submitted),
      onTimeRate: pct(onTime),
    },
  };
}

// ---- ad hoc requests ----

export async function createRequest(
  db: Db,
  actor: Actor,
  body: ReportRequestBody,
): Promise<ReportRequestDto> {
  if (!actor.unitId) throw forbidden('Tài khoản không gắn với đơn vị nào');
  const owner = await getUnitInScope(db, actor.scope, actor.unitId);
  if (owner.level !== 'district' && owner.level !== 'province')
    throw forbidden('Yêu cầu báo cáo đột xuất do huyện hoặc tỉnh gửi');
  if (body.periodTo < body.periodFrom)
    throw invalid('body.periodTo', 'Ngày kết thúc phải sau ngày bắt đầu');
  if (body.dueOn < todayInVietnam()) throw invalid('body.dueOn', 'Hạn nộp đã qua');
  const units: UnitRow[] = [];
  for (const [n, id] of [...new Set(body.unitIds)].entries()) {
    const u = await getUnitInScope(db, actor.scope, id);
    if (u.level !== 'commune' && u.level !== 'hamlet')
      throw invalid(`body.unitIds.${n}`, 'Chỉ gửi yêu cầu cho xã hoặc xóm');
    units.push(u);
  }
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('report_requests')
      .values({
        id,
        unit_id: owner.id,
        unit_path: owner.path,
        title: body.title,
        period_from: body.periodFrom,
        period_to: body.periodTo,
        due_on: body.dueOn,
        created_by: actor.userId,
        created_at: nowIso(),
      })
      .execute();
    await tx
      .insertInto('report_request_units')
      .values(units.map((u) => ({ request_id: id, unit_id: u.id, unit_path: u.path })))
      .execute();
    await recordAudit(tx, actor, {
      entity: 'report_request',
      entityId: id,
      action: 'create',
      unitPath: owner.path,
      summary: { after: { title: body.title, dueOn: body.dueOn, units: units.length } },
    });
    await events.adHocReportRequested(tx, {
      requestId: id,
      title: body.title,
      dueOn: body.dueOn,
      units: units.map((u) => ({ unitId: u.id, unitPath: u.path })),
      actorUserId: actor.userId,
    });
  });
  const created = await db.selectFrom('report_requests').selectAll().where('id', '=', id).execute();
  return (await requestDtos(db, actor, created))[0];
}

/** The ids of the ad hoc requests addressed to units in the scope (a subquery). */
const requestIdsInScope = (db: Executor, scope: Scope) =>
  db
    .selectFrom('report_request_units')
    .select('report_request_units.request_id')
    .where(inScope(scope, 'report_request_units.unit_path'));

/** Ad hoc requests addressed to units in the user's scope, newest first, one page. */
export async function listRequests(
  db: Db,
  actor: Actor,
  query: { page: number; pageSize: number },
): Promise<ReportRequestPageDto> {
  const [{ n }] = await db
    .selectFrom('report_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', 'in', requestIdsInScope(db, actor.scope))
    .execute();
  const requests = await db
    .selectFrom('report_requests')
    .selectAll()
    .where('id', 'in', requestIdsInScope(db, actor.scope))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .$call(onPage(query))
    .execute();
  return {
    items: await requestDtos(db, actor, requests),
    total: Number(n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The requests with their units in the user's scope and the latest report of each. */
async function requestDtos(
  db: Executor,
  actor: Actor,
  requests: ReportRequestsTable[],
): Promise<ReportRequestDto[]> {
  const ids = requests.map((r) => r.id);
  if (ids.length === 0) return [];
  const targets = await db
    .selectFrom('report_request_units')
    .innerJoin('units', 'units.id', 'report_request_units.unit_id')
    .select(['report_request_units.request_id', 'units.id', 'units.name', 'units.path'])
    .where('report_request_units.request_id', 'in', ids)
    .where(inScope(actor.scope, 'report_request_units.unit_path'))
    .orderBy('units.path')
    .execute();
  const reports = await db
    .selectFrom('reports')
    .selectAll()
    .where('request_id', 'in', ids)
    .orderBy('version', 'desc')
    .execute();
  return requests.map((r) => {
    const latest = latestByUnit(reports.filter((x) => x.request_id === r.id));
    return {
      id: r.id,
      title: r.title,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      dueOn: r.due_on,
      createdAt: r.created_at,
      units: targets
        .filter((t) => t.request_id === r.id)
        .map((t) => ({
          unitId: t.id,
          unitName: t.name,
          reportId: latest.get(t.id)?.id ?? null,
          status: (latest.get(t.id)?.status as ReportStatus | undefined) ?? null,
        })),
    };
  });
}

// ---- deadlines ----

/**
 * Finds the reports of `periodKey` that are due within `soonDays` or overdue and not submitted,
 * and raises the matching events. Run by the reminders timer through `reportReminders`
 * (report-events.ts); returns what it found so it can be tested and logged.
 */
export async function scanReportDeadlines(
  db: Executor,
  key: string,
  today = todayInVietnam(),
  soonDays = 2,
) {
  const period = monthPeriod(key);
  const communes = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('level', '=', 'commune')
    .where('valid_from', '<=', period.to)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', period.from)]))
    .execute();
  const found = { dueSoon: 0, overdue: 0 };
  for (const c of communes) {
    const dueOn = reportDueOn(period.to, await dueDaysFor(db, c.path));
    const soon = reportDueOn(today, soonDays) >= dueOn && today <= dueOn;
    const overdue = today > dueOn;
    if (!soon && !overdue) continue;
    const { expected } = await expectedHamlets(db, c.id, period.from, period.to);
    const units = [
      ...expected.map((h) => ({ ...h, level: 'hamlet' as const })),
      { id: c.id, path: c.path, level: 'commune' as const },
    ];
    const latest = latestByUnit(
      await reportsFor(
        db,
        units.map((u) => u.id),
        key,
      ),
    );
    for (const u of units) {
      if (latest.get(u.id)?.first_submitted_at) continue;
      const event = { unitId: u.id, unitPath: u.path, level: u.level, periodKey: key, dueOn };
      if (overdue) {
        await events.reportOverdue(db, event);
        found.overdue += 1;
      } else {
        await events.reportDueSoon(db, event);
        found.dueSoon += 1;
      }
    }
  }
  return found;
}
