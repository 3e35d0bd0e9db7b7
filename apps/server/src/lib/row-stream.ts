import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse';
import { AppError } from './app-error';
import { readXlsxRows } from './xlsx-stream';
import { inspectZip } from './zip-guard';

/** One data row of a file: its number as a person sees it, its cells, and cells that held formulas. */
export interface StreamRow {
  row: number;
  cells: string[];
  formulaColumns: number[];
}

export type SheetFormat = 'xlsx' | 'csv';

/** Recognises an XLSX or a CSV by content; anything else is refused with a clear message. */
export async function sniffSheet(path: string): Promise<SheetFormat> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, 4096, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      const names = await inspectZip(path);
      if (!names.includes('xl/workbook.xml')) {
        throw new AppError('unsupported_media_type', 'Tệp nén không phải bảng tính Excel (.xlsx)');
      }
      return 'xlsx';
    }
    if (bytesRead === 0)
      throw new AppError('validation_failed', 'Tệp rỗng', [{ path: 'file', message: 'Tệp rỗng' }]);
    if (bytes.includes(0) || !isUtf8Text(bytes)) {
      throw new AppError(
        'unsupported_media_type',
        'Tệp không phải bảng tính: hãy chọn tệp .xlsx hoặc .csv',
      );
    }
    return 'csv';
  } finally {
    await file.close();
  }
}

function isUtf8Text(bytes: Buffer): boolean {
  // The head may cut a multi-byte letter in two: ignore up to three trailing bytes.
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut += 1) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      /* try a shorter head */
    }
  }
  return false;
}

async function* csvRows(path: string): AsyncGenerator<StreamRow> {
  const parser = createReadStream(path).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }),
  );
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n += 1;
      yield { row: n, cells: record, formulaColumns: [] };
    }
  } catch (e) {
    throw new AppError(
      'import_invalid',
      `Tệp CSV không hợp lệ ở dòng ${n + 1}: ${(e as Error).message}`,
    );
  }
}

/**
 * Reads the rows of the first sheet of an XLSX, or of a CSV, one at a time, in this thread. The
 * import reads through `streamRows` (lib/sheet-reader.ts), which runs this in a worker thread.
 */
export function readRows(path: string, format: SheetFormat): AsyncGenerator<StreamRow> {
  return format === 'xlsx' ? readXlsxRows(path) : csvRows(path);
}
