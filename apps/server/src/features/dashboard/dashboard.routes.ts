import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dashboardQuery,
  dashboardSchema,
  phaseSchema,
  phasesBody,
  rankingQuery,
  rankingSchema,
  weightsDtoSchema,
  weightsSchema,
} from '@toso/domain/dashboard';
import type { AppContext } from '../../app';
import { MIME, sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import {
  getDashboard,
  getRanking,
  getWeights,
  listPhases,
  setPhases,
  setWeights,
} from './dashboard.service';
import { buildEvaluationDocx } from './evaluation-docx';

const tags = ['dashboard'];
const idParams = z.object({ id: z.uuid() });
const unitQuery = z.object({ unitId: z.uuid().optional() });

export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dashboard',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary:
            'The 70% KPI with its trend and projected date, targets, coverage, children and phases of a unit',
          querystring: dashboardQuery,
          response: { 200: dashboardSchema },
        },
      },
      async (request) => getDashboard(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/campaigns/:id/phases',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'The phases of a campaign (its timeline)',
          params: idParams,
          response: { 200: z.array(phaseSchema) },
        },
      },
      async (request) => listPhases(ctx.db, actorOf(request), request.params.id),
    );
    app.put(
      '/api/campaigns/:id/phases',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Replaces the phases of a campaign',
          params: idParams,
          body: phasesBody,
          response: { 200: z.array(phaseSchema) },
        },
      },
      async (request) =>
        setPhases(ctx.db, actorOf(request), request.params.id, request.body.phases),
    );

    app.get(
      '/api/evaluation/weights',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'The evaluation weights that apply to a unit (the district’s, or the default)',
          querystring: unitQuery,
          response: { 200: weightsDtoSchema },
        },
      },
      async (request) => getWeights(ctx.db, actorOf(request), request.query.unitId),
    );
    app.put(
      '/api/evaluation/weights',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Sets a district’s evaluation weights (they sum to 100)',
          querystring: unitQuery,
          body: weightsSchema,
          response: { 200: weightsDtoSchema },
        },
      },
      async (request) => setWeights(ctx.db, actorOf(request), request.query.unitId, request.body),
    );
    app.get(
      '/api/evaluation/ranking',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'Scores and ranking of the communes (or teams) under a unit',
          querystring: rankingQuery,
          response: { 200: rankingSchema },
        },
      },
      async (request) => getRanking(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/evaluation/report.docx',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary:
            'The December evaluation report (Decree 30 "Báo cáo"), with an appendix per commune',
          querystring: dashboardQuery,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const q = request.query;
        const district = await getDashboard(ctx.db, actor, q);
        const ranking = await getRanking(ctx.db, actor, {
          unitId: district.unit.id,
          date: district.date,
          level: 'commune',
        });
        const communes = [];
        for (const r of ranking.rows) {
          communes.push({
            dashboard: await getDashboard(ctx.db, actor, { unitId: r.unitId, date: district.date }),
            teams: await getRanking(ctx.db, actor, {
              unitId: r.unitId,
              date: district.date,
              level: 'team',
            }),
          });
        }
        const data = await buildEvaluationDocx({
          district,
          ranking,
          communes,
          date: district.date,
        });
        return sendDownload(
          reply,
          data,
          MIME.docx,
          `Bao-cao-danh-gia-${district.date.slice(0, 4)}-${district.unit.name}.docx`,
        );
      },
    );
  };
