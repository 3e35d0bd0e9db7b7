import { indicatorTitle, type TargetGridDto } from '@toso/domain/campaigns';
import type { ErrorDetail } from '@toso/domain/errors';
import { foldText } from '@toso/domain/text';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { todayInVietnam } from '../../lib/ids';
import type { Table } from '../../lib/tabular';
import { buildWorkbook } from '../../lib/xlsx';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { campaignRow, canSetOwn, targetGrid, writeTargets } from './targets.service';

export const CODE_COLUMN = 'Mã đơn vị';
export const NAME_COLUMN = 'Tên đơn vị';
const MAX_TARGET = 10_000_000;

/**
 * The grid of a unit as a workbook: one row per unit below it and a last row for the unit
 * itself, one column per indicator; a second sheet gives the counts reached (for reading only).
 */
export async function targetsWorkbook(
  db: Db,
  actor: Actor,
  campaignId: string,
  unitId: string | undefined,
): Promise<{ data: Buffer; grid: TargetGridDto }> {
  const grid = await targetGrid(db, actor, campaignId, unitId, 'working_age');
  const titles = grid.indicators.map((i) => indicatorTitle(i));
  const columns = [
    { header: CODE_COLUMN, width: 12 },
    { header: NAME_COLUMN, width: 30 },
    ...titles.map((header) => ({ header, width: 24 })),
  ];
  const rowsOf = (pick: 'target' | 'count') => [
    ...grid.rows.map((r) => [r.code, r.unitName, ...r.cells.map((c) => c[pick])]),
    [grid.unit.code, grid.unit.name, ...grid.parent.map((p) => p[pick])],
  ];
  const data = await buildWorkbook([
    { name: 'Chỉ tiêu', columns, rows: rowsOf('target') },
    { name: 'Đã đạt (chỉ để xem)', columns, rows: rowsOf('count') },
  ]);
  return { data, grid };
}

export interface TargetChange {
  row: number;
  unitId: string;
  unitName: string;
  indicatorId: string;
  column: string;
  before: number | null;
  after: number | null;
}

/**
 * Reads a workbook of the export's layout back. Rows are matched to the unit and the units below
 * it by code, or by name for hamlets (which have no code); columns to indicators by their title.
 * Every problem is listed with its row and column; with `commit` the changes are written in one
 * transaction only when there is none.
 */
