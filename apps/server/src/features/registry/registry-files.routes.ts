import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { importJobSchema, importMappingBody } from '@toso/domain/registry';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { MIME, sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import {
  commitImport,
  dropImportJobs,
  getImport,
  remapImport,
  startImport,
} from './import.service';
import { registryWorkbook, registryTemplate } from './registry-xlsx.service';

export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
const idParams = z.object({ id: z.uuid() });
const tags = ['registry'];

export const registryFilesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // The imports' temporary folders (personal data) do not outlive the server.
    app.addHook('onClose', dropImportJobs);
    app.post(
      '/api/imports/residents',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Upload a household list (.xlsx or .csv, ≤ 30 MB); it is read in the background',
          consumes: ['multipart/form-data'],
          querystring: z.object({ unitId: z.uuid() }),
          response: { 202: importJobSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
        const file = await request.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
        if (!file)
          throw new AppError('validation_failed', 'Chưa chọn tệp', [
            { path: 'file', message: 'Chưa chọn tệp' },
          ]);
        const job = await startImport(
          ctx.db,
          ctx.config,
          actorOf(request),
          request.query.unitId,
          file.filename,
          async (path) => {
            await pipeline(file.file, createWriteStream(path));
            if (file.file.truncated) throw new AppError('payload_too_large', 'Tệp lớn hơn 30 MB');
          },
        );
        return reply.status(202).send(job);
      },
    );
    app.get(
      '/api/imports/:id',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Progress and preview of an import',
          params: idParams,
          response: { 200: importJobSchema },
        },
      },
      async (request) => getImport(actorOf(request), request.params.id),
    );
    app.post(
      '/api/imports/:id/mapping',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Choose which column holds which field, and read again',
          params: idParams,
          body: importMappingBody,
          response: { 200: importJobSchema },
        },
      },
      async (request) =>
        remapImport(ctx.db, ctx.config, actorOf(request), request.params.id, request.body.mapping),
    );
    app.post(
      '/api/imports/:id/commit',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Write every row in one transaction (all or nothing)',
          params: idParams,
          body: z.object({ skipDuplicates: z.boolean().default(true) }),
          response: { 202: importJobSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await commitImport(
              ctx.db,
              ctx.config,
              actorOf(request),
              request.params.id,
              request.body.skipDuplicates,
            ),
          ),
    );
    app.get(
      '/api/residents/template.xlsx',
      {
        config: { access: 'residents:read' },
        schema: { tags, summary: 'The household list template (.xlsx)' },
      },
      async (_request, reply) =>
        sendDownload(reply, await registryTemplate(), MIME.xlsx, 'mau-danh-sach-ho-gia-dinh.xlsx'),
    );
    app.get(
      '/api/residents/export.xlsx',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          summary: 'A hamlet’s or commune’s residents as .xlsx',
          querystring: z.object({ unitId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const { data, name } = await registryWorkbook(
          ctx.db,
          ctx.config,
          actorOf(request),
          request.query.unitId,
        );
        return sendDownload(reply, data, MIME.xlsx, `danh-sach-nhan-khau-${name}.xlsx`);
      },
    );
  };
