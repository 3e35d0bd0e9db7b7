import { DEFAULT_SETTINGS } from '@toso/domain/teams';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultRunProps,
  findParagraph,
  hasPageField,
  paragraphs,
  paragraphTexts,
  readDocx,
  runs,
  sectionProps,
  tableBorders,
  tableCells,
  tables,
  withoutTables,
  type DocxParts,
} from '../../../test/docx';
import { recipientLines } from '../../lib/decree30';
import {
  hamletInSentence,
  honorific,
  orderMembers,
  renderDecisionDocx,
  type DecisionDocumentInput,
} from './decision-docx';

const input: DecisionDocumentInput = {
  // NFD on purpose: the document must come out in NFC.
  communeName: 'Xã Yên Đổ'.normalize('NFD'),
  number: '05/QĐ-UBND',
  date: '2022-05-05',
  teamName: 'Tổ công nghệ số cộng đồng xóm Làng Mới',
  hamletName: 'Xóm Làng Mới',
  legalGrounds: DEFAULT_SETTINGS.legalGrounds,
  proposer: 'Theo đề nghị của công chức Văn hóa - Xã hội xã',
  // Deliberately out of order: the document lists leader → deputies → members.
  members: [
    {
      fullName: 'Lê Thị Hoa',
      sex: 'female',
      position: '',
      affiliationLabel: 'Chi hội phụ nữ',
      teamRole: 'member',
      phone: null,
    },
    {
      fullName: 'Trần Văn Bình',
      sex: 'male',
      position: 'Bí thư Chi đoàn',
      affiliationLabel: 'Chi đoàn thanh niên',
      teamRole: 'deputy',
      phone: '0912345678',
    },
    {
      fullName: 'Nguyễn Văn An',
      sex: 'male',
      position: 'Trưởng xóm',
      affiliationLabel: 'Trưởng xóm / Tổ trưởng tổ dân phố',
      teamRole: 'leader',
      phone: '0987654321',
    },
    {
      fullName: 'Hoàng Minh Đức',
      sex: null,
      position: '',
      affiliationLabel: 'Tình nguyện viên',
      teamRole: 'member',
      phone: null,
    },
  ],
  duties: DEFAULT_SETTINGS.duties,
  recipients: ['Như Điều 3', 'UBND huyện (Phòng VH-TT) (b/c)'],
  signAuthority: 'chairman',
  signerName: 'Nguyễn Văn Thành',
};

const MEMBER_LINES = [
  '1. Ông Nguyễn Văn An, Trưởng xóm – Tổ trưởng;',
  '2. Ông Trần Văn Bình, Bí thư Chi đoàn – Tổ phó;',
  '3. Bà Lê Thị Hoa, Chi hội phụ nữ – Thành viên;',
  '4. Ông (bà) Hoàng Minh Đức, Tình nguyện viên – Thành viên.',
];

const GROUND_LINES = DEFAULT_SETTINGS.legalGrounds.map(
  (g, i, all) => `${g}${i === all.length - 1 ? '.' : ';'}`,
);

const TIMES = 'Times New Roman';

let doc: DocxParts;
beforeAll(async () => {
  doc = readDocx(await renderDecisionDocx(input));
});

/** The single run of a paragraph found by its exact text. */
function only(xml: string, text: string) {
  const p = findParagraph(xml, text);
  expect(p, `paragraph "${text}"`).toBeDefined();
  const rs = p!.runs.filter((r) => r.text !== '');
  expect(rs).toHaveLength(1);
  return rs[0];
}

