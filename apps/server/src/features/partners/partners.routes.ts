import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contributionBody,
  contributionSchema,
  listContributionsQuery,
  listPartnerTrainingsQuery,
  partnerBody,
  partnerDetailSchema,
  partnerSummarySchema,
  partnerTrainingSchema,
} from '@toso/domain/trainings';
import { pageQuery, pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import {
  addContribution,
  createPartner,
  getPartnerDetail,
  listPartnerContributions,
  listPartnerTrainingsPage,
  linkPartnerUser,
  listPartnersForActor,
  updatePartnerDetails,
} from './partners.service';

const idParams = z.object({ id: z.uuid() });

export const partnersRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/partners',
      {
        config: { access: 'partners:read' },
        schema: {
          tags: ['partners'],
          summary: 'Partner enterprises (a partner’s own user sees only its enterprise)',
          querystring: z.object({ q: z.string().max(100).optional(), ...pageQuery }),
          response: { 200: pageSchema(partnerSummarySchema) },
        },
      },
      async (request) => listPartnersForActor(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/partners/:id',
      {
        config: { access: 'partners:read' },
        schema: {
          tags: ['partners'],
          summary: 'A partner with its communes, contributions and sums per commune',
          params: idParams,
          response: { 200: partnerDetailSchema },
        },
      },
      async (request) => getPartnerDetail(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/partners/:id/contributions',
      {
        config: { access: 'partners:read' },
        schema: {
          tags: ['partners'],
          summary: 'A page of the partner’s contributions in the user’s scope, newest first',
          params: idParams,
          querystring: listContributionsQuery,
          response: { 200: pageSchema(contributionSchema) },
        },
      },
      async (request) =>
        listPartnerContributions(ctx.db, actorOf(request), request.params.id, request.query),
    );

    app.get(
      '/api/partners/:id/trainings',
      {
        config: { access: 'partners:read' },
        schema: {
          tags: ['partners'],
          summary:
            'A page of the trainings the partner organised for members in the user’s scope, newest first',
          params: idParams,
          querystring: listPartnerTrainingsQuery,
          response: { 200: pageSchema(partnerTrainingSchema) },
        },
      },
      async (request) =>
        listPartnerTrainingsPage(ctx.db, actorOf(request), request.params.id, request.query),
    );

    app.post(
      '/api/partners',
      {
        config: { access: 'partners:write' },
        schema: {
          tags: ['partners'],
          body: partnerBody,
          response: { 201: partnerDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPartner(ctx.db, actorOf(request), request.body)),
    );

    app.put(
      '/api/partners/:id',
      {
        config: { access: 'partners:write' },
        schema: {
          tags: ['partners'],
          params: idParams,
          body: partnerBody,
          response: { 200: partnerDetailSchema },
        },
      },
      async (request) =>
        updatePartnerDetails(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/partners/:id/contributions',
      {
        config: { access: 'partners:contribute' },
        schema: {
          tags: ['partners'],
          summary: 'Record a contribution (materials, staff days, support points) in a commune',
          params: idParams,
          body: contributionBody,
          response: { 200: partnerDetailSchema },
        },
      },
      async (request) => addContribution(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/partners/:id/users',
      {
        config: { access: 'partners:write' },
        schema: {
          tags: ['partners'],
          summary: 'Link a user with the partner role to the enterprise',
          params: idParams,
          body: z.object({ userId: z.uuid() }),
          response: { 200: partnerDetailSchema },
        },
      },
      async (request) =>
        linkPartnerUser(ctx.db, actorOf(request), request.params.id, request.body.userId),
    );
  };
