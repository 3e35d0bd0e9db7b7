import type { ErrorDetail } from '@toso/domain/errors';
import type { UnitLevel } from '@toso/domain/roles';
import { cleanText, foldText } from '@toso/domain/text';
import { isValidParentLevel, levelForKind, parseUnitKind, type UnitKind } from '@toso/domain/units';
import type { Table } from '../../lib/tabular';

/** A row of an official unit list, checked and ready to apply. */
export interface UnitImportRow {
  row: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

const HEADER_ALIASES: Record<'code' | 'name' | 'type' | 'parent_code' | 'snapshot', string[]> = {
  code: ['code', 'ma', 'ma don vi', 'ma dvhc', 'ma so'],
  name: ['name', 'ten', 'ten don vi', 'ten dvhc'],
  type: ['type', 'kind', 'loai', 'cap', 'loai don vi'],
  parent_code: [
    'parent_code',
    'parent',
    'ma cha',
    'ma cap tren',
    'ma don vi cap tren',
    'ma tinh',
    'ma huyen',
  ],
  snapshot: ['snapshot', 'ngay du lieu', 'thoi diem'],
};

export type Field = keyof typeof HEADER_ALIASES;

function mapHeaders(headers: string[]): Partial<Record<Field, string>> {
  const mapped: Partial<Record<Field, string>> = {};
  for (const header of headers) {
    const folded = foldText(header).replace(/_/g, ' ');
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [Field, string[]][]) {
      if (!mapped[field] && aliases.some((a) => a.replace(/_/g, ' ') === folded))
        mapped[field] = header;
    }
  }
  return mapped;
}

export interface ParsedUnitList {
  rows: UnitImportRow[];
  errors: ErrorDetail[];
  snapshots: string[];
  /** The file's own header for a field, so errors name the column the person sees. */
  column: (field: Field) => string;
}

/** Checks every row of an official list; returns all problems at once, by row and column. */
export function parseUnitList(table: Table, snapshot?: string): ParsedUnitList {
  const cols = mapHeaders(table.headers);
  const column = (f: Field) => cols[f] ?? f;
  const errors: ErrorDetail[] = [];
  for (const f of ['code', 'name', 'type'] as const) {
    if (!cols[f]) {
      errors.push({ path: `header.${f}`, row: 1, column: f, message: `Thiếu cột "${f}"` });
    }
  }
  if (errors.length > 0) return { rows: [], errors, snapshots: [], column };
  const snapshots = cols.snapshot
    ? [...new Set(table.rows.map((r) => r.values[cols.snapshot as string] ?? ''))].sort()
    : [];
  if (snapshots.length > 1 && !snapshot) {
    errors.push({
      path: 'snapshot',
      column: 'snapshot',
      message: `Tệp có nhiều thời điểm (${snapshots.join(', ')}): chọn một thời điểm để nhập`,
    });
    return { rows: [], errors, snapshots, column };
  }
  const source =
    snapshot && cols.snapshot
      ? table.rows.filter((r) => r.values[cols.snapshot as string] === snapshot)
      : table.rows;
  if (snapshot && source.length === 0) {
    errors.push({
      path: 'snapshot',
      column: 'snapshot',
      message: `Không có dòng nào của thời điểm ${snapshot}`,
    });
  }
  const rows: UnitImportRow[] = [];
  const seen = new Map<string, number>();
  for (const r of source) {
    const get = (f: Field) => (cols[f] ? (r.values[cols[f] as string] ?? '').trim() : '');
    const code = get('code');
    const name = cleanText(get('name'));
    const kind = parseUnitKind(get('type'));
    const parentCode = get('parent_code') || null;
    const before = errors.length;
    const bad = (column: string, message: string) =>
      errors.push({
        path: `rows.${r.row}.${column}`,
        row: r.row,
        column: cols[column as Field] ?? column,
        message,
      });
    if (!/^\d{2,5}$/.test(code)) bad('code', `Mã "${code}" không hợp lệ (2 đến 5 chữ số)`);
    else if (seen.has(code)) bad('code', `Mã ${code} trùng với dòng ${seen.get(code)}`);
    if (name.length < 2) bad('name', 'Thiếu tên đơn vị');
    if (!kind) bad('type', `Loại đơn vị "${get('type')}" không được nhận ra`);
    if (parentCode !== null && !/^\d{2,5}$/.test(parentCode)) {
      bad('parent_code', `Mã cấp trên "${parentCode}" không hợp lệ`);
    }
    if (parentCode === code) bad('parent_code', 'Đơn vị không thể là cấp trên của chính nó');
    seen.set(code, seen.get(code) ?? r.row);
    if (errors.length === before && kind) rows.push({ row: r.row, code, name, kind, parentCode });
  }
  return { rows, errors, snapshots, column };
}

/** The level each row takes, resolving parents from the file first, then from known units. */
export function resolveLevels(
  rows: UnitImportRow[],
  known: Map<string, UnitLevel>,
  column: (field: Field) => string = (f) => f,
): { levels: Map<string, UnitLevel>; errors: ErrorDetail[] } {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const levels = new Map<string, UnitLevel>();
  const errors: ErrorDetail[] = [];
  const visiting = new Set<string>();
  const resolve = (r: UnitImportRow): UnitLevel | null => {
    const done = levels.get(r.code);
    if (done) return done;
    if (visiting.has(r.code)) return null;
    visiting.add(r.code);
    let parentLevel: UnitLevel | null = null;
    if (r.parentCode !== null) {
      const inFile = byCode.get(r.parentCode);
      parentLevel = inFile ? resolve(inFile) : (known.get(r.parentCode) ?? null);
      if (parentLevel === null) {
        errors.push({
          path: `rows.${r.row}.parent_code`,
          row: r.row,
          column: column('parent_code'),
          message: `Không tìm thấy đơn vị cấp trên mã ${r.parentCode}`,
        });
        return null;
      }
    }
    const level = levelForKind(r.kind, parentLevel);
    if (!level || !isValidParentLevel(parentLevel, level)) {
      errors.push({
        path: `rows.${r.row}.type`,
        row: r.row,
        column: column('type'),
        message: `Đơn vị cấp ${level ?? '?'} không thể trực thuộc cấp ${parentLevel ?? '(gốc)'}`,
      });
      return null;
    }
    levels.set(r.code, level);
    return level;
  };
  rows.forEach(resolve);
  return { levels, errors };
}
