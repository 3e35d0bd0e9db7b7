import {
  DEFAULT_RESPONSE_DAYS,
  MAX_REOPENS,
  dueAfter,
  isOverdue,
  type CreateDifficultyBody,
  type DifficultyAction,
  type DifficultyCategory,
  type DifficultyDetailDto,
  type DifficultyStatus,
  type DifficultySummaryDto,
  type DifficultyView as ListView,
  type OverdueCountsDto,
  type Urgency,
} from '@toso/domain/difficulties';
import type { NotificationKind } from '@toso/domain/notifications';
import { hasPermission, type Role, type UnitLevel } from '@toso/domain/roles';
import { cleanText, foldText } from '@toso/domain/text';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import { effectiveSettings } from '../settings/settings.service';
import { findUnitById, findUnitsByIds } from '../units/units.repository';
import { getUnitInScope } from '../units/units.service';
import { reportRef } from '../reports/reports.service';
import {
  findDifficultyInScope,
  insertDifficulty,
  insertEvent,
  listDifficulties,
  listEvents,
  listOfficersOfUnit,
  listUnresolvedUnder,
  updateDifficulty,
  type DifficultyListRow,
  type DifficultyView,
} from './difficulties.repository';
import { pageWindow } from '../../lib/paging';

/** Officer roles that may handle a difficulty waiting at a unit of each level. */
const HANDLER_ROLES: Record<UnitLevel, Role[]> = {
  province: ['province_officer'],
  district: ['district_officer'],
  commune: ['commune_officer'],
  hamlet: [],
};

/** Days to respond per urgency for a unit: its district's or province's setting, else defaults. */
export async function responseDays(db: Executor, unitPath: string) {
  const settings = await effectiveSettings(db, unitPath);
  return settings.difficultyResponseDays ?? DEFAULT_RESPONSE_DAYS;
}

async function dueFrom(db: Executor, unitPath: string, urgency: Urgency, from: Date) {
  const days = await responseDays(db, unitPath);
  return dueAfter(from, days[urgency]);
}

const ref = (id: string, fullName: string | null) => ({ id, fullName: fullName ?? '' });

function toSummary(d: DifficultyListRow, now: Date): DifficultySummaryDto {
  return {
    id: d.id,
    title: d.title,
    category: d.category as DifficultyCategory,
    urgency: d.urgency as Urgency,
    status: d.status as DifficultyStatus,
    unit: { id: d.unit_id, name: d.unit_name, level: d.unit_level },
    handlerUnit: { id: d.handler_unit_id, name: d.handler_name, level: d.handler_level },
    assignee: d.assignee_id ? ref(d.assignee_id, d.assignee_name) : null,
    raisedBy: d.raised_by ? ref(d.raised_by, d.raiser_name) : null,
    raisedAt: d.raised_at,
    dueAt: d.due_at,
    isOverdue: isOverdue({ status: d.status, dueAt: d.due_at }, now),
    reportId: d.report_id,
    isDemo: d.is_demo === 1,
  };
}

/** Whether the actor acts for the level the difficulty waits at. */
function handles(actor: Actor, d: { handler_unit_id: string; handler_level: string }): boolean {
  if (actor.role === 'admin') return true;
  if (!hasPermission(actor.role, 'difficulties:handle')) return false;
  return (
    actor.unitId === d.handler_unit_id &&
    HANDLER_ROLES[d.handler_level as UnitLevel].includes(actor.role)
  );
}

/** The raiser, or someone of the raising unit who may raise difficulties. */
function raisedByActor(actor: Actor, d: { raised_by: string | null; unit_id: string }): boolean {
  return (
    actor.userId === d.raised_by ||
    (actor.unitId === d.unit_id && hasPermission(actor.role, 'difficulties:raise'))
  );
}

