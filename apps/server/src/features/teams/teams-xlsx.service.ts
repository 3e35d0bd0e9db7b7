import {
  AFFILIATION_LABELS,
  TEAM_ROLE_LABELS,
  type CoverageDto,
  type MemberBody,
} from '@toso/domain/teams';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/db';
import { AppError } from '../../lib/app-error';
import type { Table } from '../../lib/tabular';
import { buildWorkbook } from '../../lib/xlsx';
import type { Actor } from '../../plugins/auth';
import { parseRoster, ROSTER_COLUMNS } from './roster';
import { addMembers, getTeamDetail, listTeamsForActor } from './teams.service';

const STATE_LABEL = {
  established: 'Đã thành lập',
  awaiting: 'Chờ quyết định',
  none: 'Chưa có Tổ',
} as const;

export function coverageWorkbook(c: CoverageDto): Promise<Buffer> {
  return buildWorkbook([
    {
      name: 'Tổng hợp',
      columns: [
        { header: 'Mã', width: 8 },
        { header: 'Xã, phường, thị trấn', width: 26 },
        { header: 'Số xóm', width: 9 },
        { header: 'Đã thành lập', width: 13 },
        { header: 'Thành lập trễ hạn', width: 16 },
        { header: 'Chờ quyết định', width: 15 },
        { header: 'Chưa có Tổ', width: 12 },
        { header: 'Chưa đủ thành phần', width: 18 },
        { header: 'Trễ hạn', width: 9 },
      ],
      rows: c.communes.map((r) => [
        r.code,
        r.communeName,
        r.hamlets,
        r.established,
        r.establishedLate,
        r.awaiting,
        r.none,
        r.failingComposition,
        r.isLate ? 'Có' : 'Không',
      ]),
    },
    {
      name: 'Chi tiết',
      columns: [
        { header: 'Xã, phường, thị trấn', width: 26 },
        { header: 'Xóm, tổ dân phố', width: 26 },
        { header: 'Tình trạng', width: 16 },
        { header: 'Tên Tổ', width: 40 },
        { header: 'Ngày thành lập', width: 14 },
        { header: 'Trễ hạn', width: 9 },
        { header: 'Đủ thành phần', width: 14 },
      ],
      rows: c.communes.flatMap((r) =>
        r.hamletRows.map((h) => [
          r.communeName,
          h.hamletName,
          STATE_LABEL[h.state],
          h.teamName,
          h.establishedOn,
          h.isLate ? 'Có' : 'Không',
          h.compositionComplete === null ? '' : h.compositionComplete ? 'Đủ' : 'Chưa đủ',
        ]),
      ),
    },
  ]);
}

/** Every team and member of a unit the user may see, as one workbook. */
export async function teamsWorkbook(db: Db, actor: Actor, unitId?: string): Promise<Buffer> {
  const { items } = await listTeamsForActor(db, actor, { unitId, page: 1, pageSize: 100000 });
  const details = [];
  for (const t of items) details.push(await getTeamDetail(db, actor.scope, t.id));
  const statusLabel = {
    proposed: 'Đề xuất',
    established: 'Đã thành lập',
    dissolved: 'Đã giải thể',
  };
  return buildWorkbook([
    {
      name: 'Tổ',
      columns: [
        { header: 'Xã, phường, thị trấn', width: 24 },
        { header: 'Xóm, tổ dân phố', width: 24 },
        { header: 'Tên Tổ', width: 40 },
        { header: 'Tình trạng', width: 14 },
        { header: 'Ngày thành lập', width: 14 },
        { header: 'Số quyết định', width: 14 },
        { header: 'Số thành viên', width: 12 },
        { header: 'Đủ thành phần', width: 14 },
      ],
      rows: details.map((t) => [
        t.communeName,
        t.hamletName,
        t.name,
        statusLabel[t.status],
        t.establishedOn,
        t.decision?.number,
        t.memberCount,
        t.composition.isComplete ? 'Đủ' : 'Chưa đủ',
      ]),
    },
    {
      name: 'Thành viên',
      columns: [
        { header: 'Tên Tổ', width: 40 },
        ...ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width })),
        { header: 'Ngày rời Tổ', width: 14 },
      ],
      rows: details.flatMap((t) =>
        [...t.members, ...t.formerMembers].map((m) => [
          t.name,
          m.fullName,
          m.sex === 'male' ? 'Nam' : m.sex === 'female' ? 'Nữ' : '',
          m.birthYear,
          m.phone,
          AFFILIATION_LABELS[m.affiliation],
          m.position,
          m.digitalSkills,
          TEAM_ROLE_LABELS[m.role],
          m.joinedOn,
          m.leftOn,
        ]),
      ),
    },
  ]);
}

/** The roster template: Vietnamese headers, an example row, and drop-down lists. */
export async function rosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Thành viên');
  ws.columns = ROSTER_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow([
    'Nguyễn Văn An',
    'Nam',
    1985,
    '0912345678',
    AFFILIATION_LABELS.hamlet_head,
    'Trưởng xóm',
    'Thành thạo điện thoại thông minh',
    'Tổ trưởng',
    '20/05/2022',
  ]);
  const lists = wb.addWorksheet('Danh mục', { state: 'hidden' });
  Object.values(AFFILIATION_LABELS).forEach((l, i) => (lists.getCell(i + 1, 1).value = l));
  Object.values(TEAM_ROLE_LABELS).forEach((l, i) => (lists.getCell(i + 1, 2).value = l));
  const n = Object.keys(AFFILIATION_LABELS).length;
  for (let row = 2; row <= 200; row += 1) {
    ws.getCell(row, 2).dataValidation = { type: 'list', allowBlank: true, formulae: ['"Nam,Nữ"'] };
    ws.getCell(row, 5).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`'Danh mục'!$A$1:$A$${n}`],
    };
    ws.getCell(row, 8).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'Danh mục'!$B$1:$B$3`],
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Imports a roster: nothing is written unless every row is valid. */
export async function importRoster(
  db: Db,
  actor: Actor,
  teamId: string,
  table: Table,
  dryRun: boolean,
) {
  const { members, errors } = parseRoster(table);
  if (errors.length > 0) {
    throw new AppError(
      'import_invalid',
      `Danh sách có ${errors.length} lỗi; chưa có gì được ghi.`,
      errors,
    );
  }
  if (dryRun)
    return {
      imported: 0,
      valid: members.length,
      team: await getTeamDetail(db, actor.scope, teamId),
    };
  const team = await addMembers(db, actor, teamId, members as MemberBody[], 'import_roster');
  return { imported: members.length, valid: members.length, team };
}
