import { normalizePhone } from '@toso/domain/phone';
import { foldText } from '@toso/domain/text';
import { matchAttendee, parsePresentCell } from '@toso/domain/trainings';
import type { ErrorDetail } from '@toso/domain/errors';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import type { Table } from '../../lib/tabular';
import { buildWorkbook } from '../../lib/xlsx';
import type { Actor } from '../../plugins/auth';
import { getTrainingVisible, takeAttendance } from './trainings.service';
import { invitationsInScope } from './trainings.repository';

export const ATTENDANCE_COLUMNS = {
  name: 'Họ và tên',
  hamlet: 'Thôn, xóm',
  phone: 'Số điện thoại',
  present: 'Có mặt (x)',
} as const;

/** The attendance sheet of a training, with the invited members the reader may see. */
export async function attendanceTemplate(db: Db, actor: Actor, id: string) {
  const t = await getTrainingVisible(db, actor.scope, id);
  const invitations = await invitationsInScope(db, actor.scope, id);
  const data = await buildWorkbook([
    {
      name: 'Điểm danh',
      columns: [
        { header: 'STT', width: 6 },
        { header: ATTENDANCE_COLUMNS.name, width: 28 },
        { header: ATTENDANCE_COLUMNS.hamlet, width: 24 },
        { header: 'Xã', width: 20 },
        { header: ATTENDANCE_COLUMNS.phone, width: 16 },
        { header: ATTENDANCE_COLUMNS.present, width: 12 },
      ],
      rows: invitations.map((i, n) => [
        n + 1,
        i.full_name,
        i.hamlet_name,
        i.commune_name,
        i.phone,
        i.present === 1 ? 'x' : '',
      ]),
    },
  ]);
  return { data, title: t.title, heldOn: t.held_on };
}

/**
 * Reads an attendance sheet: every row must name one invited member (by phone, or by name and
 * hamlet) and say present or not. Any bad row and nothing is written.
 */
export async function importAttendance(db: Db, actor: Actor, id: string, table: Table) {
  await getTrainingVisible(db, actor.scope, id);
  const missing = [ATTENDANCE_COLUMNS.name, ATTENDANCE_COLUMNS.present].filter(
    (h) => !table.headers.includes(h),
  );
  if (missing.length > 0)
    throw new AppError(
      'import_invalid',
      `Thiếu cột: ${missing.join(', ')}. Hãy dùng mẫu điểm danh tải về.`,
      missing.map((h) => ({ path: 'file', column: h, row: 1, message: `Thiếu cột "${h}"` })),
    );
  const invitations = await invitationsInScope(db, actor.scope, id);
  const candidates = invitations.map((i) => ({
    id: i.id,
    nameFolded: i.full_name_folded,
    hamletFolded: i.hamlet_folded,
    phone: i.phone ? normalizePhone(i.phone) : null,
  }));
  const errors: ErrorDetail[] = [];
  const present: string[] = [];
  const absent: string[] = [];
  const seen = new Map<string, number>();
  const err = (row: number, column: string, message: string) =>
    errors.push({ path: 'file', row, column, message });
  for (const r of table.rows) {
    const name = (r.values[ATTENDANCE_COLUMNS.name] ?? '').trim();
    const hamlet = (r.values[ATTENDANCE_COLUMNS.hamlet] ?? '').trim();
    const phoneText = (r.values[ATTENDANCE_COLUMNS.phone] ?? '').trim();
    const mark = parsePresentCell(r.values[ATTENDANCE_COLUMNS.present] ?? '');
    if (name === '' && phoneText === '') {
      err(r.row, ATTENDANCE_COLUMNS.name, 'Thiếu họ tên');
      continue;
    }
    let phone: string | null = null;
    if (phoneText !== '') {
      phone = normalizePhone(phoneText);
      if (!phone) err(r.row, ATTENDANCE_COLUMNS.phone, `Số điện thoại "${phoneText}" không hợp lệ`);
    }
    if (mark === null)
      err(r.row, ATTENDANCE_COLUMNS.present, 'Ghi "x" nếu có mặt, để trống nếu vắng');
    const match = matchAttendee(candidates, {
      nameFolded: foldText(name),
      hamletFolded: foldText(hamlet),
      phone,
    });
    if ('error' in match) {
      err(
        r.row,
        ATTENDANCE_COLUMNS.name,
        match.error === 'ambiguous'
          ? `Có nhiều người tên "${name}": ghi thêm thôn, xóm hoặc số điện thoại`
          : `"${name}" không có trong danh sách mời của buổi tập huấn`,
      );
      continue;
    }
    const earlier = seen.get(match.id);
    if (earlier !== undefined) {
      err(r.row, ATTENDANCE_COLUMNS.name, `Trùng với dòng ${earlier}`);
      continue;
    }
    seen.set(match.id, r.row);
    if (mark === true) present.push(match.id);
    else if (mark === false) absent.push(match.id);
  }
  if (table.rows.length === 0)
    errors.push({ path: 'file', message: 'Bảng điểm danh không có dòng nào' });
  if (errors.length > 0)
    throw new AppError(
      'import_invalid',
      `Bảng điểm danh có ${errors.length} lỗi; chưa có gì được ghi.`,
      errors,
    );
  await takeAttendance(db, actor, id, { present, absent }, 'import_attendance');
  return { rows: table.rows.length, present: present.length, absent: absent.length };
}