function permissions(actor: Actor, d: DifficultyView) {
  const live = d.status !== 'resolved';
  const handler = handles(actor, d) && live;
  return {
    assign: handler && d.status !== 'answered',
    answer: handler,
    resolve: handler,
    escalate: handler && d.handler_parent_id !== null,
    reopen:
      raisedByActor(actor, d) &&
      (d.status === 'answered' || d.status === 'resolved') &&
      d.reopen_count < MAX_REOPENS,
  };
}

export async function getDifficultyInScope(db: Executor, actor: Actor, id: string) {
  const d = await findDifficultyInScope(db, actor.scope, id);
  if (!d) throw notFound('Không tìm thấy khó khăn, vướng mắc');
  return d;
}

export async function getDifficultyDetail(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<DifficultyDetailDto> {
  const d = await getDifficultyInScope(db, actor, id);
  const now = new Date();
  const events = await listEvents(db, id);
  const can = permissions(actor, d);
  const assignees = can.assign
    ? await listOfficersOfUnit(db, d.handler_unit_id, HANDLER_ROLES[d.handler_level as UnitLevel])
    : [];
  const answeredBy = d.answered_by
    ? events.find((e) => e.action === 'answer' && e.user_id === d.answered_by)
    : undefined;
  return {
    ...toSummary(d, now),
    description: d.description,
    answer: d.answer,
    answeredAt: d.answered_at,
    answeredBy: d.answered_by ? ref(d.answered_by, answeredBy?.user_name ?? null) : null,
    resolvedAt: d.resolved_at,
    reopenCount: d.reopen_count,
    events: events.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action as DifficultyAction,
      by: e.user_id ? ref(e.user_id, e.user_name) : null,
      fromUnit: e.from_unit_id
        ? { id: e.from_unit_id, name: e.from_name ?? '', level: e.from_level ?? '' }
        : null,
      toUnit: e.to_unit_id
        ? { id: e.to_unit_id, name: e.to_name ?? '', level: e.to_level ?? '' }
        : null,
      assignee: e.assignee_id ? ref(e.assignee_id, e.assignee_name) : null,
      note: e.note,
    })),
    report: d.report_id
      ? await reportRef(db, actor.scope, d.report_id).then((r) =>
          r ? { id: r.id, unitName: r.unitName, periodLabel: r.periodLabel } : null,
        )
      : null,
    can,
    assignees: assignees.map((a) => ref(a.id, a.full_name)),
  };
}

