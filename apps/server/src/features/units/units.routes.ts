import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createHamletBody,
  listUnitsQuery,
  pageSchema,
  renameUnitBody,
  retireUnitBody,
  unitSchema,
} from '@toso/domain/units';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { readTable } from '../../lib/tabular';
import { actorOf } from '../../plugins/auth';
import { importUnits } from './units-import.service';
import {
  createHamlet,
  getUnitForActor,
  listUnitsForActor,
  renameUnit,
  retireUnit,
} from './units.service';

const idParams = z.object({ id: z.uuid() });
const importResult = z.object({
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  dryRun: z.boolean(),
});

export const MAX_UNIT_FILE_BYTES = 5 * 1024 * 1024;

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
          summary: 'Import an official unit list (CSV, XLSX or JSON; multipart field "file")',
          consumes: ['multipart/form-data'],
          querystring: z.object({
            snapshot: z.string().max(40).optional(),
            list: z.string().max(60).optional(),
            dryRun: z.enum(['0', '1']).optional(),
          }),
          response: { 200: importResult },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
        }
        const file = await request.file({ limits: { fileSize: MAX_UNIT_FILE_BYTES, files: 1 } });
        if (!file)
          throw new AppError('validation_failed', 'Chưa chọn tệp', [
            { path: 'file', message: 'Chưa chọn tệp' },
          ]);
        const data = await file.toBuffer();
        const table = await readTable(data, { list: request.query.list });
        return importUnits(ctx.db, actorOf(request), table, {
          snapshot: request.query.snapshot,
          list: request.query.list,
          dryRun: request.query.dryRun === '1',
        });
      },
    );
  };
