// Building blocks for documents laid out under Decree 30/2020/NĐ-CP, Annex I (thể thức, kỹ thuật trình bày):
// a Quyết định now, a Báo cáo or Kế hoạch later. Sizes are in points here and half-points in DOCX.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IParagraphOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
} from 'docx';

/** The only typeface allowed (Annex I, I.2). */
export const FONT = 'Times New Roman';
/** A4 portrait in twips. */
export const PAGE_SIZE = { width: 11906, height: 16838 } as const;
/** Margins 20/20/30/15 mm in twips. */
export const PAGE_MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850 } as const;
/** Width of the text area in twips (165 mm). */
export const TEXT_WIDTH = PAGE_SIZE.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
/** First-line indent of body paragraphs: 1.27 cm. */
export const FIRST_LINE_INDENT = 720;
/** Body text size in points. */
export const BODY_PT = 14;

/** Points to DOCX half-points. */
export const halfPoints = (pt: number): number => Math.round(pt * 2);

/** Vietnamese upper case: "Xã Yên Đổ" → "XÃ YÊN ĐỔ". */
export const upperVi = (s: string): string => s.normalize('NFC').toLocaleUpperCase('vi');

export type RunStyle = { pt?: number; bold?: boolean; italics?: boolean };

/** A Times New Roman run of NFC text (14 pt unless told). */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: text.normalize('NFC'),
    font: FONT,
    size: halfPoints(style.pt ?? BODY_PT),
    bold: style.bold,
    italics: style.italics,
  });
}

/** Rough printed width in twips of a line of Times New Roman (for sizing rules under text). */
export function textWidth(text: string, pt: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    if (ch === ' ') em += 0.25;
    else if (/[0-9]/.test(ch)) em += 0.5;
    else if (/[\p{Lu}]/u.test(ch)) em += 0.7;
    else if (/[\p{Ll}]/u.test(ch)) em += 0.46;
    else em += 0.33;
  }
  return Math.round(em * pt * 20 * (bold ? 1.06 : 1));
}

/** A centred paragraph of one run (the header, the title block, the signature block). */
export function centred(
  text: string,
  style: RunStyle = {},
  spacing: { before?: number; after?: number } = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: spacing.before ?? 0, after: spacing.after ?? 0 },
    children: [run(text, style)],
  });
}

/** A short solid rule of `length` twips centred in a box `within` twips wide (a 1-pt empty paragraph). */
export function rule(length: number, within = TEXT_WIDTH, after = 0): Paragraph {
  const side = Math.max(0, Math.round((within - length) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 240 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { font: FONT, size: 2 },
    children: [],
  });
}

/** A body paragraph: justified, 1.27 cm first-line indent, 6 pt after, 14 pt runs. */
export function body(
  children: string | TextRun[],
  options: Partial<IParagraphOptions> = {},
): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: 120, line: 240 },
    ...options,
    children: typeof children === 'string' ? [run(children)] : children,
  });
}

/** A borderless table; `widths` in twips, `rows` of cell contents. */
export function borderlessTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 57, right: 57 },
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                verticalAlign: VerticalAlignTable.TOP,
                children: children.length > 0 ? children : [new Paragraph({})],
              }),
          ),
        }),
    ),
  });
}

/** Column widths of the header table (≈ 6.5 cm | 10 cm). */
export const HEADER_COLUMNS = [3685, TEXT_WIDTH - 3685];
/** Column widths of the Nơi nhận / signature table (≈ 7.5 cm | 9 cm). */
export const SIGNATURE_COLUMNS = [4252, TEXT_WIDTH - 4252];

export interface HeaderBlockInput {
  /** Tên cơ quan chủ quản (optional), upright not bold. */
  parentBody?: string;
  /** Tên cơ quan ban hành, a line each: ["ỦY BAN NHÂN DÂN", "XÃ YÊN ĐỔ"]. */
  issuingBody: string[];
  /** "05/QĐ-UBND", written after "Số: ". */
  number: string;
  /** "Yên Đổ, ngày 05 tháng 5 năm 2022". */
  placeDate: string;
}

/** Quốc hiệu and Tiêu ngữ. */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Ô 1–4: issuing body, Quốc hiệu and Tiêu ngữ on the first row; "Số" and place-date on the second. */
export function headerBlock(input: HeaderBlockInput): Table {
  const [leftW, rightW] = HEADER_COLUMNS.map((w) => w - 114);
  const bodyLines = input.issuingBody.map((line) => upperVi(line));
  const widest = Math.max(...bodyLines.map((l) => textWidth(l, 13, true)));
  const left = [
    ...(input.parentBody ? [centred(upperVi(input.parentBody), { pt: 13 })] : []),
    ...bodyLines.map((line) => centred(line, { pt: 13, bold: true })),
    rule(Math.round(widest * 0.4), leftW),
  ];
  const right = [
    centred(NATIONAL_NAME, { pt: 12, bold: true }),
    centred(MOTTO, { pt: 13, bold: true }),
    rule(textWidth(MOTTO, 13, true), rightW),
  ];
  return borderlessTable(HEADER_COLUMNS, [
    [left, right],
    [
      [centred(`Số: ${input.number}`, { pt: 13 }, { before: 120 })],
      [centred(input.placeDate, { pt: 14, italics: true }, { before: 120 })],
    ],
  ]);
}

