import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignBody,
  campaignSchema,
  campaignUpdateBody,
  indicatorInput,
  PERIOD_KINDS,
  reportingPeriods,
  targetCellsBody,
  targetGridSchema,
} from '@toso/domain/campaigns';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { AppError } from '../../lib/app-error';
import { MIME, sendDownload } from '../../lib/download';
import { readTable } from '../../lib/tabular';
import {
  addIndicator,
  createCampaign,
  listCampaigns,
  removeIndicator,
  setTargets,
  targetGrid,
  updateCampaign,
} from './targets.service';
import { importTargets, targetsWorkbook } from './targets-xlsx.service';

const MAX_TARGETS_FILE_BYTES = 2 * 1024 * 1024;
const errorDetail = z.object({
  path: z.string(),
  message: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
});

const tags = ['field'];
const idParams = z.object({ id: z.uuid() });

export const targetsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/campaigns',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'Campaigns that apply to the user’s units',
          response: { 200: z.array(campaignSchema) },
        },
      },
      async (request) => listCampaigns(ctx.db, actorOf(request)),
    );
    app.post(
      '/api/campaigns',
      {
        config: { access: 'settings:write' },
        schema: { tags, body: campaignBody, response: { 201: campaignSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await createCampaign(ctx.db, actorOf(request), request.body)),
    );
    app.put(
      '/api/campaigns/:id',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Rename a campaign or change its dates',
          params: idParams,
          body: campaignUpdateBody,
          response: { 200: campaignSchema },
        },
      },
      async (request) => updateCampaign(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/campaigns/:id/indicators',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Add an indicator: a platform and an outcome, chat coverage, or the KPI share',
          params: idParams,
          body: indicatorInput,
          response: { 200: campaignSchema },
        },
      },
      async (request) => addIndicator(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/campaigns/:id/indicators/:indicatorId',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Remove an indicator and its targets (support records stay)',
          params: z.object({ id: z.uuid(), indicatorId: z.uuid() }),
          response: { 200: campaignSchema },
        },
      },
      async (request) =>
        removeIndicator(ctx.db, actorOf(request), request.params.id, request.params.indicatorId),
    );
    app.get(
      '/api/campaigns/:id/periods',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'Reporting periods of a campaign',
          params: idParams,
          querystring: z.object({ kind: z.enum(PERIOD_KINDS).default('month') }),
          response: {
            200: z.array(
              z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
            ),
          },
        },
      },
      async (request) => {
        const c = (await listCampaigns(ctx.db, actorOf(request))).find(
          (x) => x.id === request.params.id,
        );
        return c ? reportingPeriods(c.startsOn, c.endsOn, request.query.kind) : [];
      },
    );
    app.get(
      '/api/campaigns/:id/targets',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'Targets of a unit’s children, with the suggested split and the counts reached',
          params: idParams,
          querystring: z.object({
            unitId: z.uuid().optional(),
            weightBy: z.enum(['working_age', 'households']).default('working_age'),
          }),
          response: { 200: targetGridSchema },
        },
      },
      async (request) =>
        targetGrid(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.query.unitId,
          request.query.weightBy,
        ),
    );
    app.put(
      '/api/campaigns/:id/targets',
      {
        config: { access: 'teams:write' },
        schema: {
          tags,
          summary: 'Set many targets at once (null removes one)',
          params: idParams,
          body: targetCellsBody,
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await setTargets(ctx.db, actorOf(request), request.params.id, request.body.targets);
        return { ok: true as const };
      },
    );
    app.get(
      '/api/campaigns/:id/targets.xlsx',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'The targets grid of a unit as .xlsx (the import reads the same layout)',
          params: idParams,
          querystring: z.object({ unitId: z.uuid().optional() }),
        },
      },
      async (request, reply) => {
        const { data, grid } = await targetsWorkbook(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.query.unitId,
        );
        return sendDownload(reply, data, MIME.xlsx, `chi-tieu-${grid.unit.name}.xlsx`);
      },
    );
    app.post(
      '/api/campaigns/:id/targets/import',
      {
        config: { access: 'teams:write' },
        schema: {
          tags,
          summary:
            'Import targets from the exported layout: commit=0 lists every error and change, commit=1 writes all or nothing',
          consumes: ['multipart/form-data'],
          params: idParams,
          querystring: z.object({ unitId: z.uuid(), commit: z.enum(['0', '1']).default('0') }),
          response: {
            200: z.object({
              committed: z.boolean(),
              changes: z.array(
                z.object({
                  row: z.number().int(),
                  unitId: z.string(),
                  unitName: z.string(),
                  indicatorId: z.string(),
                  column: z.string(),
                  before: z.number().int().nullable(),
                  after: z.number().int().nullable(),
                }),
              ),
              errors: z.array(errorDetail),
            }),
          },
        },
      },
      async (request) => {
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Gửi tệp dưới dạng multipart/form-data');
        const file = await request.file({ limits: { fileSize: MAX_TARGETS_FILE_BYTES, files: 1 } });
        if (!file)
          throw new AppError('validation_failed', 'Chưa chọn tệp', [
            { path: 'file', message: 'Chưa chọn tệp' },
          ]);
        const table = await readTable(await file.toBuffer());
        return importTargets(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.query.unitId,
          table,
          request.query.commit === '1',
        );
      },
    );
  };
