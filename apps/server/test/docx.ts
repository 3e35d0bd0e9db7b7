// Test helpers to look inside a .docx: unzip it and query its WordprocessingML with small regexes.
// Generic on purpose: any Decree-30 document test (decision, report, plan) can use them.
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParts {
  /** Every part of the package by path, as text. */
  files: Record<string, string>;
  /** word/document.xml */
  document: string;
  /** word/styles.xml */
  styles: string;
  /** Header parts by type of the section's w:headerReference ("default", "first", "even"). */
  headers: Record<string, string>;
}

/** Unzips a .docx and resolves the first section's headers through document.xml.rels. */
export function readDocx(data: Buffer | Uint8Array): DocxParts {
  const zip = unzipSync(data instanceof Uint8Array ? data : new Uint8Array(data));
  const files: Record<string, string> = {};
  for (const [path, bytes] of Object.entries(zip)) files[path] = strFromU8(bytes);
  const document = files['word/document.xml'];
  if (!document) throw new Error('Not a .docx: word/document.xml is missing');
  const rels = files['word/_rels/document.xml.rels'] ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, `word/${target.replace(/^\/?word\//, '')}`);
  }
  const headers: Record<string, string> = {};
  for (const m of document.matchAll(/<w:headerReference\b[^>]*>/g)) {
    const type = attr(m[0], 'w:type') ?? 'default';
    const target = targets.get(attr(m[0], 'r:id') ?? '');
    if (target && files[target] !== undefined) headers[type] = files[target];
  }
  return { files, document, styles: files['word/styles.xml'] ?? '', headers };
}

