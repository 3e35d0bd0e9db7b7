import { parentPort } from 'node:worker_threads';
import { AppError } from './app-error';
import { readRows, type SheetFormat } from './row-stream';
import { SHEET_BATCH_ROWS, SHEET_BATCHES_AHEAD, type SheetMessage } from './sheet-reader';

// The worker thread of a SheetReader (lib/sheet-reader.ts): waits for the file to read, reads it
// with `readRows` (unzip, XML or CSV parsing: every check of the in-thread reader) and posts the
// rows in batches. It runs at most SHEET_BATCHES_AHEAD batches ahead of the reader: each batch
// taken by the main thread gives back one credit ("more").

const port = parentPort!;

let credits = SHEET_BATCHES_AHEAD;
let wake: (() => void) | null = null;
let started = false;
const onMessage = (m: 'more' | { path: string; format: SheetFormat }) => {
  if (m === 'more') {
    credits += 1;
    wake?.();
    wake = null;
  } else if (!started) {
    started = true;
    void run(m.path, m.format);
  }
};
port.on('message', onMessage);

async function send(rows: number[], widths: number[], cells: string[], formulas: number[]) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits -= 1;
  // One string for the batch's cells (split again by the reader): a structured clone of one
  // string instead of one per cell. NUL cannot be in an XLSX's text (XML refuses it), but can be
  // in a CSV: such a batch goes as an array.
  let joined: string | null = cells.join('\0');
  for (const c of cells) {
    if (c.includes('\0')) {
      joined = null;
      break;
    }
  }
  const numbers = [rows, widths, formulas].map((xs) => Int32Array.from(xs));
  const message: SheetMessage = {
    t: 'rows',
    rows: numbers[0]!,
    widths: numbers[1]!,
    cells: joined ?? cells,
    formulas: numbers[2]!,
  };
  port.postMessage(
    message,
    numbers.map((xs) => xs.buffer as ArrayBuffer),
  );
}

async function run(path: string, format: SheetFormat) {
  let rows: number[] = [];
  let widths: number[] = [];
  let cells: string[] = [];
  let formulas: number[] = [];
  try {
    for await (const r of readRows(path, format)) {
      const i = rows.length;
      rows.push(r.row);
      widths.push(r.cells.length);
      for (const c of r.cells) cells.push(c);
      for (const f of r.formulaColumns) formulas.push(i, f);
      if (rows.length >= SHEET_BATCH_ROWS) {
        await send(rows, widths, cells, formulas);
        rows = [];
        widths = [];
        cells = [];
        formulas = [];
      }
    }
    if (rows.length > 0) await send(rows, widths, cells, formulas);
    port.postMessage({ t: 'end' } satisfies SheetMessage);
  } catch (e) {
    const message: SheetMessage =
      e instanceof AppError
        ? { t: 'error', code: e.code, message: e.message, details: e.details }
        : { t: 'error', code: null, message: (e as Error)?.message ?? String(e), details: [] };
    port.postMessage(message);
  } finally {
    // Nothing more to wait for: the thread ends once its queue is empty.
    port.off('message', onMessage);
  }
}
