import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app';

export const healthRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Liveness and database check',
          response: {
            200: z.object({
              status: z.literal('ok'),
              database: z.enum(['sqlite', 'postgres']),
              version: z.string(),
              time: z.string(),
            }),
          },
        },
      },
      async () => {
        await sql`SELECT 1`.execute(ctx.db);
        return {
          status: 'ok' as const,
          database: ctx.config.database.dialect,
          version: ctx.version,
          time: new Date().toISOString(),
        };
      },
    );
  };
