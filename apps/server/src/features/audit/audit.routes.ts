import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema } from '@toso/domain/units';
import { auditEntrySchema, listAuditQuery } from '@toso/domain/users';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { listAuditEntries } from './audit.service';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The audit log of the user’s subtree, newest first',
          querystring: listAuditQuery,
          response: { 200: pageSchema(auditEntrySchema) },
        },
      },
      async (request) => listAuditEntries(ctx.db, actorOf(request), request.query),
    );
  };
