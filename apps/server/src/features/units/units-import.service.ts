import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import type { ErrorDetail } from '@toso/domain/errors';
import { hasPermission, UNIT_LEVELS, type UnitLevel } from '@toso/domain/roles';
import { foldText } from '@toso/domain/text';
import { readerOf, type Db, type Executor } from '../../db/db';
import { AppError, forbidden } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Table } from '../../lib/tabular';
import type { Actor } from '../../plugins/auth';
import { recordAudit, type SystemActor } from '../audit/audit.service';
import {
  findActiveByCode,
  findUnitById,
  insertUnit,
  updateUnit,
  type UnitRow,
} from './units.repository';
import { bytewiseCollation } from '../../lib/collation';
import { sqlDialect } from '../../lib/sql';
import { MOVE_STEPS, moveSubtree, type MovedCounts } from './unit-moves';
import { parseUnitList, resolveLevels, type Field, type UnitImportRow } from './units.import';

export interface ImportUnitsOptions {
  snapshot?: string;
  list?: string;
  dryRun?: boolean;
  isDemo?: boolean;
}

export interface ImportUnitsResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Of the updated, units given another parent (each carries its subtree and records). */
  moved: number;
  dryRun: boolean;
}

type Step =
  | { type: 'create'; row: UnitRow }
  | { type: 'update'; before: UnitRow; changes: Partial<UnitRow>; movedFrom?: string };

function fail(errors: ErrorDetail[]): never {
  throw new AppError(
    'import_invalid',
    `Tệp có ${errors.length} lỗi; chưa có gì được ghi. Sửa các dòng được nêu rồi nhập lại.`,
    errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
  );
}

async function plan(
  db: Executor,
  scope: Scope,
  rows: UnitImportRow[],
  levels: Map<string, UnitLevel>,
  options: ImportUnitsOptions,
  column: (field: Field) => string,
): Promise<Step[]> {
  const today = todayInVietnam();
  const codes = [
    ...new Set(rows.flatMap((r) => (r.parentCode ? [r.code, r.parentCode] : [r.code]))),
  ];
  const existing = new Map(
    (await findActiveByCode(db, codes, today)).map((u) => [u.code as string, u]),
  );
  const placed = new Map<string, { id: string; path: string }>();
  const errors: ErrorDetail[] = [];
  const steps: Step[] = [];
  const now = nowIso();
  const validFrom =
    options.snapshot && /^\d{4}-\d{2}-\d{2}$/.test(options.snapshot) ? options.snapshot : null;
  const ordered = [...rows].sort(
    (a, b) => UNIT_LEVELS.indexOf(levels.get(a.code)!) - UNIT_LEVELS.indexOf(levels.get(b.code)!),
  );
  for (const r of ordered) {
    const level = levels.get(r.code)!;
    const err = (field: Field, message: string) =>
      errors.push({ path: `rows.${r.row}.${field}`, row: r.row, column: column(field), message });
    let parent: { id: string; path: string } | null = null;
    if (r.parentCode) {
      parent = placed.get(r.parentCode) ?? existing.get(r.parentCode) ?? null;
      if (!parent) continue; // reported by resolveLevels
      if (!placed.has(r.parentCode) && !scope.contains(parent.path)) {
        err('parent_code', `Đơn vị cấp trên ${r.parentCode} nằm ngoài phạm vi của bạn`);
        continue;
      }
    } else if (!scope.all) {
      err('parent_code', 'Chỉ quản trị hệ thống được nhập đơn vị cấp cao nhất');
      continue;
    }
    const found = existing.get(r.code);
    if (found) {
      if (!scope.contains(found.path)) {
        err('code', `Mã ${r.code} thuộc đơn vị ngoài phạm vi của bạn`);
        continue;
      }
      if (found.level !== level) {
        err('code', `Mã ${r.code} đang dùng cho đơn vị cấp ${found.level}`);
        continue;
      }
      const newPath = `${parent ? parent.path : '/'}${found.id}/`;
      const changes: Partial<UnitRow> = {};
      if (found.name !== r.name)
        Object.assign(changes, { name: r.name, name_folded: foldText(r.name) });
      if (found.kind !== r.kind) changes.kind = r.kind;
      if (found.parent_id !== (parent?.id ?? null))
        Object.assign(changes, { parent_id: parent?.id ?? null, path: newPath });
      placed.set(r.code, { id: found.id, path: newPath });
      if (Object.keys(changes).length > 0) {
        steps.push({
          type: 'update',
          before: found,
          changes: { ...changes, updated_at: now },
          movedFrom: changes.path ? found.path : undefined,
        });
      }
      continue;
    }
    const id = newId();
    const path = `${parent ? parent.path : '/'}${id}/`;
    placed.set(r.code, { id, path });
    steps.push({
      type: 'create',
      row: {
        id,
        parent_id: parent?.id ?? null,
        level,
        kind: r.kind,
        code: r.code,
        name: r.name,
        name_folded: foldText(r.name),
        path,
        valid_from: validFrom,
        valid_to: null,
        is_demo: options.isDemo ? 1 : 0,
        created_at: now,
        updated_at: now,
      },
    });
  }
  if (errors.length > 0) fail(errors);
  return steps;
}

