import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createHamletBody,
  listUnitsQuery,
  pageSchema,
  renameUnitBody,
  retireUnitBody,
  unitImportJobSchema,
  unitImportResultSchema,
  unitSchema,
} from '@toso/domain/units';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { readTable } from '../../lib/tabular';
import { actorOf } from '../../plugins/auth';
import { applyUnitList, checkUnitList } from './units-import.service';
import {
  exclusiveUnitImport,
  getUnitImportJob,
  refuseWhileImporting,
  startUnitImportJob,
} from './units-import-jobs';
import {
  createHamlet,
  getUnitForActor,
  listUnitsForActor,
  renameUnit,
  retireUnit,
} from './units.service';

const idParams = z.object({ id: z.uuid() });
const importQuery = z.object({
  snapshot: z.string().max(40).optional(),
  list: z.string().max(60).optional(),
});

export const MAX_UNIT_FILE_BYTES = 5 * 1024 * 1024;

/** The uploaded list (multipart field "file"), read as a table. */
async function uploadedTable(request: FastifyRequest, list: string | undefined) {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
  }
  const file = await request.file({ limits: { fileSize: MAX_UNIT_FILE_BYTES, files: 1 } });
  if (!file)
    throw new AppError('validation_failed', 'Chưa chọn tệp', [
      { path: 'file', message: 'Chưa chọn tệp' },
    ]);
  const data = await file.toBuffer();
  return { table: await readTable(data, { list }), fileName: file.filename };
}

export const unitsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/units',
      {
        config: { access: 'units:read' },
        schema: {
          tags: ['units'],
          summary:
            'Units the user may see: the roots of their scope, a unit’s children, or a search',
          querystring: listUnitsQuery,
          response: { 200: pageSchema(unitSchema) },
        },
      },
      async (request) => listUnitsForActor(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/units/:id',
      {
        config: { access: 'units:read' },
        schema: { tags: ['units'], params: idParams, response: { 200: unitSchema } },
      },
      async (request) => getUnitForActor(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/units',
      {
        config: { access: 'units:write_hamlet' },
        schema: {
          tags: ['units'],
          summary: 'Add a hamlet (xóm, thôn, tổ dân phố…) to a commune',
          body: createHamletBody,
          response: { 201: unitSchema },
        },
      },
      async (request, reply) => {
        const unit = await createHamlet(ctx.db, actorOf(request), request.body);
        return reply.status(201).send(unit);
      },
    );

    app.patch(
      '/api/units/:id',
      {
        config: { access: 'units:write_hamlet' },
        schema: {
          tags: ['units'],
          summary: 'Rename a unit',
          params: idParams,
          body: renameUnitBody,
          response: { 200: unitSchema },
        },
      },
      async (request) => renameUnit(ctx.db, actorOf(request), request.params.id, request.body.name),
    );

    app.post(
      '/api/units/:id/retire',
      {
        config: { access: 'units:write_hamlet' },
        schema: {
          tags: ['units'],
          summary: 'Retire a unit from a date, naming its successors',
          params: idParams,
          body: retireUnitBody,
          response: { 200: unitSchema },
        },
      },
      async (request) => retireUnit(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/units/import',
      {
        config: { access: 'units:import' },
        schema: {
          tags: ['units'],
          summary:
            'Import an official unit list (CSV, XLSX or JSON; multipart field "file"): a preview with dryRun=1, else written in this request (scripts; the web page uses /api/units/import/jobs)',
          consumes: ['multipart/form-data'],
          querystring: importQuery.extend({ dryRun: z.enum(['0', '1']).optional() }),
          response: { 200: unitImportResultSchema },
        },
      },
      async (request) => {
        if (request.query.dryRun !== '1') refuseWhileImporting();
        const { table } = await uploadedTable(request, request.query.list);
        const actor = actorOf(request);
        const options = {
          snapshot: request.query.snapshot,
          list: request.query.list,
          dryRun: request.query.dryRun === '1',
        };
        const list = await checkUnitList(ctx.db, actor, table, options);
        if (options.dryRun) return applyUnitList(ctx.db, actor, list, options);
        return exclusiveUnitImport(() => applyUnitList(ctx.db, actor, list, options));
      },
    );

    app.post(
      '/api/units/import/jobs',
      {
        config: { access: 'units:import' },
        schema: {
          tags: ['units'],
          summary:
            'Write an official unit list in the background (multipart field "file"); poll its progress. The file is checked first: its problems answer 400 by row and column',
          consumes: ['multipart/form-data'],
          querystring: importQuery,
          response: { 202: unitImportJobSchema },
        },
      },
      async (request, reply) => {
        // Refused before the file is even read; claimed again (atomically) when the job starts.
        refuseWhileImporting();
        const { table, fileName } = await uploadedTable(request, request.query.list);
        const actor = actorOf(request);
        const options = { snapshot: request.query.snapshot, list: request.query.list };
        const list = await checkUnitList(ctx.db, actor, table, options);
        const job = startUnitImportJob(ctx.db, actor, list, fileName, options, (error) =>
          app.log.error({ err: error }, 'unit list import failed'),
        );
        return reply.status(202).send(job);
      },
    );

    app.get(
      '/api/units/import/jobs/:id',
      {
        config: { access: 'units:import' },
        schema: {
          tags: ['units'],
          summary: 'Progress of a unit list import (its author only), then its result or error',
          params: idParams,
          response: { 200: unitImportJobSchema },
        },
      },
      async (request) => getUnitImportJob(actorOf(request), request.params.id),
    );
  };
