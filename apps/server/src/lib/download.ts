import type { FastifyReply } from 'fastify';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const MIME = {
  docx: DOCX,
  xlsx: XLSX,
  zip: 'application/zip',
  svg: 'image/svg+xml',
} as const;

/**
 * Sends a file download (or, `inline`, a file the browser shows itself: an image, a PDF, a video);
 * the name may hold Vietnamese letters (RFC 6266 / 5987).
 */
export function sendDownload(
  reply: FastifyReply,
  data: Buffer | string,
  mime: string,
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^\w.-]+/g, '_');
  return reply
    .header('content-type', mime)
    .header(
      'content-disposition',
      `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header('cache-control', 'no-store')
    .send(data);
}