/**
 * Progress of an import, updated in place while it runs (a background job polls it): rows read,
 * units moved of those to move, rows rewritten, and steps (a write, or one statement of a move).
 */
export interface UnitImportProgress {
  phase: 'checking' | 'writing' | 'moving' | 'saving';
  total: number;
  read: number;
  moves: number;
  moved: number;
  rowsRewritten: number;
  stepsDone: number;
  stepsTotal: number;
  currentUnit: string | null;
}

export function newUnitImportProgress(total: number): UnitImportProgress {
  return {
    phase: 'checking',
    total,
    read: 0,
    moves: 0,
    moved: 0,
    rowsRewritten: 0,
    stepsDone: 0,
    stepsTotal: 0,
    currentUnit: null,
  };
}

/**
 * Applies the plan. A unit given another parent carries its subtree and records (`moveSubtree`);
 * its path is read again first, as an earlier step may have moved an ancestor of it already.
 * Returns how many rows each table had rewritten by moves.
 */
async function apply(
  tx: Executor,
  steps: Step[],
  progress: UnitImportProgress,
): Promise<Partial<MovedCounts>> {
  const moved: Partial<MovedCounts> = {};
  const moves = steps.filter((s) => s.type === 'update' && s.changes.path).length;
  Object.assign(progress, {
    phase: 'writing',
    moves,
    stepsTotal: steps.length + moves * MOVE_STEPS,
  });
  // Read once for every move of the import (it was read once per moved unit).
  const asRange = moves > 0 ? await bytewiseCollation(tx) : false;
  for (const s of steps) {
    if (s.type === 'create') {
      await insertUnit(tx, s.row);
      progress.stepsDone += 1;
      continue;
    }
    const { path, ...rest } = s.changes;
    await updateUnit(tx, s.before.id, rest);
    progress.stepsDone += 1;
    if (!path || !s.movedFrom) continue;
    progress.phase = 'moving';
    progress.currentUnit = s.changes.name ?? s.before.name;
    const current = (await findUnitById(tx, s.before.id))?.path ?? s.movedFrom;
    if (current !== path) {
      const counts = await moveSubtree(tx, s.before.id, current, path, {
        asRange,
        onStep: async (_table, rows) => {
          progress.rowsRewritten += rows;
          progress.stepsDone += 1;
          // On SQLite every statement runs in this thread and Kysely's awaits are microtasks only:
          // without a turn of the event loop, no poll (nor any request) was answered until the
          // end (a district's 24 communes: 69 s, the bench's timer never fired).
          await setImmediate();
        },
      });
      for (const [table, n] of Object.entries(counts) as [keyof MovedCounts, number][])
        moved[table] = (moved[table] ?? 0) + n;
    } else progress.stepsDone += MOVE_STEPS;
    progress.moved += 1;
    progress.currentUnit = null;
  }
  return moved;
}

/** A list read and checked on its own (before any lookup of what it would change). */
export interface CheckedUnitList {
  rows: UnitImportRow[];
  levels: Map<string, UnitLevel>;
  column: (field: Field) => string;
}

