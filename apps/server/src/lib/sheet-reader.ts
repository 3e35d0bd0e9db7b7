import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetail } from '@toso/domain/errors';
import { AppError } from './app-error';
import type { SheetFormat, StreamRow } from './row-stream';

/** Rows per message from the worker. */
export const SHEET_BATCH_ROWS = 1000;
/** Batches the worker may post before the reader has taken them: the queue's bound. */
export const SHEET_BATCHES_AHEAD = 2;

/** What the sheet worker posts (lib/sheet-worker.ts). */
export type SheetMessage =
  | {
      t: 'rows';
      /** The rows' numbers in the file. */
      rows: Int32Array;
      /** How many cells each row has. */
      widths: Int32Array;
      /** The batch's cells in order: one string joined with NUL, or (if a cell holds NUL) an array. */
      cells: string | string[];
      /** Pairs (row's index in the batch, column) of the cells that held a formula. */
      formulas: Int32Array;
    }
  | { t: 'end' }
  | { t: 'error'; code: ErrorCode | null; message: string; details: ErrorDetail[] };

type Received = SheetMessage | { t: 'exit'; code: number } | { t: 'crash'; error: Error };

const WORKER_URL = new URL('./sheet-worker.mjs', import.meta.url);

/** Sheet reader threads started and not yet exited (tests check that none is left behind). */
let running = 0;
export function sheetWorkersRunning(): number {
  return running;
}

function rowsOf(m: Extract<SheetMessage, { t: 'rows' }>): StreamRow[] {
  const cells = typeof m.cells === 'string' ? m.cells.split('\0') : m.cells;
  const out: StreamRow[] = new Array(m.rows.length);
  let at = 0;
  for (let i = 0; i < m.rows.length; i += 1) {
    const width = m.widths[i]!;
    out[i] = { row: m.rows[i]!, cells: cells.slice(at, at + width), formulaColumns: [] };
    at += width;
  }
  for (let k = 0; k < m.formulas.length; k += 2)
    out[m.formulas[k]!]!.formulaColumns.push(m.formulas[k + 1]!);
  return out;
}

/**
 * Reads the rows of the first sheet of an XLSX, or of a CSV, in a worker thread (`readRows`: unzip
 * and XML or CSV parsing, with all their checks), so that reading the file overlaps the caller's
 * work on the rows. The thread is started when the reader is made (it takes a few tenths of a
 * second to load its code: make the reader before the upload is received) and is given its file by
 * `rows`, which can be called once. It stays at most SHEET_BATCHES_AHEAD batches of
 * SHEET_BATCH_ROWS rows ahead of the caller; it is terminated when the caller stops (end, error,
 * break) or by `close` (a reader never used); an error in it is thrown by `rows` as it was thrown
 * there (an AppError keeps its code, message and details).
 */
export class SheetReader {
  private readonly worker = new Worker(WORKER_URL, { execArgv: [] });
  private readonly queue: Received[] = [];
  private wake: (() => void) | null = null;
  private used = false;
  private closed = false;
  /** Batches received from the thread so far. */
  batches = 0;
  /** Resolves when the thread has exited. */
  readonly exited: Promise<void>;

  constructor() {
    running += 1;
    const push = (m: Received) => {
      if (m.t === 'rows') this.batches += 1;
      this.queue.push(m);
      this.wake?.();
      this.wake = null;
    };
    this.worker.on('message', push);
    this.worker.on('error', (error) => push({ t: 'crash', error }));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        running -= 1;
        push({ t: 'exit', code });
        resolve();
      }),
    );
  }

  async *rows(path: string, format: SheetFormat): AsyncGenerator<StreamRow> {
    if (this.used || this.closed) throw new Error('A SheetReader reads one file');
    this.used = true;
    try {
      this.worker.postMessage({ path, format });
      for (;;) {
        while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
        const m = this.queue.shift()!;
        if (m.t === 'rows') {
          this.worker.postMessage('more');
          yield* rowsOf(m);
        } else if (m.t === 'end') return;
        else if (m.t === 'error') {
          throw m.code ? new AppError(m.code, m.message, m.details) : new Error(m.message);
        } else if (m.t === 'crash') throw m.error;
        else throw new Error(`Sheet reader stopped (exit code ${m.code})`);
      }
    } finally {
      this.close();
    }
  }

  /** Ends the thread (at once: whatever it was doing). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.worker.terminate();
  }
}

/** Streams the rows of a file through a new SheetReader. */
export function streamRows(path: string, format: SheetFormat): AsyncGenerator<StreamRow> {
  return new SheetReader().rows(path, format);
}
