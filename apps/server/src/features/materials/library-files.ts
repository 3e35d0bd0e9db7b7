import { createHash } from 'node:crypto';
import type { Executor } from '../../db/db';
import { AppError } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import { megabytes } from '../../lib/upload';
import { sniffScanType } from '../files/file-types';
import { insertFile } from '../files/files.repository';

export type LibraryMime =
  'application/pdf' | 'image/png' | 'image/jpeg' | 'video/mp4' | 'video/webm';

/** PDF, PNG and JPEG as for scans, plus MP4 (an `ftyp` box) and WebM (EBML header), by content. */
export function sniffLibraryType(data: Buffer): LibraryMime | null {
  const scan = sniffScanType(data);
  if (scan) return scan;
  if (data.length >= 12 && data.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  if (data.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))) return 'video/webm';
  return null;
}

const LABEL: Record<LibraryMime, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
};

/** Checks the content (not the name) against the accepted types and the size limit. */
export function assertLibraryFile(
  data: Buffer,
  accepted: readonly LibraryMime[],
  maxBytes: number,
): LibraryMime {
  if (data.length === 0)
    throw new AppError('validation_failed', 'Tệp rỗng', [{ path: 'file', message: 'Tệp rỗng' }]);
  const names = accepted.map((m) => LABEL[m]).join(', ');
  if (data.length > maxBytes) {
    throw new AppError('payload_too_large', `Tệp lớn hơn ${megabytes(maxBytes)}`, [
      { path: 'file', message: `Tệp lớn hơn ${megabytes(maxBytes)}` },
    ]);
  }
  const mime = sniffLibraryType(data);
  if (!mime || !accepted.includes(mime)) {
    throw new AppError('unsupported_media_type', `Chỉ nhận tệp ${names}`, [
      { path: 'file', message: `Nội dung tệp không phải ${names} (tên tệp không được tính)` },
    ]);
  }
  return mime;
}

/** Stores an accepted file in `files` (same transaction as what points to it). */
export async function storeLibraryFile(
  tx: Executor,
  fields: {
    unitPath: string;
    purpose: string;
    mime: LibraryMime;
    data: Buffer;
    name: string;
    userId: string | null;
  },
): Promise<string> {
  const id = newId();
  await insertFile(tx, {
    id,
    unit_path: fields.unitPath,
    purpose: fields.purpose,
    mime: fields.mime,
    size: fields.data.length,
    sha256: createHash('sha256').update(fields.data).digest('hex'),
    original_name: fields.name.normalize('NFC').slice(0, 200),
    data: fields.data,
    created_at: nowIso(),
    created_by: fields.userId,
  });
  return id;
}
