import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignBody,
  campaignSchema,
  PERIOD_KINDS,
  reportingPeriods,
  targetCellsBody,
  targetGridSchema,
} from '@toso/domain/campaigns';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { createCampaign, listCampaigns, setTargets, targetGrid } from './targets.service';

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
  };