/** Reads and checks a list: every problem of the file is reported at once, by row and column. */
export async function checkUnitList(
  db: Db,
  actor: Actor | SystemActor,
  table: Table,
  options: ImportUnitsOptions = {},
): Promise<CheckedUnitList> {
  if (!hasPermission(actor.role, 'units:import')) throw forbidden();
  const parsed = parseUnitList(table, options.snapshot);
  if (parsed.errors.length === 0 && parsed.rows.length === 0) {
    fail([{ path: 'rows', message: 'Tệp không có dòng dữ liệu nào' }]);
  }
  const codes = [...new Set(parsed.rows.map((r) => r.parentCode).filter((c): c is string => !!c))];
  // Through the read connection: a check need not wait behind another import's transaction.
  const knownRows = await findActiveByCode(readerOf(db), codes, todayInVietnam());
  const known = new Map(knownRows.map((u) => [u.code as string, u.level as UnitLevel]));
  const resolved = resolveLevels(parsed.rows, known, parsed.column);
  if (parsed.errors.length + resolved.errors.length > 0)
    fail([...parsed.errors, ...resolved.errors]);
  return { rows: parsed.rows, levels: resolved.levels, column: parsed.column };
}

/**
 * Plans and (unless a dry run) applies a checked list in one transaction: all or nothing. A
 * dry run reads through `readerOf` (on SQLite a read connection), so a preview does not wait
 * behind another import's long transaction. `progress` is updated in place as the import goes.
 */
/** The key of PostgreSQL's advisory lock held by the transaction of a unit import. */
export const UNIT_IMPORT_LOCK = 174_2025;

/**
 * One unit import at a time across every server process on the database (units-import-jobs.ts
 * refuses a second one within a process): on PostgreSQL the import's transaction takes an advisory
 * lock before it reads anything, so its plan is made on what the previous import committed, or it
 * is refused at once while another holds it. On SQLite the database's single writer already
 * serialises them (a second process waits for the lock, then fails with "database is locked").
 */
async function lockUnitImports(tx: Executor): Promise<void> {
  if (sqlDialect() !== 'postgres') return;
  const r = await sql<{
    got: boolean;
  }>`SELECT pg_try_advisory_xact_lock(${UNIT_IMPORT_LOCK}) AS got`.execute(tx);
  if (!r.rows[0]?.got)
    throw new AppError(
      'conflict',
      'Đang có một lượt nhập danh mục đơn vị khác chạy (từ một máy chủ khác). Chờ lượt đó xong rồi nhập lại.',
    );
}

export async function applyUnitList(
  db: Db,
  actor: Actor | SystemActor,
  list: CheckedUnitList,
  options: ImportUnitsOptions = {},
  progress: UnitImportProgress = newUnitImportProgress(list.rows.length),
): Promise<ImportUnitsResult> {
  const run = async (tx: Executor) => {
    if (!options.dryRun) await lockUnitImports(tx);
    const steps = await plan(tx, actor.scope, list.rows, list.levels, options, list.column);
    progress.read = list.rows.length;
    const created = steps.filter((s) => s.type === 'create').length;
    const updated = steps.length - created;
    const moved = steps.filter((s) => s.type === 'update' && s.movedFrom).length;
    if (options.dryRun || steps.length === 0) return { created, updated, moved };
    const rewritten = await apply(tx, steps, progress);
    progress.phase = 'saving';
    // Every table a move rewrote, by name, and their sum (units included).
    const carried = Object.fromEntries(Object.entries(rewritten).filter(([, n]) => n > 0));
    await recordAudit(tx, actor, {
      entity: 'unit',
      entityId: null,
      action: 'import',
      unitPath: actor.scope.all ? null : actor.scope.path,
      summary: {
        after: {
          created,
          updated,
          codes: steps.slice(0, 50).map((s) => (s.type === 'create' ? s.row.code : s.before.code)),
          ...(progress.moves > 0
            ? {
                moved: progress.moves,
                carried,
                rowsRewritten: Object.values(carried).reduce((a, n) => a + n, 0),
              }
            : {}),
        },
      },
    });
    return { created, updated, moved };
  };
  const result = options.dryRun ? await run(readerOf(db)) : await db.transaction().execute(run);
  return {
    total: list.rows.length,
    created: result.created,
    updated: result.updated,
    unchanged: list.rows.length - result.created - result.updated,
    moved: result.moved,
    dryRun: options.dryRun === true,
  };
}

/** Imports an official unit list; all or nothing, and importing the same list twice changes nothing. */
export async function importUnits(
  db: Db,
  actor: Actor | SystemActor,
  table: Table,
  options: ImportUnitsOptions = {},
  progress?: UnitImportProgress,
): Promise<ImportUnitsResult> {
  const list = await checkUnitList(db, actor, table, options);
  return applyUnitList(db, actor, list, options, progress);
}
