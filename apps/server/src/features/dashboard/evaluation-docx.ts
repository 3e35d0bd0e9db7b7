// The December evaluation report ("Báo cáo đánh giá mô hình Tổ công nghệ số cộng đồng") as a DOCX
// in the Decree 30/2020/NĐ-CP layout of a "Báo cáo": the header and signature blocks of
// lib/decree30.ts, the district's figures, the ranking of communes, and an appendix per commune.
import type { DashboardDto, RankingDto } from '@toso/domain/dashboard';
import { formatPlaceDate, placeName } from '@toso/domain/teams';
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import { AlignmentType, PageBreak, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
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

export interface EvaluationReportInput {
  district: DashboardDto;
  ranking: RankingDto;
  /** One dashboard and team ranking per commune, for the appendices. */
  communes: { dashboard: DashboardDto; teams: RankingDto }[];
  /** "2022-12-20". */
  date: string;
}

const pct = (x: number | null) =>
  x === null ? 'chưa có số liệu' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')}%`;
const num = (n: number) => n.toLocaleString('vi-VN');
const score = (x: number | null) =>
  x === null ? '—' : (Math.round(x * 10) / 10).toLocaleString('vi-VN');

function cell(text: string, width: number, bold = false) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(text, { pt: 12, bold })],
      }),
    ],
  });
}

/** A bordered table of figures, 12 pt, header row bold. */
export function figuresTable(header: string[], rows: string[][], widths?: number[]): Table {
  const w = widths ?? header.map(() => Math.floor(TEXT_WIDTH / header.length));
  return new Table({
    width: { size: w.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: w,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, w[i], true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, w[i])) })),
    ],
  });
}

function projectionText(d: DashboardDto): string {
  const p = d.projection;
  if (p.status === 'reached') return `đã đạt mục tiêu từ tháng ${p.month}`;
  if (p.status === 'projected') return `với tốc độ hiện nay, dự kiến đạt vào tháng ${p.month}`;
  if (p.status === 'no_progress') return 'chưa có tiến bộ trong các tháng gần đây';
  return 'chưa có số liệu người trong độ tuổi lao động';
}

function figures(d: DashboardDto): Paragraph[] {
  const lines = [
    `Tỷ lệ người trong độ tuổi lao động biết sử dụng dịch vụ công trực tuyến: ${pct(d.kpi.rate)} (${num(d.kpi.able)}/${num(d.kpi.workingAge)} người), mục tiêu ${pct(d.goal)}; ${projectionText(d)}.`,
    `Người chưa rõ năm sinh hoặc giới tính (tính riêng): ${num(d.kpi.unknownAge)} người.`,
    `Thôn, xóm có Tổ công nghệ số cộng đồng được thành lập: ${num(d.coverage.hamletsWithTeam.count)}/${num(d.coverage.hamletsWithTeam.total)}.`,
    `Hộ gia đình tham gia nhóm Zalo của thôn, xóm: ${num(d.coverage.householdsInChat.count)}/${num(d.coverage.householdsInChat.total)}.`,
    `Thành viên tổ được tập huấn: ${d.coverage.membersTrained ? `${num(d.coverage.membersTrained.count)}/${num(d.coverage.membersTrained.total)}` : 'chưa có số liệu'}.`,
    `Mức hoàn thành chỉ tiêu bình quân: ${pct(d.targetCompletion)}.`,
  ];
  return lines.map((l) => body(`- ${l}`));
}

function indicatorsTable(d: DashboardDto): Table {
  return figuresTable(
    ['TT', 'Chỉ tiêu', 'Giao', 'Đạt', 'Tỷ lệ'],
    d.indicators.map((i, n) => [
      String(n + 1),
      `${i.platformName}: ${OUTCOME_LABELS[i.outcome]}`,
      i.target === null ? '—' : num(i.target),
      num(i.reached),
      i.target ? pct(i.reached / i.target) : '—',
    ]),
    [600, 4500, 1300, 1300, TEXT_WIDTH - 7700],
  );
}

function rankingTable(r: RankingDto): Table {
  return figuresTable(
    [
      'Hạng',
      r.level === 'team' ? 'Tổ' : 'Xã',
      'Chỉ tiêu',
      'Báo cáo đúng hạn',
      'Mục tiêu 70%',
      'Điểm',
    ],
    r.rows.map((x) => [
      x.rank === null ? '—' : String(x.rank),
      x.unitName,
      pct(x.components.targets),
      pct(x.components.timeliness),
      pct(x.components.kpi),
      score(x.score),
    ]),
    [800, 2900, 1300, 1400, 1300, TEXT_WIDTH - 7700],
  );
}

function weightsLine(r: RankingDto): Paragraph {
  const w = r.weights;
  const note = r.timelinessMissing
    ? ' Chưa có số liệu báo cáo đúng hạn nên điểm được tính trên hai thành phần còn lại, trọng số chia lại theo tỷ lệ.'
    : '';
  return body(
    `Trọng số: hoàn thành chỉ tiêu ${w.targets}%, báo cáo đúng hạn ${w.timeliness}%, tiến độ mục tiêu 70% ${w.kpi}%.${note}`,
  );
}

export async function buildEvaluationDocx(input: EvaluationReportInput): Promise<Buffer> {
  const d = input.district;
  const name = d.unit.name;
  const year = input.date.slice(0, 4);
  const behind = d.children.filter((c) => c.behind).map((c) => c.unitName);
  const children = [
    headerBlock({
      issuingBody: ['ỦY BAN NHÂN DÂN', upperVi(name)],
      number: `     /BC-UBND`,
      placeDate: formatPlaceDate(placeName(name), input.date),
    }),
    ...titleBlock(
      'Báo cáo',
      `Đánh giá mô hình Tổ công nghệ số cộng đồng năm ${year} và xếp hạng thi đua`,
    ),
    body([run('I. KẾT QUẢ CHUNG', { bold: true })]),
    ...figures(d),
    body([run('II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU', { bold: true })]),
    indicatorsTable(d),
    body([run('III. ĐÁNH GIÁ, XẾP HẠNG CÁC XÃ, THỊ TRẤN', { bold: true })], {
      spacing: { before: 240, after: 120 },
    }),
    weightsLine(input.ranking),
    rankingTable(input.ranking),
    body(
      behind.length > 0
        ? `Các đơn vị còn chậm so với tiến độ: ${behind.join(', ')}.`
        : 'Không có đơn vị nào chậm so với tiến độ.',
      { spacing: { before: 240, after: 120 } },
    ),
    signatureBlock({
      recipients: [
        'UBND tỉnh (để báo cáo)',
        'Sở Thông tin và Truyền thông',
        'UBND các xã, thị trấn',
      ],
      authority: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
      signerName: '',
    }),
    ...input.communes.flatMap(({ dashboard, teams }, i) => [
      new Paragraph({ children: [new PageBreak()] }),
      centred(`PHỤ LỤC ${i + 1}`, { bold: true }),
      centred(`Kết quả của ${dashboard.unit.name}`, { italics: true }, { after: 240 }),
      ...figures(dashboard),
      indicatorsTable(dashboard),
      body([run('Xếp hạng các tổ', { bold: true })], { spacing: { before: 240, after: 120 } }),
      teams.rows.length > 0 ? rankingTable(teams) : body('Chưa có tổ nào được thành lập.'),
    ]),
  ];
  return packDocx(
    decree30Document(children, { title: `Báo cáo đánh giá mô hình năm ${year} – ${name}` }),
  );
}
