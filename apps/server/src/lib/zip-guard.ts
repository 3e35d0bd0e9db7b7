import { open } from 'node:fs/promises';
import { AppError } from './app-error';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
}

export const SPREADSHEET_ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxUncompressedBytes: 400 * 1024 * 1024,
  maxRatio: 200,
};

/**
 * Reads a zip's central directory (without inflating anything) and refuses archives that would
 * expand too far: zip bombs. Returns the entry names.
 */
export async function inspectZip(
  path: string,
  limits: ZipLimits = SPREADSHEET_ZIP_LIMITS,
): Promise<string[]> {
  return (await readZipEntries(path, limits)).map((e) => e.name);
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a zip from its central directory, after the same checks as `inspectZip`. */
export async function readZipEntries(
  path: string,
  limits: ZipLimits = SPREADSHEET_ZIP_LIMITS,
): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0)
      throw new AppError('unsupported_media_type', 'Tệp XLSX bị hỏng (không đọc được mục lục)');
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries > limits.maxEntries || cdOffset + cdSize > size) {
      throw new AppError('unsupported_media_type', 'Tệp XLSX có cấu trúc bất thường và bị từ chối');
    }
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const names: ZipEntry[] = [];
    let total = 0;
    let pos = 0;
    for (let i = 0; i < entries; i += 1) {
      if (cd.readUInt32LE(pos) !== 0x02014b50)
        throw new AppError('unsupported_media_type', 'Tệp XLSX bị hỏng');
      const compressed = cd.readUInt32LE(pos + 20);
      const uncompressed = cd.readUInt32LE(pos + 24);
      const nameLength = cd.readUInt16LE(pos + 28);
      const extraLength = cd.readUInt16LE(pos + 30);
      const commentLength = cd.readUInt16LE(pos + 32);
      names.push({
        name: cd.subarray(pos + 46, pos + 46 + nameLength).toString('utf8'),
        method: cd.readUInt16LE(pos + 10),
        compressedSize: compressed,
        uncompressedSize: uncompressed,
        localHeaderOffset: cd.readUInt32LE(pos + 42),
      });
      total += uncompressed;
      if (uncompressed > 1024 * 1024 && uncompressed / Math.max(compressed, 1) > limits.maxRatio) {
        throw new AppError(
          'unsupported_media_type',
          'Tệp nén bất thường (nghi là "bom nén") và bị từ chối',
        );
      }
      pos += 46 + nameLength + extraLength + commentLength;
    }
    if (total > limits.maxUncompressedBytes) {
      throw new AppError('payload_too_large', 'Tệp XLSX khi giải nén quá lớn và bị từ chối');
    }
    return names;
  } finally {
    await file.close();
  }
}