describe('renderDecisionDocx: page setup (Decree 30, Annex I)', () => {
  it('is A4 portrait with margins 20/20/30/15 mm', () => {
    const s = sectionProps(doc.document);
    expect(s.pageWidth).toBe(11906);
    expect(s.pageHeight).toBe(16838);
    expect(Math.abs(s.margins.top - 1134)).toBeLessThanOrEqual(2);
    expect(Math.abs(s.margins.bottom - 1134)).toBeLessThanOrEqual(2);
    expect(Math.abs(s.margins.left - 1701)).toBeLessThanOrEqual(2);
    expect(Math.abs(s.margins.right - 850)).toBeLessThanOrEqual(2);
  });

  it('uses Times New Roman 14 pt as the default and on every run', () => {
    expect(defaultRunProps(doc.styles)).toEqual({
      fonts: { ascii: TIMES, hAnsi: TIMES, cs: TIMES, eastAsia: TIMES },
      size: 28,
    });
    const all = [doc.document, ...Object.values(doc.headers)].flatMap((x) => runs(x));
    expect(all.length).toBeGreaterThan(30);
    for (const r of all) expect(r.font ?? TIMES).toBe(TIMES);
    for (const r of runs(doc.document)) expect(r.font).toBe(TIMES);
  });

  it('numbers pages in the header, centred at 14 pt, but not on page 1', () => {
    const s = sectionProps(doc.document);
    expect(s.titlePage).toBe(true);
    expect(s.headerTypes.sort()).toEqual(['default', 'first']);
    expect(hasPageField(doc.headers.default)).toBe(true);
    expect(hasPageField(doc.headers.first)).toBe(false);
    expect(paragraphTexts(doc.headers.first)).toEqual([]);
    const [p] = paragraphs(doc.headers.default);
    expect(p.alignment).toBe('center');
    expect(p.runs.every((r) => r.size === 28)).toBe(true);
  });
});

describe('renderDecisionDocx: header block (ô 1–4)', () => {
  it('is a borderless two-column table with body, number, Quốc hiệu, Tiêu ngữ and date', () => {
    const header = tables(doc.document)[0];
    expect(tableBorders(header)).toEqual({
      top: 'none',
      left: 'none',
      bottom: 'none',
      right: 'none',
      insideH: 'none',
      insideV: 'none',
    });
    const cells = tableCells(header);
    expect(cells.map((row) => row.length)).toEqual([2, 2]);
    expect(paragraphTexts(cells[0][0])).toEqual(['ỦY BAN NHÂN DÂN', 'XÃ YÊN ĐỔ']);
    expect(paragraphTexts(cells[0][1])).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
    ]);
    expect(paragraphTexts(cells[1][0])).toEqual(['Số: 05/QĐ-UBND']);
    expect(paragraphTexts(cells[1][1])).toEqual(['Yên Đổ, ngày 05 tháng 5 năm 2022']);
  });

  it('formats each header line as the decree says', () => {
    const header = tables(doc.document)[0];
    const style = (text: string) => {
      const r = only(header, text);
      return { bold: r.bold, italics: r.italics, size: r.size };
    };
    expect(style('ỦY BAN NHÂN DÂN')).toEqual({ bold: true, italics: false, size: 26 });
    expect(style('XÃ YÊN ĐỔ')).toEqual({ bold: true, italics: false, size: 26 });
    expect(style('Số: 05/QĐ-UBND')).toEqual({ bold: false, italics: false, size: 26 });
    expect(style('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toEqual({
      bold: true,
      italics: false,
      size: 24,
    });
    expect(style('Độc lập - Tự do - Hạnh phúc')).toEqual({ bold: true, italics: false, size: 26 });
    expect(style('Yên Đổ, ngày 05 tháng 5 năm 2022')).toEqual({
      bold: false,
      italics: true,
      size: 28,
    });
    // Two short rules: under the issuing body and under the motto (paragraph bottom borders).
    expect(header.match(/<w:pBdr><w:bottom w:val="single"/g)).toHaveLength(2);
  });
});

