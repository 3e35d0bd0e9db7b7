// A "Báo cáo" laid out under Decree 30/2020/NĐ-CP: the decision's header and signature rules
// (see /work/shared/domain/decree-30-decision-format.md), a figures table and the free-text
// sections. One builder for a hamlet's, a commune's and the district's consolidated report.
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import { REPORT_SECTIONS, type ReportFigures, type ReportSections } from '@toso/domain/reports';
import { formatPlaceDate, placeName } from '@toso/domain/teams';
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type FileChild,
} from 'docx';
import {
  body,
  centred,
  decree30Document,
  headerBlock,
  packDocx,
  run,
  signatureBlock,
  TEXT_WIDTH,
  titleBlock,
  upperVi,
} from '../../lib/decree30';
import { hamletInSentence } from '../decisions/decision-docx';

export const SECTION_TITLES: Record<(typeof REPORT_SECTIONS)[number], string> = {
  activities: 'Các hoạt động đã triển khai',
  results: 'Kết quả đạt được',
  difficulties: 'Khó khăn, vướng mắc',
  proposals: 'Đề xuất, kiến nghị',
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
export const NO_FIGURE = 'chưa có số liệu';

/** "Xã Yên Đổ" → "xã Yên Đổ", "Xóm Làng Mới" → "xóm Làng Mới", mid-sentence. */
export function unitInSentence(name: string): string {
  return hamletInSentence(name).replace(
    /^(Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Thành phố|Tỉnh)(?=\s)/u,
    (k) => k.toLocaleLowerCase('vi'),
  );
}

/** "2022-06" → "6/2022". */
export function monthText(key: string): string {
  const [y, m] = key.split('-');
  return `${Number(m)}/${y}`;
}

/** The percentage of a target reached, one decimal, Vietnamese comma. */
export function percent(reached: number, target: number | null): string {
  if (target === null || target <= 0) return '';
  return `${(Math.round((reached / target) * 1000) / 10).toLocaleString('vi-VN')}%`;
}

/** The rows of the figures table: STT, indicator, target, in period, cumulative, percent. */
export function figureRows(figures: ReportFigures): string[][] {
  return figures.indicators.map((i, n) => [
    String(n + 1),
    `${i.platformName}: ${OUTCOME_LABELS[i.outcome].toLocaleLowerCase('vi')}`,
    i.target === null ? '' : String(i.target),
    String(i.inPeriod),
    String(i.reached),
    percent(i.reached, i.target),
  ]);
}

export const FIGURE_HEADERS = ['STT', 'Chỉ tiêu', 'Chỉ tiêu giao', 'Trong kỳ', 'Lũy kế', 'Tỉ lệ'];

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A bordered table with a bold header row, 12 pt text. */
export function gridTable(widths: number[], header: string[], rows: string[][]): Table {
  const scale = TEXT_WIDTH / widths.reduce((a, b) => a + b, 0);
  const w = widths.map((x) => Math.floor(x * scale));
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: w[i], type: WidthType.DXA },
      children: [
        new Paragraph({
          alignment: i === 1 && !bold ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, { pt: 12, bold })],
        }),
      ],
    });
  return new Table({
    width: { size: w.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: {
      top: cellBorder,
      bottom: cellBorder,
      left: cellBorder,
      right: cellBorder,
      insideHorizontal: cellBorder,
      insideVertical: cellBorder,
    },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) }),
      ),
    ],
  });
}

const heading = (text: string) => body([run(text, { bold: true })], { keepNext: true });

/** The figures part: the indicators table and the coverage lines. */
export function figuresBlock(figures: ReportFigures, heading1: string): FileChild[] {
  const fmt = (n: number | null) => (n === null ? NO_FIGURE : n.toLocaleString('vi-VN'));
  const out: FileChild[] = [heading(heading1)];
  if (figures.campaignName) out.push(body(`Theo đợt triển khai: ${figures.campaignName}.`));
  if (figures.indicators.length > 0)
    out.push(gridTable([600, 3600, 1300, 1100, 1100, 1000], FIGURE_HEADERS, figureRows(figures)));
  else out.push(body('Chưa có chỉ tiêu được giao cho kỳ này.'));
  out.push(
    body(
      `- Số hộ gia đình tham gia nhóm Zalo/Facebook cộng đồng: ${fmt(figures.chatGroupHouseholds)}${figures.households !== null ? ` / ${fmt(figures.households)} hộ` : ''}.`,
      { spacing: { before: 120, after: 120 } },
    ),
    body(`- Số thành viên Tổ đã được tập huấn: ${fmt(figures.membersTrained)}.`),
  );
  if (figures.hamletsIncluded)
    out.push(
      body(
        `- Tổng hợp từ báo cáo đã duyệt của ${figures.hamletsIncluded.length} xóm (tổ dân phố)${figures.hamletsIncluded.length ? `: ${figures.hamletsIncluded.join(', ')}` : ''}.`,
      ),
    );
  if (figures.hamletsMissing && figures.hamletsMissing.length > 0)
    out.push(body(`- Chưa có báo cáo được duyệt: ${figures.hamletsMissing.join(', ')}.`));
  return out;
}

