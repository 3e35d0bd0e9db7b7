// Every event the report workflow produces goes through this module, and only through it. Each
// is called inside the transaction of the change it announces (or, for the deadline events, by
// `scanReportDeadlines`, run by the reminders timer through `reportReminders`), so the
// notification is written atomically with the change. Who hears of each event is written above
// the function. Parameters are names and dates only, never personal data of residents.
import { monthPeriod } from '@toso/domain/reports';
import type { Executor } from '../../db/db';
import type { Reminder, ReminderSource } from '../notifications/reminders';
import { notify } from '../notifications/notifications.service';
import { todayInVietnam } from '../../lib/ids';
import { scanReportDeadlines } from './reports.service';

export interface ReportEvent {
  reportId: string;
  /** The reporting unit (hamlet or commune) and its path. */
  unitId: string;
  unitPath: string;
  level: 'hamlet' | 'commune';
  /** "2022-06", or "req:<id>" for an ad hoc report. */
  periodKey: string;
  /** Who did it (null for the system). */
  actorUserId: string | null;
}

/** Submitted (or resubmitted) for approval. Recipients: the officers of the parent unit. */
export async function reportSubmitted(tx: Executor, event: ReportEvent): Promise<void> {
  const { unit, period } = await describe(tx, event);
  await notify(tx, {
    unitId: parentOf(event.unitPath),
    roles: [event.level === 'hamlet' ? 'commune_officer' : 'district_officer'],
    exceptUserId: event.actorUserId ?? undefined,
    kind: 'report_submitted',
    entity: 'report',
    entityId: event.reportId,
    link: `/reports/${event.reportId}`,
    params: { unit, period },
  });
}

/** Returned with a comment. Recipients: the users of the reporting unit who write its report. */
export async function reportReturned(
  tx: Executor,
  event: ReportEvent & { comment: string },
): Promise<void> {
  const { unit, period } = await describe(tx, event);
  await notify(tx, {
    unitId: event.unitId,
    exceptUserId: event.actorUserId ?? undefined,
    kind: 'report_returned',
    entity: 'report',
    entityId: event.reportId,
    link: `/reports/${event.reportId}`,
    params: { unit, period },
  });
}

/** Approved (and so locked). Recipients: the users of the reporting unit. */
export async function reportApproved(tx: Executor, event: ReportEvent): Promise<void> {
  const { unit, period } = await describe(tx, event);
  await notify(tx, {
    unitId: event.unitId,
    exceptUserId: event.actorUserId ?? undefined,
    kind: 'report_approved',
    entity: 'report',
    entityId: event.reportId,
    link: `/reports/${event.reportId}`,
    params: { unit, period },
  });
}

export interface ReportDeadlineEvent {
  unitId: string;
  unitPath: string;
  level: 'hamlet' | 'commune';
  periodKey: string;
  dueOn: string;
}

/**
 * The report of a unit for a period is due within a few days and not yet submitted.
 * Recipients: the users of the reporting unit.
 */
export async function reportDueSoon(db: Executor, event: ReportDeadlineEvent): Promise<void> {
  const { unit, period } = await describe(db, event);
  await notify(db, {
    unitId: event.unitId,
    kind: 'report_due_soon',
    entity: 'unit',
    entityId: event.unitId,
    link: '/reports',
    params: { unit, period, dueOn: event.dueOn },
    dedupeKey: `report_due_soon:${event.unitId}:${event.periodKey}`,
  });
}

/**
 * The due date has passed and the report is not submitted. Recipients: the users of the
 * reporting unit and the officers of its parent unit.
 */
export async function reportOverdue(db: Executor, event: ReportDeadlineEvent): Promise<void> {
  const { unit, period } = await describe(db, event);
  const reminder: Omit<Reminder, 'unitId' | 'roles'> = {
    kind: 'report_overdue',
    entity: 'unit',
    entityId: event.unitId,
    link: '/reports',
    params: { unit, period, dueOn: event.dueOn },
    dedupeKey: `report_overdue:${event.unitId}:${event.periodKey}`,
  };
  await notify(db, { ...reminder, unitId: event.unitId });
  await notify(db, {
    ...reminder,
    unitId: parentOf(event.unitPath),
    roles: [event.level === 'hamlet' ? 'commune_officer' : 'district_officer'],
  });
}

/** The district (or province) asked units for an ad hoc report. Recipients: those units' users. */
export async function adHocReportRequested(
  tx: Executor,
  event: {
    requestId: string;
    title: string;
    dueOn: string;
    units: { unitId: string; unitPath: string }[];
    actorUserId: string;
  },
): Promise<void> {
  const by = await authorName(tx, event.actorUserId);
  for (const u of event.units) {
    await notify(tx, {
      unitId: u.unitId,
      exceptUserId: event.actorUserId,
      kind: 'report_adhoc_requested',
      entity: 'report_request',
      entityId: event.requestId,
      link: '/reports',
      params: { by, title: event.title, dueOn: event.dueOn },
    });
  }
}

/** The parent unit's id, from a unit path `/<id>/…/<parent>/<unit>/`. */
function parentOf(unitPath: string): string {
  const ids = unitPath.split('/').filter(Boolean);
  return ids[ids.length - 2] ?? ids[0];
}

/** The unit's name and the period's label ("06/2022", or the ad hoc request's title). */
async function describe(
  db: Executor,
  event: { unitId: string; periodKey: string },
): Promise<{ unit: string; period: string }> {
  const unit = await db
    .selectFrom('units')
    .select('name')
    .where('id', '=', event.unitId)
    .executeTakeFirst();
  let period = event.periodKey;
  if (period.startsWith('req:')) {
    const request = await db
      .selectFrom('report_requests')
      .select('title')
      .where('id', '=', period.slice(4))
      .executeTakeFirst();
    period = request?.title ?? '';
  } else if (/^\d{4}-\d{2}$/.test(period)) {
    const { from } = monthPeriod(period);
    period = `${from.slice(5, 7)}/${from.slice(0, 4)}`;
  }
  return { unit: unit?.name ?? '', period };
}

async function authorName(db: Executor, userId: string): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select('full_name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return user?.full_name ?? '';
}

/**
 * The reminders timer's source for reports: the deadlines of the previous and the current month
 * (older ones were announced when they fell due). Each unit hears of a deadline once: the
 * notifications carry a key per unit and period.
 */
export const reportReminders: ReminderSource = {
  name: 'reports',
  collect: async (db, now) => {
    const today = todayInVietnam(now);
    const [y, m] = today.split('-').map(Number);
    const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    for (const key of [previous, today.slice(0, 7)]) await scanReportDeadlines(db, key, today);
    // The deadline events notify directly (with their keys); nothing more to send.
    return [];
  },
};