export async function listDifficultiesForActor(
  db: Db,
  actor: Actor,
  query: {
    view: ListView;
    status?: DifficultyStatus;
    state?: 'unresolved' | 'overdue';
    category?: DifficultyCategory;
    urgency?: Urgency;
    unitId?: string;
    q?: string;
    page: number;
    pageSize: number;
  },
) {
  const unit = query.unitId ? await getUnitInScope(db, actor.scope, query.unitId) : null;
  const now = new Date();
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  // "To handle" is the queue of the actor's own unit; an administrator without a unit sees all.
  if (query.view === 'handle' && !actor.unitId && actor.role !== 'admin') return empty;
  if (query.view === 'handle' && actor.unitId && !hasPermission(actor.role, 'difficulties:handle'))
    return empty;
  const { rows, total } = await listDifficulties(
    db,
    actor.scope,
    {
      mine: query.view === 'mine' ? { userId: actor.userId, unitId: actor.unitId } : undefined,
      handlerUnitId: query.view === 'handle' ? (actor.unitId ?? undefined) : undefined,
      unitPath: unit?.path,
      status: query.status,
      state: query.state,
      category: query.category,
      urgency: query.urgency,
      folded: query.q ? foldText(query.q) : undefined,
    },
    pageWindow(query),
    now.toISOString(),
  );
  return {
    items: rows.map((r) => toSummary(r, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Unresolved and overdue difficulties per child unit of `unitId` (default: the actor's unit). */
export async function overdueCounts(
  db: Db,
  actor: Actor,
  unitId?: string,
): Promise<OverdueCountsDto> {
  const id = unitId ?? actor.unitId;
  const unit = id ? await getUnitInScope(db, actor.scope, id) : null;
  const base = unit?.path ?? '/';
  const rows = await listUnresolvedUnder(db, actor.scope, base);
  const now = nowIso();
  const counts = new Map<string, { open: number; overdue: number }>();
  let overdue = 0;
  for (const r of rows) {
    const child = r.unit_path.slice(base.length).split('/')[0] || unit?.id;
    if (!child) continue;
    const c = counts.get(child) ?? { open: 0, overdue: 0 };
    c.open += 1;
    if (r.due_at < now) {
      c.overdue += 1;
      overdue += 1;
    }
    counts.set(child, c);
  }
  const units = await findUnitsByIds(db, [...counts.keys()]);
  return {
    unit: unit ? { id: unit.id, name: unit.name, level: unit.level } : null,
    total: rows.length,
    overdue,
    byUnit: units
      .map((u) => ({ unit: { id: u.id, name: u.name, level: u.level }, ...counts.get(u.id)! }))
      .sort(
        (a, b) =>
          b.overdue - a.overdue || b.open - a.open || a.unit.name.localeCompare(b.unit.name),
      ),
  };
}

const link = (id: string) => `/difficulties/${id}`;

async function record(
  tx: Executor,
  actor: Actor,
  d: { id: string; unit_path: string },
  action: DifficultyAction,
  fields: {
    from?: string | null;
    to?: string | null;
    assignee?: string | null;
    note?: string | null;
  },
  summary: Record<string, unknown>,
) {
  await insertEvent(tx, {
    id: newId(),
    difficulty_id: d.id,
    at: nowIso(),
    action,
    user_id: actor.userId,
    from_unit_id: fields.from ?? null,
    to_unit_id: fields.to ?? null,
    assignee_id: fields.assignee ?? null,
    note: fields.note ?? null,
  });
  await recordAudit(tx, actor, {
    entity: 'difficulty',
    entityId: d.id,
    action,
    unitPath: d.unit_path,
    summary,
  });
}

export async function raiseDifficulty(
  db: Db,
  actor: Actor,
  body: CreateDifficultyBody,
): Promise<DifficultyDetailDto> {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  if (unit.level !== 'hamlet' && unit.level !== 'commune')
    throw invalid('body.unitId', 'Khó khăn được nêu bởi Tổ (thôn, xóm) hoặc xã');
  if (!unit.parent_id) throw invalid('body.unitId', 'Đơn vị này không có cấp trên để xử lý');
  const handler = await findUnitById(db, unit.parent_id);
  if (!handler) throw invalid('body.unitId', 'Đơn vị này không có cấp trên để xử lý');
  if (body.reportId) {
    // Raised from a report: one the user can see, and the report of the raising unit.
    const report = await reportRef(db, actor.scope, body.reportId);
    if (!report) throw notFound('Không tìm thấy báo cáo');
    if (report.unitId !== unit.id)
      throw invalid('body.reportId', 'Khó khăn nêu từ báo cáo phải là của đơn vị lập báo cáo đó');
  }
  const id = newId();
  const now = new Date();
  const at = now.toISOString();
  const title = cleanText(body.title);
  const description = body.description.trim();
  await db.transaction().execute(async (tx) => {
    await insertDifficulty(tx, {
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      report_id: body.reportId ?? null,
      category: body.category,
      urgency: body.urgency,
      title,
      description,
      search_folded: foldText(`${title} ${description}`),
      status: 'open',
      handler_unit_id: handler.id,
      assignee_id: null,
      answer: null,
      answered_at: null,
      answered_by: null,
      resolved_at: null,
      resolved_by: null,
      raised_by: actor.userId,
      raised_at: at,
      due_at: await dueFrom(tx, unit.path, body.urgency, now),
      reopen_count: 0,
      is_demo: 0,
      created_at: at,
      updated_at: at,
    });
    await record(
      tx,
      actor,
      { id, unit_path: unit.path },
      'raise',
      { from: unit.id, to: handler.id },
      {
        after: {
          category: body.category,
          urgency: body.urgency,
          handlerUnitId: handler.id,
          ...(body.reportId ? { reportId: body.reportId } : {}),
        },
      },
    );
    await notify(tx, {
      unitId: handler.id,
      roles: HANDLER_ROLES[handler.level as UnitLevel],
      exceptUserId: actor.userId,
      kind: 'difficulty_raised',
      entity: 'difficulty',
      entityId: id,
      link: link(id),
      params: { title, unit: unit.name, urgency: body.urgency },
    });
  });
  return getDifficultyDetail(db, actor, id);
}

/** Reads, checks and changes a difficulty in one transaction; a concurrent change answers 409. */
async function transition(
  db: Db,
  actor: Actor,
  id: string,
  check: (d: DifficultyView, can: ReturnType<typeof permissions>) => void,
  apply: (tx: Executor, d: DifficultyView, at: Date) => Promise<void>,
): Promise<DifficultyDetailDto> {
  await db.transaction().execute(async (tx) => {
    const d = await getDifficultyInScope(tx, actor, id);
    check(d, permissions(actor, d));
    await apply(tx, d, new Date());
  });
  return getDifficultyDetail(db, actor, id);
}

async function change(
  tx: Executor,
  d: DifficultyView,
  changes: Parameters<typeof updateDifficulty>[3],
) {
  const ok = await updateDifficulty(tx, d.id, d.status, { ...changes, updated_at: nowIso() });
  if (!ok) throw new AppError('conflict', 'Khó khăn vừa được người khác cập nhật, hãy tải lại');
}

/** Not resolved yet (409) and waiting at the actor's level (403). */
function mustHandleLive(actor: Actor, d: DifficultyView): void {
  if (d.status === 'resolved') throw new AppError('conflict', 'Khó khăn đã được giải quyết');
  if (!handles(actor, d))
    throw forbidden('Chỉ cán bộ của cấp đang xử lý mới thực hiện được thao tác này');
}

/** Whoever raised it; when no account is known, the leader or officer of the raising unit. */
const raiser = (d: DifficultyView) =>
  d.raised_by ? { userIds: [d.raised_by] } : { unitId: d.unit_id };

/** The notification of a step, for everyone but the one who took it. */
const notifyKind = (
  actor: Actor,
  kind: NotificationKind,
  d: DifficultyView,
  extra: Record<string, string>,
) => ({
  exceptUserId: actor.userId,
  kind,
  entity: 'difficulty',
  entityId: d.id,
  link: link(d.id),
  params: { title: d.title, unit: d.unit_name, ...extra },
});

export async function assignDifficulty(db: Db, actor: Actor, id: string, assigneeId: string) {
  return transition(
    db,
    actor,
    id,
    (d, can) => {
      mustHandleLive(actor, d);
      if (!can.assign) throw new AppError('conflict', 'Khó khăn đã được trả lời');
    },
    async (tx, d) => {
      const officers = await listOfficersOfUnit(
        tx,
        d.handler_unit_id,
        HANDLER_ROLES[d.handler_level as UnitLevel],
      );
      const assignee = officers.find((o) => o.id === assigneeId);
      if (!assignee)
        throw invalid('body.assigneeId', 'Chỉ giao cho cán bộ của cấp đang xử lý khó khăn');
      await change(tx, d, { assignee_id: assignee.id, status: 'assigned' });
      await record(
        tx,
        actor,
        d,
        'assign',
        { assignee: assignee.id },
        { before: { assigneeId: d.assignee_id }, after: { assigneeId: assignee.id } },
      );
      await notify(tx, {
        userIds: [assignee.id],
        ...notifyKind(actor, 'difficulty_assigned', d, { by: actor.fullName }),
      });
    },
  );
}

export async function answerDifficulty(db: Db, actor: Actor, id: string, answer: string) {
  return transition(
    db,
    actor,
    id,
    (d) => mustHandleLive(actor, d),
    async (tx, d, at) => {
      const text = answer.trim();
      await change(tx, d, {
        answer: text,
        answered_at: at.toISOString(),
        answered_by: actor.userId,
        status: 'answered',
      });
      await record(tx, actor, d, 'answer', { note: text }, { after: { status: 'answered' } });
      await notify(tx, {
        ...raiser(d),
        ...notifyKind(actor, 'difficulty_answered', d, { level: d.handler_name }),
      });
    },
  );
}

export async function resolveDifficulty(db: Db, actor: Actor, id: string, note?: string) {
  return transition(
    db,
    actor,
    id,
    (d) => mustHandleLive(actor, d),
    async (tx, d, at) => {
      await change(tx, d, {
        status: 'resolved',
        resolved_at: at.toISOString(),
        resolved_by: actor.userId,
      });
      await record(
        tx,
        actor,
        d,
        'resolve',
        { note: note?.trim() || null },
        { before: { status: d.status }, after: { status: 'resolved' } },
      );
      await notify(tx, {
        ...raiser(d),
        ...notifyKind(actor, 'difficulty_resolved', d, { level: d.handler_name }),
      });
    },
  );
}

export async function escalateDifficulty(db: Db, actor: Actor, id: string, note: string) {
  return transition(
    db,
    actor,
    id,
    (d, can) => {
      mustHandleLive(actor, d);
      if (!can.escalate) throw new AppError('conflict', 'Đây đã là cấp cao nhất');
    },
    async (tx, d, at) => {
      const parent = await findUnitById(tx, d.handler_parent_id!);
      if (!parent) throw new AppError('conflict', 'Đây đã là cấp cao nhất');
      await change(tx, d, {
        handler_unit_id: parent.id,
        assignee_id: null,
        status: 'open',
        due_at: await dueFrom(tx, d.unit_path, d.urgency as Urgency, at),
      });
      await record(
        tx,
        actor,
        d,
        'escalate',
        { from: d.handler_unit_id, to: parent.id, note: note.trim() },
        { before: { handlerUnitId: d.handler_unit_id }, after: { handlerUnitId: parent.id } },
      );
      await notify(tx, {
        unitId: parent.id,
        roles: HANDLER_ROLES[parent.level as UnitLevel],
        ...notifyKind(actor, 'difficulty_escalated', d, { from: d.handler_name }),
      });
    },
  );
}

export async function reopenDifficulty(db: Db, actor: Actor, id: string, note: string) {
  return transition(
    db,
    actor,
    id,
    (d, can) => {
      if (!raisedByActor(actor, d))
        throw forbidden('Chỉ người (đơn vị) nêu khó khăn mới mở lại được');
      if (d.status !== 'answered' && d.status !== 'resolved')
        throw new AppError('conflict', 'Chỉ mở lại khó khăn đã được trả lời hoặc giải quyết');
      if (!can.reopen) throw new AppError('conflict', 'Khó khăn chỉ được mở lại một lần');
    },
    async (tx, d, at) => {
      await change(tx, d, {
        status: 'open',
        resolved_at: null,
        resolved_by: null,
        reopen_count: d.reopen_count + 1,
        due_at: await dueFrom(tx, d.unit_path, d.urgency as Urgency, at),
      });
      await record(
        tx,
        actor,
        d,
        'reopen',
        { note: note.trim() },
        { before: { status: d.status }, after: { status: 'open' } },
      );
      await notify(tx, {
        unitId: d.handler_unit_id,
        roles: HANDLER_ROLES[d.handler_level as UnitLevel],
        userIds: d.assignee_id ? [d.assignee_id] : [],
        ...notifyKind(actor, 'difficulty_reopened', d, {}),
      });
    },
  );
}
