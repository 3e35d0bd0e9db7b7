import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  chatGroupBody,
  chatGroupCountBody,
  chatGroupCountSchema,
  chatGroupSchema,
  listChatGroupsQuery,
  updateChatGroupBody,
} from '@toso/domain/chat-groups';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import {
  chatGroupQrSvg,
  countHistory,
  createChatGroup,
  getChatGroupForActor,
  listChatGroupsForActor,
  recordCount,
  updateChatGroupForActor,
} from './chat-groups.service';

const idParams = z.object({ id: z.uuid() });

export const chatGroupsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/chat-groups',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['chat groups'],
          querystring: listChatGroupsQuery,
          response: { 200: pageSchema(chatGroupSchema) },
        },
      },
      async (request) => listChatGroupsForActor(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/chat-groups/:id',
      {
        config: { access: 'teams:read' },
        schema: { tags: ['chat groups'], params: idParams, response: { 200: chatGroupSchema } },
      },
      async (request) => getChatGroupForActor(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/chat-groups',
      {
        config: { access: 'chat_groups:write' },
        schema: {
          tags: ['chat groups'],
          summary: 'Register a hamlet’s or a commune’s chat group',
          body: chatGroupBody,
          response: { 201: chatGroupSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createChatGroup(ctx.db, actorOf(request), request.body)),
    );
    app.patch(
      '/api/chat-groups/:id',
      {
        config: { access: 'chat_groups:write' },
        schema: {
          tags: ['chat groups'],
          params: idParams,
          body: updateChatGroupBody,
          response: { 200: chatGroupSchema },
        },
      },
      async (request) =>
        updateChatGroupForActor(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/chat-groups/:id/counts',
      {
        config: { access: 'chat_groups:write' },
        schema: {
          tags: ['chat groups'],
          summary: 'Record the households joined on a date',
          params: idParams,
          body: chatGroupCountBody,
          response: { 200: chatGroupSchema },
        },
      },
      async (request) =>
        recordCount(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.body.recordedOn,
          request.body.householdsJoined,
        ),
    );
    app.get(
      '/api/chat-groups/:id/counts',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['chat groups'],
          params: idParams,
          response: { 200: z.array(chatGroupCountSchema) },
        },
      },
      async (request) => countHistory(ctx.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/chat-groups/:id/qr.svg',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['chat groups'],
          summary: 'QR code of the invitation link (SVG)',
          params: idParams,
        },
      },
      async (request, reply) =>
        reply
          .type('image/svg+xml')
          .header('cache-control', 'no-store')
          .send(await chatGroupQrSvg(ctx.db, actorOf(request), request.params.id)),
    );
  };