describe('renderDecisionDocx: body', () => {
  it('has the title block, authority, căn cứ, articles in order', () => {
    expect(paragraphTexts(withoutTables(doc.document))).toEqual([
      'QUYẾT ĐỊNH',
      'Về việc thành lập Tổ công nghệ số cộng đồng xóm Làng Mới',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ YÊN ĐỔ',
      ...GROUND_LINES,
      'Theo đề nghị của công chức Văn hóa - Xã hội xã.',
      'QUYẾT ĐỊNH:',
      'Điều 1. Thành lập Tổ công nghệ số cộng đồng xóm Làng Mới, gồm các ông (bà) có tên sau:',
      ...MEMBER_LINES,
      'Điều 2. Nhiệm vụ của Tổ',
      '1. Tuyên truyền, phổ biến về chuyển đổi số đến từng hộ gia đình trên địa bàn;',
      '2. Hướng dẫn người dân cài đặt, sử dụng dịch vụ công trực tuyến, C-Thái Nguyên, Thái Nguyên ID, Sổ sức khỏe điện tử, thanh toán điện tử, gian hàng số trên postmart.vn, voso.vn;',
      '3. Lập và duy trì nhóm Zalo của xóm gồm tất cả các hộ gia đình;',
      '4. Thực hiện các chỉ tiêu được giao; báo cáo định kỳ kết quả hoạt động về Ủy ban nhân dân xã.',
      'Điều 3. Quyết định có hiệu lực kể từ ngày ký. Văn phòng - Thống kê, công chức Văn hóa - Xã hội xã, Trưởng xóm Làng Mới và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    ]);
  });

  it('sets the title, trích yếu, authority and QUYẾT ĐỊNH: bold, centred, 14 pt', () => {
    const body = withoutTables(doc.document);
    for (const text of [
      'QUYẾT ĐỊNH',
      'Về việc thành lập Tổ công nghệ số cộng đồng xóm Làng Mới',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ YÊN ĐỔ',
      'QUYẾT ĐỊNH:',
    ]) {
      const r = only(body, text);
      expect({ text, bold: r.bold, size: r.size }).toEqual({ text, bold: true, size: 28 });
      expect(findParagraph(body, text)!.alignment).toBe('center');
    }
  });

  it('writes each căn cứ in italics ending with ";" and the last with "."', () => {
    for (const line of GROUND_LINES) {
      const r = only(doc.document, line);
      expect(r.italics).toBe(true);
      expect(r.size).toBe(28);
    }
    expect(GROUND_LINES.at(-1)!.endsWith('.')).toBe(true);
    expect(GROUND_LINES.slice(0, -1).every((l) => l.endsWith(';'))).toBe(true);
  });

  it('lays body paragraphs out justified, indented 1.27 cm, ≥ 6 pt after, at 14 pt', () => {
    for (const line of MEMBER_LINES) {
      const p = findParagraph(doc.document, line)!;
      expect(p.alignment).toBe('both');
      expect(p.xml).toMatch(/<w:ind [^>]*w:firstLine="720"/);
      expect(Number(/<w:spacing [^>]*w:after="(\d+)"/.exec(p.xml)?.[1])).toBeGreaterThanOrEqual(
        120,
      );
      expect(p.runs.map((r) => r.size)).toEqual([28]);
    }
  });

  it('bolds "Điều n." and the title of Điều 2 only', () => {
    const d1 = findParagraph(doc.document, /^Điều 1\. /)!;
    expect(d1.runs.map((r) => [r.text, r.bold])).toEqual([
      ['Điều 1. ', true],
      ['Thành lập Tổ công nghệ số cộng đồng xóm Làng Mới, gồm các ông (bà) có tên sau:', false],
    ]);
    const d2 = findParagraph(doc.document, 'Điều 2. Nhiệm vụ của Tổ')!;
    expect(d2.runs.every((r) => r.bold)).toBe(true);
  });

  it('keeps diacritics in NFC', () => {
    const text = paragraphs(doc.document)
      .map((p) => p.text)
      .join('\n');
    expect(text).toContain('Đổ');
    expect(text).toContain('Nguyễn');
    expect(text).toContain('Độc lập');
    expect(text).toBe(text.normalize('NFC'));
  });
});

describe('renderDecisionDocx: Nơi nhận and signature (ô 7–9)', () => {
  const signatureTable = (parts: DocxParts) => {
    const t = tables(parts.document);
    expect(t).toHaveLength(2);
    return t[1];
  };

  it('lists recipients at 11 pt under a 12 pt bold italic "Nơi nhận:"', () => {
    const table = signatureTable(doc);
    expect(tableBorders(table)).toMatchObject({ top: 'none', insideV: 'none' });
    const [[left]] = tableCells(table);
    expect(paragraphTexts(left)).toEqual([
      'Nơi nhận:',
      '- Như Điều 3;',
      '- UBND huyện (Phòng VH-TT) (b/c);',
      '- Lưu: VT, VHXH.',
    ]);
    const head = only(left, 'Nơi nhận:');
    expect({ size: head.size, bold: head.bold, italics: head.italics }).toEqual({
      size: 24,
      bold: true,
      italics: true,
    });
    for (const line of ['- Như Điều 3;', '- UBND huyện (Phòng VH-TT) (b/c);', '- Lưu: VT, VHXH.']) {
      const r = only(left, line);
      expect({ line, size: r.size, bold: r.bold }).toEqual({ line, size: 22, bold: false });
    }
  });

  it('signs for the committee as chairman', () => {
    const [[, right]] = tableCells(signatureTable(doc));
    expect(paragraphTexts(right)).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn Thành']);
    for (const p of paragraphs(right).filter((x) => x.text !== '')) {
      expect(p.alignment).toBe('center');
      expect(p.runs.map((r) => [r.bold, r.size])).toEqual([[true, 28]]);
    }
  });

  it('signs on behalf of the chairman as vice chairman', async () => {
    const vice = readDocx(
      await renderDecisionDocx({
        ...input,
        signAuthority: 'vice_chairman',
        signerName: 'Phạm Thị Lan',
      }),
    );
    const [[, right]] = tableCells(signatureTable(vice));
    expect(paragraphTexts(right)).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Phạm Thị Lan']);
  });

  it('adds "- Lưu: VT, VHXH." when there are no other recipients', async () => {
    const bare = readDocx(await renderDecisionDocx({ ...input, recipients: [] }));
    const [[left]] = tableCells(signatureTable(bare));
    expect(paragraphTexts(left)).toEqual(['Nơi nhận:', '- Lưu: VT, VHXH.']);
  });
});

describe('decision helpers', () => {
  it('keeps one archive line when the recipients already hold one', () => {
    expect(recipientLines(['- Như Điều 3;', 'Lưu: VT, VP.'])).toEqual([
      '- Như Điều 3;',
      '- Lưu: VT, VP.',
    ]);
  });

  it('keeps Điều 3 with the signature table so the signature never stands alone', () => {
    const d3 = findParagraph(doc.document, /^Điều 3\. /)!;
    expect(d3.xml).toContain('<w:keepNext/>');
    expect(tables(doc.document)[1]).toContain('<w:cantSplit/>');
  });

  it('writes the kind of a hamlet in lower case mid-sentence', () => {
    expect(hamletInSentence('Xóm Làng Mới')).toBe('xóm Làng Mới');
    expect(hamletInSentence('Tổ dân phố Số 5')).toBe('tổ dân phố Số 5');
    expect(hamletInSentence('Thôn Đồng Tâm')).toBe('thôn Đồng Tâm');
    expect(hamletInSentence('Làng Mới')).toBe('Làng Mới');
  });

  it('picks Ông, Bà or Ông (bà)', () => {
    expect([honorific('male'), honorific('female'), honorific(null)]).toEqual([
      'Ông',
      'Bà',
      'Ông (bà)',
    ]);
  });

  it('orders leader, deputies, members and keeps the given order within a role', () => {
    const ordered = orderMembers([
      { id: 1, teamRole: 'member' as const },
      { id: 2, teamRole: 'deputy' as const },
      { id: 3, teamRole: 'member' as const },
      { id: 4, teamRole: 'leader' as const },
      { id: 5, teamRole: 'deputy' as const },
    ]);
    expect(ordered.map((m) => m.id)).toEqual([4, 2, 5, 1, 3]);
  });
});
