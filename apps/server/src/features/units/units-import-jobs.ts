import type { UnitImportJobDto } from '@toso/domain/units';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import { JobStore } from '../../lib/job-store';
import type { Actor } from '../../plugins/auth';
import {
  applyUnitList,
  newUnitImportProgress,
  type CheckedUnitList,
  type ImportUnitsOptions,
  type UnitImportProgress,
} from './units-import.service';

// The commit of an official unit list runs as a job, as the registry import does
// (features/registry/import.service.ts): the request answers at once and the page polls the
// progress. A move rewrites the paths of a whole subtree's records (a district's communes: close to
// a minute on PostgreSQL; a province's 2025 reform: minutes), too long for one HTTP request.
// Jobs live in this process's memory: the transaction is the database's, so if the process stops
// the database rolls it back, and a job reported done was committed first.

interface Job {
  id: string;
  userId: string;
  fileName: string;
  startedAt: string;
  finishedAt: string | null;
  status: UnitImportJobDto['status'];
  progress: UnitImportProgress;
  result: UnitImportJobDto['result'];
  message: string | null;
  errors: UnitImportJobDto['errors'];
  touchedAt: number;
}

/** Kept for two hours after they end, as the registry's import jobs. */
const jobs = new JobStore<Job>({
  ttlMs: 2 * 3600_000,
  running: (job) => job.status === 'running',
  notFoundMessage:
    'Không tìm thấy lượt nhập (có thể đã hết hạn hoặc máy chủ đã khởi động lại: khi đó lượt nhập chưa xong đã được hoàn tác; hãy xem lại danh mục đơn vị)',
});

/** The import writing now in this process, by a job or by a synchronous request: one at a time. */
let busy: { startedAt: string } | null = null;

/**
 * Two imports at once would move the same subtrees in two transactions (on PostgreSQL one waits
 * for the other's locks, or both fail on a deadlock; on SQLite the second waits minutes): the
 * second is refused, saying when the first started.
 */
export function refuseWhileImporting(): void {
  if (busy) {
    const at = new Date(busy.startedAt).toLocaleTimeString('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
    });
    throw new AppError(
      'conflict',
      `Đang có một lượt nhập danh mục đơn vị khác chạy (bắt đầu lúc ${at}, giờ Việt Nam). Chờ lượt đó xong rồi nhập lại.`,
    );
  }
}

function claim(): void {
  refuseWhileImporting();
  busy = { startedAt: nowIso() };
}

/** Runs a synchronous import (API, no job) under the same one-at-a-time rule. */
export async function exclusiveUnitImport<T>(fn: () => Promise<T>): Promise<T> {
  claim();
  try {
    return await fn();
  } finally {
    busy = null;
  }
}

function view(job: Job): UnitImportJobDto {
  const p = job.progress;
  return {
    id: job.id,
    status: job.status,
    phase: p.phase,
    fileName: job.fileName,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    total: p.total,
    read: p.read,
    moves: p.moves,
    moved: p.moved,
    rowsRewritten: p.rowsRewritten,
    stepsDone: p.stepsDone,
    stepsTotal: p.stepsTotal,
    currentUnit: p.currentUnit,
    result: job.result,
    message: job.message,
    errors: job.errors,
  };
}

/**
 * Starts writing a checked list in the background (one transaction: all or nothing). Refused
 * while another unit import runs.
 */
export function startUnitImportJob(
  db: Db,
  actor: Actor,
  list: CheckedUnitList,
  fileName: string,
  options: ImportUnitsOptions,
  log: (error: unknown) => void,
): UnitImportJobDto {
  jobs.sweep();
  claim();
  const job: Job = {
    id: newId(),
    userId: actor.userId,
    fileName: fileName.slice(0, 200),
    startedAt: busy!.startedAt,
    finishedAt: null,
    status: 'running',
    progress: newUnitImportProgress(list.rows.length),
    result: null,
    message: null,
    errors: [],
    touchedAt: Date.now(),
  };
  jobs.add(job.id, job);
  void applyUnitList(db, actor, list, { ...options, dryRun: false }, job.progress)
    .then((result) => {
      job.result = result;
      job.status = 'done';
    })
    .catch((e: unknown) => {
      job.status = 'failed';
      if (e instanceof AppError) {
        job.message = e.message;
        job.errors = e.details;
      } else {
        log(e);
        job.message =
          'Nhập danh mục thất bại: mọi thay đổi đã được hoàn tác, chưa có gì được ghi. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống.';
      }
    })
    .finally(() => {
      job.finishedAt = nowIso();
      job.progress.currentUnit = null;
      job.touchedAt = Date.now();
      busy = null;
    });
  return view(job);
}

/** A job of the asking user (another user's, or an expired one, is not found). */
export function getUnitImportJob(actor: Actor, id: string): UnitImportJobDto {
  return view(jobs.get(actor, id));
}
