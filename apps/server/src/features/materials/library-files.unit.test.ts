import { describe, expect, it } from 'vitest';
import { assertLibraryFile, sniffLibraryType } from './library-files';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypmp42'), Buffer.alloc(8)]);
const WEBM = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]);

describe('library file types', () => {
  it('recognises files by their first bytes, not their names', () => {
    expect(sniffLibraryType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffLibraryType(PNG)).toBe('image/png');
    expect(sniffLibraryType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffLibraryType(MP4)).toBe('video/mp4');
    expect(sniffLibraryType(WEBM)).toBe('video/webm');
    expect(sniffLibraryType(Buffer.from('<html>'))).toBeNull();
    expect(sniffLibraryType(Buffer.from('PK\u0003\u0004'))).toBeNull();
  });

  it('refuses an empty, a too large or an unaccepted file with a clear message', () => {
    expect(() => assertLibraryFile(Buffer.alloc(0), ['image/png'], 10)).toThrow('Tệp rỗng');
    expect(() => assertLibraryFile(PNG, ['image/png'], 4)).toThrow('Tệp lớn hơn');
    expect(() => assertLibraryFile(MP4, ['image/png', 'image/jpeg'], 1000)).toThrow(
      'Chỉ nhận tệp PNG, JPEG',
    );
    expect(assertLibraryFile(PNG, ['image/png'], 1000)).toBe('image/png');
  });
});