/** The value of attribute `name` in the first tag of `xml`. */
export function attr(xml: string, name: string): string | undefined {
  const tag = /^\s*<[^>]*>/.exec(xml)?.[0] ?? xml;
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** The first `<tag …>` or `<tag …/>` element of `xml` (tag like "w:pgSz"), or undefined. */
export function element(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`).exec(xml)?.[0];
}

/** Decodes the five predefined XML entities and numeric references. */
export function unescapeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Whether a toggle property (w:b, w:i, w:caps …) is on in a w:rPr. */
function toggle(rPr: string, tag: string): boolean {
  const m = new RegExp(`<${tag}(\\s[^>]*)?/>`).exec(rPr);
  if (!m) return false;
  const val = attr(m[0], 'w:val');
  return val === undefined || !['false', '0', 'off'].includes(val);
}

export interface DocxRun {
  text: string;
  bold: boolean;
  italics: boolean;
  /** Half-points, from w:sz; undefined when the run inherits it. */
  size: number | undefined;
  /** w:rFonts w:ascii; undefined when the run inherits it. */
  font: string | undefined;
  xml: string;
}

export interface DocxParagraph {
  text: string;
  runs: DocxRun[];
  /** w:jc value ("center", "both", …) if set. */
  alignment: string | undefined;
  xml: string;
}

/** The runs of a paragraph (or any fragment), with their text and direct formatting. */
export function runs(xml: string): DocxRun[] {
  return [...xml.matchAll(/<w:r(?=[\s>])[^>]*>[\s\S]*?<\/w:r>/g)].map(([r]) => {
    const rPr = element(r, 'w:rPr') ?? '';
    const sz = element(rPr, 'w:sz');
    const fonts = element(rPr, 'w:rFonts');
    const text = [...r.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>/g)]
      .map((m) => (m[1] !== undefined ? unescapeXml(m[1]) : m[0] === '<w:tab/>' ? '\t' : '\n'))
      .join('');
    return {
      text,
      bold: toggle(rPr, 'w:b'),
      italics: toggle(rPr, 'w:i'),
      size: sz ? Number(attr(sz, 'w:val')) : undefined,
      font: fonts ? attr(fonts, 'w:ascii') : undefined,
      xml: r,
    };
  });
}

/** Every paragraph of `xml` in document order (including those inside tables). */
export function paragraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p(?=[\s>/])(?:[^>]*\/>|[^>]*>[\s\S]*?<\/w:p>)/g)].map(([p]) => {
    const pPr = element(p, 'w:pPr') ?? '';
    const jc = element(pPr, 'w:jc');
    const rs = runs(p);
    return {
      text: rs.map((r) => r.text).join(''),
      runs: rs,
      alignment: jc && attr(jc, 'w:val'),
      xml: p,
    };
  });
}

/** The texts of the non-empty paragraphs of `xml`, in order. */
export function paragraphTexts(xml: string): string[] {
  return paragraphs(xml)
    .map((p) => p.text)
    .filter((t) => t.trim() !== '');
}

/** The first paragraph whose text equals `text` (or matches it, for a RegExp). */
export function findParagraph(xml: string, text: string | RegExp): DocxParagraph | undefined {
  return paragraphs(xml).find((p) =>
    typeof text === 'string' ? p.text === text : text.test(p.text),
  );
}

/** Top-level tables of `xml` (nested tables stay inside their parent's XML). */
export function tables(xml: string): string[] {
  const out: string[] = [];
  const re = /<w:tbl>|<\/w:tbl>/g;
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(re)) {
    if (m[0] === '<w:tbl>') {
      if (depth === 0) start = m.index;
      depth++;
    } else if (--depth === 0) out.push(xml.slice(start, m.index + m[0].length));
  }
  return out;
}

/** The cells of a table, row by row (each cell's XML). */
export function tableCells(table: string): string[][] {
  return [...table.matchAll(/<w:tr(?=[\s>])[\s\S]*?<\/w:tr>/g)].map(([tr]) =>
    [...tr.matchAll(/<w:tc(?=[\s>])[\s\S]*?<\/w:tc>/g)].map(([tc]) => tc),
  );
}

/** Border values (w:val) of a table's w:tblBorders by side, e.g. { top: "none", … }. */
export function tableBorders(table: string): Record<string, string | undefined> {
  const borders = element(table, 'w:tblBorders') ?? '';
  const out: Record<string, string | undefined> = {};
  for (const m of borders.matchAll(/<w:(\w+)\s[^>]*\/>/g)) out[m[1]] = attr(m[0], 'w:val');
  return out;
}

export interface SectionProps {
  pageWidth: number;
  pageHeight: number;
  margins: {
    top: number;
    right: number;
    bottom: number;
    left: number;
    header: number;
    footer: number;
  };
  titlePage: boolean;
  /** Header reference types ("default", "first", …). */
  headerTypes: string[];
}

/** The values of the document's last (body-level) w:sectPr. */
export function sectionProps(document: string): SectionProps {
  const all = [...document.matchAll(/<w:sectPr(?=[\s>])[\s\S]*?<\/w:sectPr>/g)];
  const sectPr = all.at(-1)?.[0];
  if (!sectPr) throw new Error('No w:sectPr in the document');
  const pgSz = element(sectPr, 'w:pgSz') ?? '';
  const pgMar = element(sectPr, 'w:pgMar') ?? '';
  const n = (xml: string, name: string) => Number(attr(xml, name));
  return {
    pageWidth: n(pgSz, 'w:w'),
    pageHeight: n(pgSz, 'w:h'),
    margins: {
      top: n(pgMar, 'w:top'),
      right: n(pgMar, 'w:right'),
      bottom: n(pgMar, 'w:bottom'),
      left: n(pgMar, 'w:left'),
      header: n(pgMar, 'w:header'),
      footer: n(pgMar, 'w:footer'),
    },
    titlePage: toggle(sectPr, 'w:titlePg'),
    headerTypes: [...sectPr.matchAll(/<w:headerReference\b[^>]*>/g)].map(
      ([h]) => attr(h, 'w:type') ?? 'default',
    ),
  };
}

/** Whether a part holds a PAGE field (complex w:instrText or simple w:fldSimple). */
export function hasPageField(xml: string): boolean {
  return (
    /<w:instrText[^>]*>\s*PAGE\b[^<]*<\/w:instrText>/.test(xml) ||
    /<w:fldSimple\s[^>]*w:instr="\s*PAGE\b/.test(xml)
  );
}

/** The default run properties of styles.xml (w:docDefaults/w:rPrDefault): fonts and size. */
export function defaultRunProps(styles: string): {
  fonts: Record<string, string | undefined>;
  size: number | undefined;
} {
  const rPr = element(element(styles, 'w:rPrDefault') ?? '', 'w:rPr') ?? '';
  const fonts = element(rPr, 'w:rFonts') ?? '';
  const sz = element(rPr, 'w:sz');
  return {
    fonts: {
      ascii: attr(fonts, 'w:ascii'),
      hAnsi: attr(fonts, 'w:hAnsi'),
      cs: attr(fonts, 'w:cs'),
      eastAsia: attr(fonts, 'w:eastAsia'),
    },
    size: sz ? Number(attr(sz, 'w:val')) : undefined,
  };
}

/** `xml` with its top-level tables removed: the paragraphs that sit directly in the body. */
export function withoutTables(xml: string): string {
  return tables(xml).reduce((rest, t) => rest.replace(t, ''), xml);
}
