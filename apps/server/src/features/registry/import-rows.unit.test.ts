import { describe, expect, it } from 'vitest';
import {
  recogniseHeaders,
  rowParser,
  spoolLine,
  unspoolLine,
  type ParsedRow,
  type RowProblem,
} from './import-rows';

const HEADERS = [
  'Xóm',
  'Mã hộ',
  'Địa chỉ',
  'Họ và tên',
  'Năm sinh',
  'Giới tính',
  'Quan hệ với chủ hộ',
  'SĐT',
  'Số CCCD',
  'Dân tộc',
  'Ghi chú',
];

function parser() {
  const parse = rowParser(recogniseHeaders(HEADERS), HEADERS, 2026);
  return (row: number, cells: string[], formulaColumns: number[] = []) => {
    const problems: RowProblem = { errors: [], warnings: [] };
    return { p: parse({ row, cells, formulaColumns }, problems), problems };
  };
}

describe('rowParser', () => {
  it('cleans and folds repeated names and addresses the same way every time', () => {
    const parse = parser();
    const nfd = 'Nguyễn  Văn   Đức'.normalize('NFD');
    const rows = [
      ['Làng Mới', '1', 'Số 1,  Làng Mới', nfd, '1980', 'Nam', 'Chủ hộ', '', '', 'Kinh', ''],
      ['Làng Mới', '1', 'Số 1,  Làng Mới', nfd, '1981', 'Nam', 'Con', '', '', '', ''],
      ['Làng Mới', '2', 'Số  2', 'Trần Thị Hoa', '1990', 'Nữ', 'Chủ hộ', '', '', '', 'a  b'],
      ['Làng Mới', '3', 'Số 1,  Làng Mới', nfd, '1982', 'Nam', 'Chủ hộ', '', '', '', ''],
    ].map((cells, i) => parse(i + 2, cells).p!);
    for (const i of [0, 1, 3]) {
      expect(rows[i]).toMatchObject({
        fullName: 'Nguyễn Văn Đức',
        folded: 'nguyen van duc',
        address: 'Số 1, Làng Mới',
      });
    }
    expect(rows[0]!.fullName.normalize('NFC')).toBe(rows[0]!.fullName);
    expect(rows[1]!.ethnicity).toBeNull();
    expect(rows[2]).toMatchObject({ address: 'Số 2', folded: 'tran thi hoa', notes: 'a b' });
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
  });

  it('reports every bad cell of a row by row and by the file’s column name', () => {
    const parse = parser();
    const { p, problems } = parse(7, [
      'Làng Mới',
      '1',
      '',
      'A',
      '19x0',
      'Không rõ',
      'Hàng xóm',
      '12345',
      '0011 2233',
      '',
      'h\uFFFDng',
    ]);
    expect(p).toBeNull();
    expect(problems.errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'Ghi chú'],
      [7, 'Họ và tên'],
      [7, 'Giới tính'],
      [7, 'Năm sinh'],
      [7, 'Quan hệ với chủ hộ'],
      [7, 'SĐT'],
      [7, 'Số CCCD'],
    ]);
  });

  it('warns of formula cells in the mapped columns and keeps the national ID without spaces', () => {
    const parse = parser();
    const { p, problems } = parse(
      3,
      [
        'X',
        '1',
        '',
        'Lê Văn Tám',
        '1970',
        'Nam',
        'Chủ hộ',
        '0912 345 678',
        '001 070 000 111',
        '',
        '',
      ],
      [4],
    );
    expect(problems.warnings).toEqual([
      { row: 3, column: 'Năm sinh', message: expect.stringContaining('công thức') },
    ]);
    expect(p).toMatchObject({ phone: '0912345678', nationalId: '001070000111' });
  });
});

describe('the spool', () => {
  it('reads back every field a row was written with', () => {
    const row: ParsedRow = {
      row: 12,
      hamletKey: 'h-id',
      householdKey: 'h-id|1',
      address: 'Số "1"\nLàng Mới',
      fullName: 'Nguyễn Văn Đức',
      folded: 'nguyen van duc',
      sex: 'male',
      birthYear: 1980,
      relation: 'head',
      phone: '0912345678',
      nationalId: null,
      nationalIdHash: 'abc',
      nationalIdLast4: '0111',
      ethnicity: 'Tày',
      notes: 'a\\b',
    };
    const line = spoolLine(row);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(unspoolLine(line.slice(0, -1))).toEqual(row);
    const bare: ParsedRow = { ...row, householdKey: null, sex: null, birthYear: null, phone: null };
    Object.assign(bare, { nationalIdHash: null, nationalIdLast4: null, ethnicity: null });
    expect(unspoolLine(spoolLine(bare).trim())).toEqual(bare);
  });
});
