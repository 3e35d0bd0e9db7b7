import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from './app-error';
import type { StreamRow } from './row-stream';
import { readZipEntries, type ZipEntry } from './zip-guard';

// A streaming reader of the first sheet of an .xlsx. It decodes UTF-8 across chunk boundaries
// (exceljs 4.4's streaming reader splits multi-byte letters such as "ầ" when they straddle two
// chunks, and Vietnamese text came out as "Tr��n").

const CHUNK = 64 * 1024;

async function* entryText(path: string, entry: ZipEntry): AsyncGenerator<string> {
  const file = await open(path, 'r');
  let start: number;
  try {
    const header = Buffer.alloc(30);
    await file.read(header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== 0x04034b50)
      throw new AppError('unsupported_media_type', 'Tệp XLSX bị hỏng');
    start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await file.close();
  }
  if (entry.compressedSize === 0) return;
  // 64 KB chunks: fewer trips through zlib's thread pool than 16 KB; 256 KB chunks raised the
  // heap peak of a 50,000-row read from ~190 MB to ~260 MB and slowed it (bench/README.md).
  const raw = createReadStream(path, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: CHUNK,
  });
  const source = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: CHUNK })) : raw;
  if (entry.method !== 8 && entry.method !== 0)
    throw new AppError('unsupported_media_type', 'Tệp XLSX nén theo cách không hỗ trợ');
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source as AsyncIterable<Buffer>)
    yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Runs a SAX parser over an entry, yielding between chunks so memory stays flat. */
async function* saxEvents(path: string, entry: ZipEntry) {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let events: {
    type: 'open' | 'text' | 'close';
    tag?: SaxesTagPlain;
    name?: string;
    text?: string;
  }[] = [];
  let failure: Error | null = null;
  parser.on('error', (e) => (failure = e));
  parser.on('opentag', (tag) => events.push({ type: 'open', tag }));
  parser.on('text', (text) => events.push({ type: 'text', text }));
  parser.on('closetag', (tag) => events.push({ type: 'close', name: tag.name }));
  for await (const text of entryText(path, entry)) {
    parser.write(text);
    if (failure) throw new AppError('unsupported_media_type', 'Tệp XLSX có nội dung XML hỏng');
    yield events;
    events = [];
  }
  parser.close();
  yield events;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

async function sharedStrings(path: string, entry: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = 0;
  for await (const batch of saxEvents(path, entry)) {
    for (const e of batch) {
      const n = local(e.tag?.name ?? e.name ?? '');
      if (e.type === 'open') {
        if (n === 'si') current = [];
        else if (n === 'rPh') inPhonetic += 1;
        else if (n === 't' && inPhonetic === 0) inText = true;
      } else if (e.type === 'text') {
        if (inText && current) current.push(e.text ?? '');
      } else if (n === 't') inText = false;
      else if (n === 'rPh') inPhonetic -= 1;
      else if (n === 'si') {
        out.push((current ?? []).join(''));
        current = null;
      }
    }
  }
  return out;
}

async function firstSheetName(path: string, entries: Map<string, ZipEntry>): Promise<string> {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  let relId: string | null = null;
  if (workbook) {
    for await (const batch of saxEvents(path, workbook)) {
      for (const e of batch) {
        if (e.type === 'open' && local(e.tag?.name ?? '') === 'sheet' && relId === null) {
          const attrs = e.tag?.attributes ?? {};
          relId = (attrs['r:id'] ??
            Object.entries(attrs).find(([k]) => local(k) === 'id')?.[1] ??
            null) as string | null;
        }
      }
    }
  }
  if (relId && rels) {
    for await (const batch of saxEvents(path, rels)) {
      for (const e of batch) {
        const attrs = e.tag?.attributes ?? {};
        if (
          e.type === 'open' &&
          local(e.tag?.name ?? '') === 'Relationship' &&
          attrs.Id === relId
        ) {
          const target = String(attrs.Target);
          return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
        }
      }
    }
  }
  const fallback = [...entries.keys()]
    .filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k))
    .sort()[0];
  if (!fallback) throw new AppError('unsupported_media_type', 'Tệp XLSX không có trang tính nào');
  return fallback;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/**
 * Streams the rows of the first sheet; a formula cell gives its cached value and is flagged. The
 * rows are built in the parser's callbacks (no event objects: this is the import's hot loop) and
 * handed out after each chunk of the sheet, so memory holds one chunk's rows at a time.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<StreamRow> {
  const entries = new Map((await readZipEntries(path)).map((e) => [e.name, e]));
  const strings = await sharedStrings(path, entries.get('xl/sharedStrings.xml'));
  const sheet = entries.get(await firstSheetName(path, entries));
  if (!sheet) throw new AppError('unsupported_media_type', 'Tệp XLSX không có trang tính nào');
  let rowNumber = 0;
  let cells: string[] = [];
  let formulas: number[] = [];
  let col = -1;
  let type = '';
  let field = false;
  let value = '';
  let hasFormula = false;
  let ready: StreamRow[] = [];
  let failure: Error | null = null;
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', (e) => (failure = e));
  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    const a = tag.attributes;
    if (n === 'c') {
      col = a.r ? columnIndex(a.r) : col + 1;
      type = a.t ?? 'n';
      value = '';
      hasFormula = false;
    } else if (n === 'v' || n === 't') field = true;
    else if (n === 'f') hasFormula = true;
    else if (n === 'row') {
      rowNumber = a.r ? Number(a.r) : rowNumber + 1;
      cells = [];
      formulas = [];
      col = -1;
    }
  });
  parser.on('text', (text) => {
    if (field) value += text;
  });
  parser.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 'v' || n === 't') field = false;
    else if (n === 'c') {
      let text = value;
      if (type === 's') text = strings[Number(value)] ?? '';
      else if (type === 'b') text = value === '1' ? 'TRUE' : 'FALSE';
      else if (type === 'e') text = '';
      while (cells.length < col) cells.push('');
      cells[col] = text.trim();
      if (hasFormula) formulas.push(col);
    } else if (n === 'row') ready.push({ row: rowNumber, cells, formulaColumns: formulas });
  });
  const broken = () => new AppError('unsupported_media_type', 'Tệp XLSX có nội dung XML hỏng');
  for await (const text of entryText(path, sheet)) {
    parser.write(text);
    if (failure) throw broken();
    const rows = ready;
    ready = [];
    yield* rows;
  }
  parser.close();
  if (failure) throw broken();
  yield* ready;
}
