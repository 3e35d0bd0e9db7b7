// Every event the report workflow produces goes through this module, and only through it.
//
// The notifications system is built apart: until it lands these functions do nothing. Each is
// called inside the transaction of the change it announces (or, for the deadline events, by
// `scanReportDeadlines` in reports.service.ts), so wiring them to notify() at merge is enough to
// have the notification written atomically with the change. Who should hear of each event is
// written above the function.
import type { Executor } from '../../db/db';

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
export async function reportSubmitted(_tx: Executor, _event: ReportEvent): Promise<void> {}

/** Returned with a comment. Recipients: the users of the reporting unit who write its report. */
export async function reportReturned(
  _tx: Executor,
  _event: ReportEvent & { comment: string },
): Promise<void> {}

/** Approved (and so locked). Recipients: the users of the reporting unit. */
export async function reportApproved(_tx: Executor, _event: ReportEvent): Promise<void> {}

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
export async function reportDueSoon(_db: Executor, _event: ReportDeadlineEvent): Promise<void> {}

/**
 * The due date has passed and the report is not submitted. Recipients: the users of the
 * reporting unit and the officers of its parent unit.
 */
export async function reportOverdue(_db: Executor, _event: ReportDeadlineEvent): Promise<void> {}

/** The district (or province) asked units for an ad hoc report. Recipients: those units' users. */
export async function adHocReportRequested(
  _tx: Executor,
  _event: {
    requestId: string;
    title: string;
    dueOn: string;
    units: { unitId: string; unitPath: string }[];
    actorUserId: string;
  },
): Promise<void> {}
