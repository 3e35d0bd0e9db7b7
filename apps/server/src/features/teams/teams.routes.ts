import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createTeamBody,
  dissolveBody,
  leaveBody,
  listTeamsQuery,
  memberBody,
  teamDetailSchema,
  teamSummarySchema,
  updateTeamBody,
} from '@toso/domain/teams';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import {
  addMembers,
  createTeam,
  dissolveTeam,
  editMember,
  getTeamDetail,
  listTeamsForActor,
  memberLeaves,
  renameTeam,
} from './teams.service';

const idParams = z.object({ id: z.uuid() });
const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

export const teamsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/teams',
      {
        config: { access: 'teams:read' },
        schema: {
          tags: ['teams'],
          summary: 'Teams in the user’s subtree, with composition and decision status',
          querystring: listTeamsQuery,
          response: { 200: pageSchema(teamSummarySchema) },
        },
      },
      async (request) => listTeamsForActor(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/teams/:id',
      {
        config: { access: 'teams:read' },
        schema: { tags: ['teams'], params: idParams, response: { 200: teamDetailSchema } },
      },
      async (request) => getTeamDetail(ctx.db, actorOf(request).scope, request.params.id),
    );

    app.post(
      '/api/teams',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          summary: 'Propose a team for a hamlet',
          body: createTeamBody,
          response: { 201: teamDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createTeam(ctx.db, actorOf(request), request.body)),
    );

    app.patch(
      '/api/teams/:id',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          params: idParams,
          body: updateTeamBody,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) => renameTeam(ctx.db, actorOf(request), request.params.id, request.body.name),
    );

    app.post(
      '/api/teams/:id/members',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          summary: 'Add a member',
          params: idParams,
          body: memberBody,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) => addMembers(ctx.db, actorOf(request), request.params.id, [request.body]),
    );

    app.put(
      '/api/teams/:id/members/:memberId',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          summary: 'Edit a current member',
          params: memberParams,
          body: memberBody,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) =>
        editMember(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.params.memberId,
          request.body,
        ),
    );

    app.post(
      '/api/teams/:id/members/:memberId/leave',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          summary: 'A member leaves the team (stays in its history)',
          params: memberParams,
          body: leaveBody,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) =>
        memberLeaves(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.params.memberId,
          request.body.leftOn,
        ),
    );

    app.post(
      '/api/teams/:id/dissolve',
      {
        config: { access: 'teams:write' },
        schema: {
          tags: ['teams'],
          params: idParams,
          body: dissolveBody,
          response: { 200: teamDetailSchema },
        },
      },
      async (request) =>
        dissolveTeam(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.body.dissolvedOn,
          request.body.reason,
        ),
    );
  };