export async function importTargets(
  db: Db,
  actor: Actor,
  campaignId: string,
  unitId: string,
  table: Table,
  commit: boolean,
): Promise<{ committed: boolean; changes: TargetChange[]; errors: ErrorDetail[] }> {
  const campaign = await campaignRow(db, actor, campaignId);
  const grid = await targetGrid(db, actor, campaignId, unitId, 'working_age');
  const errors: ErrorDetail[] = [];
  const fail = (row: number, column: string, message: string) =>
    errors.push({ path: 'file', row, column, message });

  const headers = table.headers.map((h) => (h ?? '').trim().normalize('NFC'));
  if (!headers.includes(NAME_COLUMN)) fail(1, NAME_COLUMN, `Thiếu cột “${NAME_COLUMN}”`);
  const byTitle = new Map(grid.indicators.map((i, n) => [indicatorTitle(i), n]));
  const columns: { header: string; index: number }[] = [];
  for (const [i, h] of headers.entries()) {
    if (!h || h === CODE_COLUMN || h === NAME_COLUMN) continue;
    const index = byTitle.get(h);
    if (index === undefined)
      fail(1, h, 'Cột không phải chỉ tiêu của đợt này (giữ nguyên tiêu đề như tệp tải về)');
    else if (columns.some((c) => c.index === index)) fail(1, h, 'Cột chỉ tiêu bị lặp');
    else columns.push({ header: table.headers[i], index });
  }

  // The units a row may name: the unit itself and the units right below it.
  const own = {
    unitId: grid.unit.id,
    unitName: grid.unit.name,
    code: grid.unit.code,
    targets: grid.parent.map((p) => p.target),
  };
  const known = [
    ...grid.rows.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      code: r.code,
      targets: r.cells.map((c) => c.target),
    })),
    own,
  ];
  const byCode = new Map(known.filter((u) => u.code).map((u) => [u.code!, u]));
  const byName = new Map<string, (typeof known)[number][]>();
  for (const u of known) {
    const key = foldText(u.unitName);
    byName.set(key, [...(byName.get(key) ?? []), u]);
  }
  const rawCode = headers.indexOf(CODE_COLUMN);
  const rawName = headers.indexOf(NAME_COLUMN);
  const seen = new Map<string, number>();
  const changes: TargetChange[] = [];
  const units = new Map<string, { path: string }>();

  for (const r of table.rows) {
    const code = rawCode >= 0 ? (r.values[table.headers[rawCode]] ?? '').trim() : '';
    const name = rawName >= 0 ? (r.values[table.headers[rawName]] ?? '').trim() : '';
    let unit = code ? byCode.get(code) : undefined;
    if (!unit && code) {
      const elsewhere = await db
        .selectFrom('units')
        .select(['path', 'name'])
        .where('code', '=', code)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', todayInVietnam())]))
        .executeTakeFirst();
      if (!elsewhere) fail(r.row, CODE_COLUMN, `Không có đơn vị mã ${code}`);
      else if (!actor.scope.contains(elsewhere.path))
        fail(r.row, CODE_COLUMN, `Đơn vị mã ${code} nằm ngoài địa bàn của bạn`);
      else fail(r.row, CODE_COLUMN, `${elsewhere.name} không trực thuộc ${grid.unit.name}`);
      continue;
    }
    if (!unit) {
      const matches = byName.get(foldText(name)) ?? [];
      if (!name) {
        fail(r.row, NAME_COLUMN, 'Thiếu mã hoặc tên đơn vị');
        continue;
      }
      if (matches.length !== 1) {
        fail(
          r.row,
          NAME_COLUMN,
          matches.length === 0
            ? `Không có đơn vị “${name}” trực thuộc ${grid.unit.name}`
            : `Có nhiều đơn vị tên “${name}”: ghi mã đơn vị`,
        );
        continue;
      }
      unit = matches[0];
    }
    const first = seen.get(unit.unitId);
    if (first !== undefined) {
      fail(r.row, NAME_COLUMN, `${unit.unitName} đã có ở dòng ${first}`);
      continue;
    }
    seen.set(unit.unitId, r.row);
    for (const col of columns) {
      const text = (r.values[col.header] ?? '').replace(/[\s\u00a0]/g, '');
      let value: number | null = null;
      if (text !== '') {
        if (!/^\d+$/.test(text) || Number(text) > MAX_TARGET) {
          fail(r.row, col.header, `“${text}” không phải số nguyên từ 0 trở lên`);
          continue;
        }
        if (grid.indicators[col.index].kind === 'working_age_share' && Number(text) > 100) {
          fail(r.row, col.header, `“${text}”: chỉ tiêu tỷ lệ là phần trăm, từ 0 đến 100`);
          continue;
        }
        value = Number(text);
      }
      const before = unit.targets[col.index];
      if (value === before) continue;
      if (unit === own && !canSetOwn(actor, { id: own.unitId })) {
        fail(r.row, col.header, `Chỉ tiêu của ${own.unitName} do cấp trên giao`);
        continue;
      }
      changes.push({
        row: r.row,
        unitId: unit.unitId,
        unitName: unit.unitName,
        indicatorId: grid.indicators[col.index].id,
        column: col.header,
        before,
        after: value,
      });
    }
  }

  if (!commit) return { committed: false, changes, errors };
  if (errors.length > 0)
    throw new AppError(
      'import_invalid',
      `Tệp có ${errors.length} lỗi; chưa có gì được ghi.`,
      errors,
    );
  if (changes.length > 0) {
    const paths = await db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', 'in', [...new Set([grid.unit.id, ...changes.map((c) => c.unitId)])])
      .execute();
    for (const p of paths) units.set(p.id, { path: p.path });
    await db.transaction().execute(async (tx) => {
      await writeTargets(
        tx,
        actor,
        changes.map((c) => ({ indicatorId: c.indicatorId, unitId: c.unitId, value: c.after })),
        units,
      );
      await recordAudit(tx, actor, {
        entity: 'target',
        entityId: campaign.id,
        action: 'import',
        unitPath: paths.find((p) => p.id === grid.unit.id)?.path ?? actor.unitPath,
        summary: { after: { unit: grid.unit.name, cells: changes.length } },
      });
    });
  }
  return { committed: true, changes, errors };
}
