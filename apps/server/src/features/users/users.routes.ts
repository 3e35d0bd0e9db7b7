import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageSchema } from '@toso/domain/units';
import {
  createUserBody,
  listUsersQuery,
  searchUsersBody,
  updateUserBody,
  userSchema,
} from '@toso/domain/users';
import type { AppContext } from '../../app';
import { refuseSearchInUrl } from '../../lib/search-in-body';
import { actorOf } from '../../plugins/auth';
import {
  createUser,
  getUserForActor,
  listUsersForActor,
  updateUserForActor,
} from './users.service';

const idParams = z.object({ id: z.uuid() });

export const usersRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: 'users:read' },
        // A name typed to find someone is personal data: POST /api/users/search, not `?q=`.
        preValidation: refuseSearchInUrl('/api/users/search'),
        schema: {
          tags: ['users'],
          summary: 'Accounts in the user’s subtree (no search text: POST /api/users/search)',
          querystring: listUsersQuery,
          response: { 200: pageSchema(userSchema) },
        },
      },
      async (request) => listUsersForActor(ctx.db, actorOf(request), request.query),
    );
    app.post(
      '/api/users/search',
      {
        config: { access: 'users:read' },
        schema: {
          tags: ['users'],
          summary: 'Accounts in the user’s subtree, by name or username without accents',
          body: searchUsersBody,
          response: { 200: pageSchema(userSchema) },
        },
      },
      async (request) => listUsersForActor(ctx.db, actorOf(request), request.body),
    );

    app.get(
      '/api/users/:id',
      {
        config: { access: 'users:read' },
        schema: { tags: ['users'], params: idParams, response: { 200: userSchema } },
      },
      async (request) => getUserForActor(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/users',
      {
        config: { access: 'users:manage' },
        schema: {
          tags: ['users'],
          summary: 'Create an account in the user’s subtree, with a role no higher than theirs',
          body: createUserBody,
          response: { 201: userSchema },
        },
      },
      async (request, reply) => {
        const user = await createUser(ctx.db, actorOf(request), request.body);
        return reply.status(201).send(user);
      },
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: 'users:manage' },
        schema: {
          tags: ['users'],
          params: idParams,
          body: updateUserBody,
          response: { 200: userSchema },
        },
      },
      async (request) =>
        updateUserForActor(ctx.db, actorOf(request), request.params.id, request.body),
    );
  };
