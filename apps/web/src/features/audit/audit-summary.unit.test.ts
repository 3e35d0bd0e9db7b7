import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import vi from '../../locales/vi.json';
import { formatAuditSummary } from './audit-summary';

/** The Vietnamese words, looked up as i18next would (nested keys, the default when missing). */
const t = ((key: string, options?: { defaultValue?: string; count?: number }) => {
  const found = key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown>)?.[k], vi);
  if (typeof found !== 'string') return options?.defaultValue ?? key;
  return found.replace('{{count}}', String(options?.count ?? ''));
}) as unknown as TFunction;

describe('audit summary', () => {
  it('names the fields and shows a change as before → after', () => {
    expect(formatAuditSummary({ before: { name: 'Xóm A' }, after: { name: 'Xóm B' } }, t)).toBe(
      'Tên: Xóm A → Xóm B',
    );
  });

  it('shows a unit import’s records carried as counts by table, not as JSON', () => {
    const text = formatAuditSummary(
      {
        after: {
          created: 0,
          updated: 1,
          moved: 1,
          carried: { units: 3, residents: 120 },
          rowsRewritten: 123,
        },
      },
      t,
    );
    expect(text).toBe(
      'Thêm mới: 0; Cập nhật: 1; Số đơn vị được chuyển: 1; Bản ghi chuyển theo (theo bảng): Đơn vị: 3, Người dân: 120; Số bản ghi được chuyển theo: 123',
    );
    expect(text).not.toContain('{');
  });

  it('names in both languages every table a unit move carries', () => {
    const server = readFileSync(
      join(import.meta.dirname, '../../../../server/src/features/units/unit-moves.ts'),
      'utf8',
    );
    const list = server.slice(server.indexOf('UNIT_PATH_TABLES = ['));
    const tables = [
      'units',
      ...[...list.slice(0, list.indexOf(']')).matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!),
    ];
    expect(tables.length).toBeGreaterThan(20);
    for (const words of [vi, en])
      expect(tables.filter((table) => !(table in words.audit.table))).toEqual([]);
  });
});
