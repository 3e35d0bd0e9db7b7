import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { campaignProgressSchema, progressQuery } from '@toso/domain/progress';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { campaignProgress } from './progress.service';

export const progressRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/campaigns/:id/progress',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['field'],
          summary:
            'Progress of a unit and of each unit below it against the campaign’s targets, over a period',
          params: z.object({ id: z.uuid() }),
          querystring: progressQuery,
          response: { 200: campaignProgressSchema },
        },
      },
      async (request) =>
        campaignProgress(ctx.db, actorOf(request), request.params.id, request.query),
    );
  };