/** Ô 5a: the document type (UPPERCASE bold) and its trích yếu (bold) with a short rule below. */
export function titleBlock(type: string, summary: string): Paragraph[] {
  return [
    centred(upperVi(type), { bold: true }, { before: 360 }),
    centred(summary, { bold: true }),
    rule(Math.max(1134, Math.round(textWidth(summary, BODY_PT, true) / 3)), TEXT_WIDTH, 240),
  ];
}

/** Text without trailing spaces and ";", ".", ",": the caller adds the punctuation. */
export const stripEnd = (s: string): string => s.trim().replace(/[\s;.,]+$/u, '');

/** Items of an enumeration: trailing punctuation replaced by ";", and by "." on the last. */
export function punctuate(items: readonly string[], prefix = (_i: number) => ''): string[] {
  const last = items.length - 1;
  return items.map((t, i) => `${prefix(i)}${stripEnd(t)}${i === last ? '.' : ';'}`);
}

/** Lines of "Căn cứ …" in italics, ";" after each and "." after the last. */
export function groundsParagraphs(lines: readonly string[]): Paragraph[] {
  return punctuate(lines).map((line) => body([run(line, { italics: true })]));
}

const ARCHIVE = /^[-–•\s]*Lưu\s*:\s*/iu;

/** Nơi nhận items "- …;" ending with "- Lưu: <archive>." (a "Lưu: …" item given replaces the default). */
export function recipientLines(recipients: readonly string[], archive = 'VT, VHXH'): string[] {
  const given = recipients.find((r) => ARCHIVE.test(r));
  const last = given ? stripEnd(given.replace(ARCHIVE, '')) : archive;
  const items = recipients.filter((r) => !ARCHIVE.test(r) && r.trim() !== '');
  return [...items.map((r) => `- ${stripEnd(r.replace(/^[-–•\s]+/u, ''))};`), `- Lưu: ${last}.`];
}

export interface SignatureBlockInput {
  /** Nơi nhận items, without "- " and final ";"; "- Lưu: …." is appended. */
  recipients: string[];
  /** "VT, VHXH" in "- Lưu: VT, VHXH.". */
  archive?: string;
  /** Authority lines, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]. */
  authority: string[];
  /** Full name of the signer, no academic titles. */
  signerName: string;
}

/** Ô 7–9: Nơi nhận (left) and the signature block (right) in one borderless table. */
export function signatureBlock(input: SignatureBlockInput): Table {
  const left = [
    new Paragraph({
      spacing: { before: 240, after: 0 },
      children: [run('Nơi nhận:', { pt: 12, bold: true, italics: true })],
    }),
    ...recipientLines(input.recipients, input.archive).map(
      (line) =>
        new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, { pt: 11 })] }),
    ),
  ];
  const right = [
    ...input.authority.map((line, i) =>
      centred(upperVi(line), { bold: true }, { before: i === 0 ? 240 : 0 }),
    ),
    centred(input.signerName, { bold: true }, { before: 1700 }),
  ];
  return borderlessTable(SIGNATURE_COLUMNS, [[left, right]]);
}

/** Document styles: Times New Roman 14 pt as the default of every run. */
export function decree30Styles(): IStylesOptions {
  return {
    default: {
      document: {
        run: {
          font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT },
          size: halfPoints(BODY_PT),
          language: { value: 'vi-VN' },
        },
      },
    },
  };
}

/** Section properties: A4 portrait, 20/20/30/15 mm, different first page (no number on page 1). */
export function decree30SectionProperties(): ISectionPropertiesOptions {
  return {
    titlePage: true,
    page: {
      size: { width: PAGE_SIZE.width, height: PAGE_SIZE.height },
      margin: { ...PAGE_MARGINS, header: 567, footer: 567 },
    },
  };
}

/** Headers: the page number centred at 14 pt on every page but the first, whose header is empty. */
export function pageNumberHeaders(): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({})] }),
  };
}

/** A one-section Decree-30 document holding `children`. */
export function decree30Document(
  children: FileChild[],
  meta: { title?: string; creator?: string } = {},
): Document {
  return new Document({
    title: meta.title,
    creator: meta.creator ?? 'Tổ Số',
    styles: decree30Styles(),
    sections: [{ properties: decree30SectionProperties(), headers: pageNumberHeaders(), children }],
  });
}

/** Packs a document into a .docx Buffer. */
export function packDocx(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}
