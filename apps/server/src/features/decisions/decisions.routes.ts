import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  decisionBody,
  decisionFormSchema,
  decisionSchema,
  issueDecisionBody,
} from '@toso/domain/teams';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { MIME, sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import { MAX_SCAN_BYTES } from '../files/file-types';
import {
  decisionDocx,
  decisionsZip,
  getDecisionForActor,
  getScan,
  issueDecision,
  proposeDecision,
  saveDraft,
  uploadScan,
} from './decisions.service';

const idParams = z.object({ id: z.uuid() });

export const decisionsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/teams/:id/decision',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['decisions'],
          summary: 'The team’s decision, or a prefilled proposal with the next number of the year',
          params: idParams,
          response: { 200: decisionFormSchema },
        },
      },
      async (request) => proposeDecision(ctx.db, actorOf(request), request.params.id),
    );

    app.put(
      '/api/teams/:id/decision',
      {
        config: { access: 'decisions:write' },
        schema: {
          tags: ['decisions'],
          summary:
            'Create or update the team’s draft decision (number unique per commune and year)',
          params: idParams,
          body: decisionBody,
          response: { 200: decisionSchema },
        },
      },
      async (request) => saveDraft(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/decisions/:id',
      {
        config: { access: 'teams:read' },
        schema: { tags: ['decisions'], params: idParams, response: { 200: decisionSchema } },
      },
      async (request) => getDecisionForActor(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/decisions/:id/docx',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['decisions'],
          summary: 'The decision as .docx (Decree 30/2020)',
          params: idParams,
        },
      },
      async (request, reply) => {
        const { data, filename } = await decisionDocx(
          ctx.db,
          actorOf(request).scope,
          request.params.id,
        );
        return sendDownload(reply, data, MIME.docx, filename);
      },
    );

    app.get(
      '/api/decisions/zip',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['decisions'],
          summary: 'Several decisions as one .zip of .docx files',
          querystring: z.object({
            ids: z
              .string()
              .max(37 * 200)
              .transform((s) => s.split(',').filter(Boolean))
              .pipe(z.array(z.uuid()).min(1).max(200)),
          }),
        },
      },
      async (request, reply) => {
        const zip = await decisionsZip(ctx.db, actorOf(request).scope, request.query.ids);
        return sendDownload(reply, zip, MIME.zip, 'quyet-dinh-thanh-lap-to.zip');
      },
    );

    app.post(
      '/api/decisions/:id/scan',
      {
        config: { access: 'decisions:write' },
        schema: {
          tags: ['decisions'],
          summary: 'Upload the signed scan (PDF, PNG or JPEG; checked by content; at most 10 MB)',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: decisionSchema },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
        const file = await request.file({ limits: { fileSize: MAX_SCAN_BYTES, files: 1 } });
        if (!file)
          throw new AppError('validation_failed', 'Chưa chọn tệp', [
            { path: 'file', message: 'Chưa chọn tệp' },
          ]);
        const data = await file.toBuffer();
        return uploadScan(ctx.db, actorOf(request), request.params.id, data, file.filename);
      },
    );

    app.get(
      '/api/decisions/:id/scan',
      {
        config: { access: 'teams:read' },
        schema: { tags: ['decisions'], summary: 'Download the signed scan', params: idParams },
      },
      async (request, reply) => {
        const file = await getScan(ctx.db, actorOf(request).scope, request.params.id);
        return sendDownload(reply, Buffer.from(file.data), file.mime, file.original_name);
      },
    );

    app.post(
      '/api/decisions/:id/issue',
      {
        config: { access: 'decisions:write' },
        schema: {
          tags: ['decisions'],
          summary: 'Mark the decision issued, which establishes the team',
          params: idParams,
          body: issueDecisionBody,
          response: { 200: decisionSchema },
        },
      },
      async (request) =>
        issueDecision(ctx.db, actorOf(request), request.params.id, request.body.compositionReason),
    );
  };