/** Free-text sections numbered from `start`, each paragraph of the text its own paragraph. */
export function sectionsBlock(sections: ReportSections, start: number): FileChild[] {
  return REPORT_SECTIONS.flatMap((key, i) => {
    const lines = sections[key]
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    return [
      heading(`${ROMAN[start + i]}. ${upperVi(SECTION_TITLES[key])}`),
      ...(lines.length ? lines.map((l) => body(l)) : [body('Không có.')]),
    ];
  });
}

export interface ReportDocumentInput {
  level: 'hamlet' | 'commune' | 'district';
  /** "Xóm Làng Mới", "Xã Yên Đổ", "Huyện Phú Lương". */
  unitName: string;
  /** The commune (for a hamlet) or the district (for a commune); the parent body of a hamlet. */
  parentName: string | null;
  /** The place of the date line: the commune of a hamlet, else the unit itself. */
  placeUnitName: string;
  /** "2022-06", or the title of an ad hoc request. */
  periodKey: string | null;
  requestTitle: string | null;
  date: string;
  figures: ReportFigures;
  sections: ReportSections;
  signerName: string;
  /** Extra body after the figures (the consolidated report's per-commune parts). */
  extra?: FileChild[];
}

/** Renders a report as a Decree-30 .docx. */
export async function renderReportDocx(input: ReportDocumentInput): Promise<Buffer> {
  const isHamlet = input.level === 'hamlet';
  const issuingBody = isHamlet
    ? ['Tổ công nghệ số cộng đồng', input.unitName]
    : ['Ủy ban nhân dân', input.unitName];
  const symbol = isHamlet ? 'BC-TCNSCĐ' : 'BC-UBND';
  const subject = input.requestTitle
    ? input.requestTitle
    : `Kết quả hoạt động của Tổ công nghệ số cộng đồng ${unitInSentence(input.unitName)} tháng ${monthText(input.periodKey ?? '')}`;
  const recipients = isHamlet
    ? [`UBND ${unitInSentence(input.parentName ?? '')} (b/c)`, 'Các thành viên Tổ']
    : input.level === 'commune'
      ? [`UBND ${unitInSentence(input.parentName ?? '')} (b/c)`, 'Phòng Văn hóa - Thông tin (b/c)']
      : ['UBND tỉnh (b/c)', 'Sở Thông tin và Truyền thông (b/c)', 'UBND các xã, thị trấn'];
  const children: FileChild[] = [
    headerBlock({
      parentBody: isHamlet && input.parentName ? `UBND ${input.parentName}` : undefined,
      issuingBody,
      number: `     /${symbol}`,
      placeDate: formatPlaceDate(placeName(input.placeUnitName), input.date),
    }),
    ...titleBlock('Báo cáo', subject),
    ...figuresBlock(input.figures, `I. KẾT QUẢ THỰC HIỆN CHỈ TIÊU`),
    ...(input.extra ?? []),
    ...sectionsBlock(input.sections, 1),
    body([run('./.')], { alignment: AlignmentType.RIGHT }),
    signatureBlock({
      recipients,
      archive: isHamlet ? 'Tổ CNSCĐ' : 'VT, VHXH',
      authority: isHamlet ? ['Tổ trưởng'] : ['TM. Ủy ban nhân dân', 'Chủ tịch'],
      signerName: input.signerName,
    }),
  ];
  return packDocx(decree30Document(children, { title: `Báo cáo ${subject}` }));
}

/** A centred bold sub-title inside a document (the consolidated report's commune parts). */
export const partTitle = (text: string) =>
  centred(text, { bold: true }, { before: 240, after: 120 });
