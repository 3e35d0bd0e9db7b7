import type { FastifyInstance } from 'fastify';

/** Sends one file as multipart/form-data, the way a browser form does. */
export function uploadFile(
  app: FastifyInstance,
  url: string,
  cookie: string,
  data: Buffer,
  filename = 'file.bin',
) {
  const boundary = '----toso-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

/** Polls `GET /api/imports/:id` until the import is no longer reading or writing; returns the job. */
export async function settleImport(app: FastifyInstance, cookie: string, id: string) {
  for (let i = 0; i < 2000; i += 1) {
    const job = (
      await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } })
    ).json();
    if (job.status !== 'reading' && job.status !== 'writing') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not settle');
}

export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
