import { z } from 'zod';
import { errorDetailSchema } from './errors';
import { foldText } from './text';
import type { UnitLevel } from './roles';
import { UNIT_LEVELS } from './roles';

export const UNIT_KINDS = [
  'tinh',
  'thanh_pho',
  'huyen',
  'quan',
  'thi_xa',
  'xa',
  'phuong',
  'thi_tran',
  'dac_khu',
  'xom',
  'thon',
  'ban',
  'to_dan_pho',
  'lang',
  'ap',
  'khu_pho',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Vietnamese display names of unit kinds, as written before a unit's proper name. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  tinh: 'Tỉnh',
  thanh_pho: 'Thành phố',
  huyen: 'Huyện',
  quan: 'Quận',
  thi_xa: 'Thị xã',
  xa: 'Xã',
  phuong: 'Phường',
  thi_tran: 'Thị trấn',
  dac_khu: 'Đặc khu',
  xom: 'Xóm',
  thon: 'Thôn',
  ban: 'Bản',
  to_dan_pho: 'Tổ dân phố',
  lang: 'Làng',
  ap: 'Ấp',
  khu_pho: 'Khu phố',
};

export const HAMLET_KINDS = ['xom', 'thon', 'ban', 'to_dan_pho', 'lang', 'ap', 'khu_pho'] as const;

const KIND_LEVEL: Record<UnitKind, UnitLevel | 'province_or_district'> = {
  tinh: 'province',
  thanh_pho: 'province_or_district',
  huyen: 'district',
  quan: 'district',
  thi_xa: 'district',
  xa: 'commune',
  phuong: 'commune',
  thi_tran: 'commune',
  dac_khu: 'commune',
  xom: 'hamlet',
  thon: 'hamlet',
  ban: 'hamlet',
  to_dan_pho: 'hamlet',
  lang: 'hamlet',
  ap: 'hamlet',
  khu_pho: 'hamlet',
};

/** Recognises a unit kind from its Vietnamese name ("Thị trấn", "thi tran", "TDP"…). */
export function parseUnitKind(input: string): UnitKind | null {
  const folded = foldText(input).replace(/[\s_-]+/g, '_');
  if (folded === 'tdp') return 'to_dan_pho';
  if (folded === 'tp') return 'thanh_pho';
  if (folded === 'tt') return 'thi_tran';
  return (UNIT_KINDS as readonly string[]).includes(folded) ? (folded as UnitKind) : null;
}

/** The level of a unit of this kind, given its parent's level (null for a root). */
export function levelForKind(kind: UnitKind, parentLevel: UnitLevel | null): UnitLevel | null {
  const level = KIND_LEVEL[kind];
  if (level === 'province_or_district') return parentLevel === null ? 'province' : 'district';
  return level;
}

/** Whether a unit of `child` level may sit under a unit of `parent` level (variable depth). */
export function isValidParentLevel(parent: UnitLevel | null, child: UnitLevel): boolean {
  if (parent === null) return child === 'province';
  const p = UNIT_LEVELS.indexOf(parent);
  const c = UNIT_LEVELS.indexOf(child);
  if (child === 'commune') return parent === 'province' || parent === 'district';
  return c === p + 1;
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');
export const uuidParam = z.uuid();

export const unitSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(UNIT_LEVELS),
  kind: z.enum(UNIT_KINDS),
  code: z.string().nullable(),
  name: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  isDemo: z.boolean(),
  childCount: z.number().int(),
  successorIds: z.array(z.string()),
  path: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type UnitDto = z.infer<typeof unitSchema>;

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** The same page fields in a JSON body (a POST search): numbers, not strings to coerce. */
export const pageBody = {
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
};

export const listUnitsQuery = z.object({
  q: z.string().max(100).optional(),
  parentId: z.uuid().optional(),
  level: z.enum(UNIT_LEVELS).optional(),
  includeRetired: z.enum(['0', '1']).optional(),
  ...pageQuery,
});
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

const unitName = z
  .string()
  .trim()
  .min(2, 'Tên phải có ít nhất 2 ký tự')
  .max(120, 'Tên dài tối đa 120 ký tự');

export const createHamletBody = z.object({
  parentId: z.uuid(),
  kind: z.enum(HAMLET_KINDS),
  name: unitName,
});
export type CreateHamletBody = z.infer<typeof createHamletBody>;

export const renameUnitBody = z.object({ name: unitName });

export const retireUnitBody = z.object({
  validTo: isoDate,
  successorIds: z.array(z.uuid()).max(10).default([]),
});
export type RetireUnitBody = z.infer<typeof retireUnitBody>;

/** Full display name: "Xóm Làng Mới" from kind xom and name "Làng Mới". */
export function unitDisplayName(kind: UnitKind, name: string): string {
  const label = UNIT_KIND_LABELS[kind];
  return foldText(name).startsWith(foldText(label)) ? name : `${label} ${name}`;
}

/** The counts of an official unit list import (a preview, or what was written). */
export const unitImportResultSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Of the updated, units given another parent: each carries its subtree and records. */
  moved: z.number().int(),
  dryRun: z.boolean(),
});
export type UnitImportResult = z.infer<typeof unitImportResultSchema>;

/**
 * A unit list import running in the background (its commit can move whole communes with their
 * records, minutes for a province's reform): progress while it runs, the result or the error after.
 */
export const unitImportJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** checking the list against the units, writing creates and renames, moving subtrees, saving. */
  phase: z.enum(['checking', 'writing', 'moving', 'saving']),
  fileName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Rows of the list, and how many were read and checked. */
  total: z.number().int(),
  read: z.number().int(),
  /** Units given another parent (each carries its subtree and records), and how many are done. */
  moves: z.number().int(),
  moved: z.number().int(),
  /** Units and records whose path was rewritten so far (every table). */
  rowsRewritten: z.number().int(),
  /** Work done of the whole, in steps (a write, or one table of a move): for a progress bar. */
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  /** The unit being moved now (an official unit name), if any. */
  currentUnit: z.string().nullable(),
  result: unitImportResultSchema.nullable(),
  message: z.string().nullable(),
  errors: z.array(errorDetailSchema),
});
export type UnitImportJobDto = z.infer<typeof unitImportJobSchema>;
