import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/** A size for a message: "10 MB". */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * Reads the one file of a multipart request, stopping one byte past `maxBytes` so a file too
 * large is refused with its limit named rather than a generic message.
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  /** What the file is, for the message when it is too large ("Giấy chứng nhận"). */
  what = 'Tệp',
): Promise<{ data: Buffer; filename: string }> {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file)
    throw new AppError('validation_failed', 'Chưa chọn tệp', [
      { path: 'file', message: 'Chưa chọn tệp' },
    ]);
  const chunks: Buffer[] = [];
  for await (const chunk of file.file) chunks.push(chunk as Buffer);
  if (file.file.truncated) {
    const message = `${what} lớn hơn ${megabytes(maxBytes)}`;
    throw new AppError('payload_too_large', message, [{ path: 'file', message }]);
  }
  return { data: Buffer.concat(chunks), filename: file.filename || 'tep' };
}
