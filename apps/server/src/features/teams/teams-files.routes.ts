import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageSchema, teamDetailSchema } from '@toso/domain/teams';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { MIME, sendDownload } from '../../lib/download';
import { readTable } from '../../lib/tabular';
import { actorOf } from '../../plugins/auth';
import { getCoverage } from './coverage.service';
import {
  coverageWorkbook,
  importRoster,
  rosterTemplate,
  teamsWorkbook,
} from './teams-xlsx.service';

const unitQuery = z.object({ unitId: z.uuid().optional() });
export const MAX_ROSTER_BYTES = 2 * 1024 * 1024;

export const teamsFilesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/coverage',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['teams'],
          summary: 'Coverage and deadline board: hamlets with an established team, awaiting, none',
          querystring: unitQuery,
          response: { 200: coverageSchema },
        },
      },
      async (request) => getCoverage(ctx.db, actorOf(request), request.query.unitId),
    );

    app.get(
      '/api/coverage.xlsx',
      { config: { access: 'teams:read' }, schema: { tags: ['teams'], querystring: unitQuery } },
      async (request, reply) => {
        const coverage = await getCoverage(ctx.db, actorOf(request), request.query.unitId);
        return sendDownload(
          reply,
          await coverageWorkbook(coverage),
          MIME.xlsx,
          `bao-phu-to-${coverage.unitName}.xlsx`,
        );
      },
    );

    app.get(
      '/api/teams/export.xlsx',
      { config: { access: 'teams:read' }, schema: { tags: ['teams'], querystring: unitQuery } },
      async (request, reply) =>
        sendDownload(
          reply,
          await teamsWorkbook(ctx.db, actorOf(request), request.query.unitId),
          MIME.xlsx,
          'danh-sach-to-va-thanh-vien.xlsx',
        ),
    );

    app.get(
      '/api/teams/roster-template.xlsx',
      {
        config: { access: 'teams:read' },
        schema: { tags: ['teams'], summary: 'The roster template (.xlsx)' },
      },
      async (_request, reply) =>
        sendDownload(reply, await rosterTemplate(), MIME.xlsx, 'mau-danh-sach-thanh-vien.xlsx'),
    );

    app.post(
      '/api/teams/:id/roster',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          summary: 'Import members from the roster template (.xlsx or .csv); all or nothing',
          consumes: ['multipart/form-data'],
          params: z.object({ id: z.uuid() }),
          querystring: z.object({ dryRun: z.enum(['0', '1']).optional() }),
          response: {
            200: z.object({
              imported: z.number().int(),
              valid: z.number().int(),
              team: teamDetailSchema,
            }),
          },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
        const file = await request.file({ limits: { fileSize: MAX_ROSTER_BYTES, files: 1 } });
        if (!file)
          throw new AppError('validation_failed', 'Chưa chọn tệp', [
            { path: 'file', message: 'Chưa chọn tệp' },
          ]);
        const table = await readTable(await file.toBuffer());
        return importRoster(
          ctx.db,
          actorOf(request),
          request.params.id,
          table,
          request.query.dryRun === '1',
        );
      },
    );
  };
