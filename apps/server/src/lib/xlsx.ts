import ExcelJS from 'exceljs';

/** A text that a spreadsheet would read as a formula gets a leading apostrophe. */
export function safeCell(value: string | number | null | undefined): string | number | null {
  if (typeof value !== 'string') return value ?? null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export interface SheetSpec {
  name: string;
  columns: { header: string; width?: number }[];
  rows: (string | number | null | undefined)[][];
}

/** Builds a workbook of plain sheets: bold frozen header row, escaped cells, filters on. */
export async function buildWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tổ Số';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const r of spec.rows) ws.addRow(r.map(safeCell));
    if (spec.rows.length > 0) {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
