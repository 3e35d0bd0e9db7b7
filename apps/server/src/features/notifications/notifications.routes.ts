import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  listNotificationsQuery,
  notificationSchema,
  unreadCountSchema,
} from '@toso/domain/notifications';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import {
  listMyNotifications,
  markAllRead,
  markOneRead,
  myUnreadCount,
} from './notifications.service';

const idParams = z.object({ id: z.uuid() });

export const notificationsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/notifications',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'My notifications, unread first or newest first',
          querystring: listNotificationsQuery,
          response: { 200: pageSchema(notificationSchema) },
        },
      },
      async (request) => listMyNotifications(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/notifications/unread-count',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'How many of my notifications are unread (cheap; polled by the bell)',
          response: { 200: unreadCountSchema },
        },
      },
      async (request) => myUnreadCount(ctx.db, actorOf(request)),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of my notifications read',
          params: idParams,
          response: { 200: notificationSchema },
        },
      },
      async (request) => markOneRead(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark all my notifications read',
          response: { 200: z.object({ updated: z.number().int() }) },
        },
      },
      async (request) => markAllRead(ctx.db, actorOf(request)),
    );
  };
