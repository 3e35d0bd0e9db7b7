import { AppError } from '../../lib/app-error';

export type ScanMime = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Recognises a PDF, PNG or JPEG by its first bytes, whatever the file is called. */
export function sniffScanType(data: Buffer): ScanMime | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  return null;
}

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export function assertScan(data: Buffer): ScanMime {
  if (data.length === 0)
    throw new AppError('validation_failed', 'Tệp rỗng', [{ path: 'file', message: 'Tệp rỗng' }]);
  const mime = sniffScanType(data);
  if (!mime) {
    throw new AppError('unsupported_media_type', 'Chỉ nhận bản quét PDF, PNG hoặc JPEG', [
      { path: 'file', message: 'Nội dung tệp không phải PDF, PNG hoặc JPEG' },
    ]);
  }
  return mime;
}
