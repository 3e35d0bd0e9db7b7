import type { ErrorDetail } from '@toso/domain/errors';
import { foldText } from '@toso/domain/text';
import {
  AFFILIATION_LABELS,
  AFFILIATIONS,
  memberBody,
  TEAM_ROLE_LABELS,
  type Affiliation,
  type MemberBody,
  type TeamRole,
} from '@toso/domain/teams';
import type { Table } from '../../lib/tabular';

/** The roster template's columns, in order, and the member field each one fills. */
export const ROSTER_COLUMNS = [
  { header: 'Họ và tên', field: 'fullName', width: 28 },
  { header: 'Giới tính', field: 'sex', width: 10 },
  { header: 'Năm sinh', field: 'birthYear', width: 10 },
  { header: 'Số điện thoại', field: 'phone', width: 16 },
  { header: 'Thành phần', field: 'affiliation', width: 30 },
  { header: 'Chức vụ', field: 'position', width: 24 },
  { header: 'Kỹ năng số', field: 'digitalSkills', width: 28 },
  { header: 'Vai trò trong Tổ', field: 'role', width: 16 },
  { header: 'Ngày tham gia', field: 'joinedOn', width: 14 },
] as const;

const AFFILIATION_ALIASES: Record<string, Affiliation> = {
  'truong xom': 'hamlet_head',
  'truong thon': 'hamlet_head',
  'to truong to dan pho': 'hamlet_head',
  'bi thu chi doan': 'youth_union',
  'doan thanh nien': 'youth_union',
  'chi doan': 'youth_union',
  'phu nu': 'women_union',
  'hoi phu nu': 'women_union',
  'chi hoi truong phu nu': 'women_union',
  'nong dan': 'farmers_union',
  'cuu chien binh': 'veterans_union',
  'mat tran': 'fatherland_front',
  'cong an xa': 'police',
  'vien chuc': 'civil_servant',
  'cong chuc': 'civil_servant',
  'tinh nguyen vien': 'volunteer',
};

function parseAffiliation(text: string): Affiliation | null {
  const f = foldText(text);
  if (!f) return null;
  const byLabel = AFFILIATIONS.find((a) => foldText(AFFILIATION_LABELS[a]) === f || a === f);
  return byLabel ?? AFFILIATION_ALIASES[f] ?? null;
}

function parseRole(text: string): TeamRole | null {
  const f = foldText(text);
  if (!f) return 'member';
  return (
    (Object.entries(TEAM_ROLE_LABELS).find(([, l]) => foldText(l) === f)?.[0] as TeamRole) ?? null
  );
}

function parseDate(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return 'invalid';
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : 'invalid';
}

/** Checks every row of a roster; returns the members, or every problem with its row and column. */
export function parseRoster(table: Table): { members: MemberBody[]; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const headerOf = new Map(table.headers.map((h) => [foldText(h), h]));
  const col = (header: string) => headerOf.get(foldText(header));
  for (const c of ROSTER_COLUMNS.slice(0, 1)) {
    if (!col(c.header))
      errors.push({ path: 'header', row: 1, column: c.header, message: `Thiếu cột "${c.header}"` });
  }
  if (errors.length) return { members: [], errors };
  const members: MemberBody[] = [];
  for (const r of table.rows) {
    const get = (header: string) => {
      const h = col(header);
      return h ? (r.values[h] ?? '').trim() : '';
    };
    const bad = (column: string, message: string) =>
      errors.push({ path: `rows.${r.row}.${column}`, row: r.row, column, message });
    for (const h of r.formulas ?? []) bad(h, 'Ô chứa công thức: hãy nhập giá trị');
    const sexText = foldText(get('Giới tính'));
    const sex =
      sexText === 'nam' ? 'male' : sexText === 'nu' ? 'female' : sexText ? 'invalid' : null;
    if (sex === 'invalid') bad('Giới tính', 'Ghi "Nam" hoặc "Nữ"');
    const yearText = get('Năm sinh');
    const birthYear = yearText ? Number(yearText.slice(-4)) : null;
    const affiliation = parseAffiliation(get('Thành phần'));
    if (!affiliation)
      bad(
        'Thành phần',
        get('Thành phần') ? `Không nhận ra thành phần "${get('Thành phần')}"` : 'Thiếu thành phần',
      );
    const role = parseRole(get('Vai trò trong Tổ'));
    if (!role) bad('Vai trò trong Tổ', 'Ghi "Tổ trưởng", "Tổ phó" hoặc "Thành viên"');
    const joinedOn = parseDate(get('Ngày tham gia'));
    if (joinedOn === 'invalid') bad('Ngày tham gia', 'Ngày có dạng dd/mm/yyyy');
    const parsed = memberBody.safeParse({
      fullName: get('Họ và tên'),
      sex: sex === 'invalid' ? null : sex,
      birthYear:
        birthYear !== null && Number.isFinite(birthYear) ? birthYear : yearText ? -1 : null,
      phone: get('Số điện thoại') || null,
      affiliation: affiliation ?? 'other',
      position: get('Chức vụ'),
      digitalSkills: get('Kỹ năng số'),
      role: role ?? 'member',
      joinedOn: joinedOn === 'invalid' ? null : joinedOn,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field;
        bad(column, issue.message);
      }
      continue;
    }
    if (!r.formulas?.length && affiliation && role && sex !== 'invalid' && joinedOn !== 'invalid')
      members.push(parsed.data);
  }
  if (table.rows.length === 0)
    errors.push({ path: 'rows', message: 'Tệp không có dòng thành viên nào' });
  return { members, errors };
}
