import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { programmeSettingsBody, programmeSettingsSchema } from '@toso/domain/teams';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { getSettingsForActor, saveSettings } from './settings.service';

export const settingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/settings',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['settings'],
          summary: 'Programme settings in force for a unit (default: the user’s own)',
          querystring: z.object({ unitId: z.uuid().optional() }),
          response: { 200: programmeSettingsSchema },
        },
      },
      async (request) => getSettingsForActor(ctx.db, actorOf(request), request.query.unitId),
    );

    app.put(
      '/api/settings/:unitId',
      {
        config: { access: 'settings:write' },
        schema: {
          tags: ['settings'],
          summary: 'Set the programme settings of a district or province',
          params: z.object({ unitId: z.uuid() }),
          body: programmeSettingsBody,
          response: { 200: programmeSettingsSchema },
        },
      },
      async (request) =>
        saveSettings(ctx.db, actorOf(request), request.params.unitId, request.body),
    );
  };
