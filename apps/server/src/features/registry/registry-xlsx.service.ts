import ExcelJS from 'exceljs';
import { IMPORT_TEMPLATE_HEADERS, RELATION_LABELS, type ImportField } from '@toso/domain/registry';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { buildWorkbook } from '../../lib/xlsx';
import type { Actor } from '../../plugins/auth';
import { getUnitInScope } from '../units/units.service';
import { listResidentsForActor } from './registry.service';

const TEMPLATE_FIELDS: ImportField[] = [
  'hamlet',
  'household',
  'address',
  'fullName',
  'birthYear',
  'sex',
  'relation',
  'phone',
  'nationalId',
  'ethnicity',
  'notes',
];

/** The household list template: the usual Vietnamese headers and two example households. */
export async function registryTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách hộ');
  ws.columns = TEMPLATE_FIELDS.map((f) => ({
    header: IMPORT_TEMPLATE_HEADERS[f],
    width: f === 'fullName' || f === 'address' ? 26 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow([
    'Xóm Làng Mới',
    '1',
    'Số 12, xóm Làng Mới',
    'Nguyễn Văn An',
    1975,
    'Nam',
    'Chủ hộ',
    '0912345678',
    '',
    'Tày',
    '',
  ]);
  ws.addRow(['Xóm Làng Mới', '1', '', 'Hoàng Thị Bình', 1978, 'Nữ', 'Vợ', '', '', 'Tày', '']);
  ws.addRow([
    'Xóm Làng Mới',
    '2',
    'Số 15, xóm Làng Mới',
    'Trần Văn Cường',
    1990,
    'Nam',
    'Chủ hộ',
    '0987654321',
    '',
    'Kinh',
    '',
  ]);
  for (let row = 2; row <= 2000; row += 1) {
    ws.getCell(row, 6).dataValidation = { type: 'list', allowBlank: true, formulae: ['"Nam,Nữ"'] };
    ws.getCell(row, 7).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.values(RELATION_LABELS).join(',')}"`],
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MAX_EXPORT = 200_000;

/** A hamlet's or commune's residents; phones and ethnicity as the user may see them, cells escaped. */
export async function registryWorkbook(db: Db, config: AppConfig, actor: Actor, unitId: string) {
  const unit = await getUnitInScope(db, actor.scope, unitId);
  if (unit.level !== 'hamlet' && unit.level !== 'commune') {
    throw new AppError('validation_failed', 'Xuất danh sách theo xóm hoặc theo xã', [
      { path: 'query.unitId', message: 'Chọn xóm hoặc xã' },
    ]);
  }
  const rows: (string | number | null)[][] = [];
  for (let page = 1; ; page += 1) {
    const { items } = await listResidentsForActor(db, config, actor, {
      unitId,
      page,
      pageSize: 200,
    });
    for (const r of items) {
      rows.push([
        r.hamletName,
        r.householdHead,
        r.householdAddress,
        r.fullName,
        r.birthYear,
        r.sex === 'male' ? 'Nam' : r.sex === 'female' ? 'Nữ' : '',
        RELATION_LABELS[r.relation],
        r.phone,
        r.nationalIdLast4 ? `••••${r.nationalIdLast4}` : '',
        r.ethnicity,
        r.notes,
      ]);
    }
    if (items.length < 200 || rows.length >= MAX_EXPORT) break;
  }
  const data = await buildWorkbook([
    {
      name: 'Nhân khẩu',
      columns: [
        'Xóm / Thôn / Tổ dân phố',
        'Chủ hộ',
        'Địa chỉ',
        'Họ và tên',
        'Năm sinh',
        'Giới tính',
        'Quan hệ với chủ hộ',
        'Số điện thoại',
        'Số CCCD (4 số cuối)',
        'Dân tộc',
        'Ghi chú',
      ].map((header) => ({ header, width: 20 })),
      rows,
    },
  ]);
  return { data, name: unit.name };
}
