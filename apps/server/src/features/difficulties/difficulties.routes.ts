import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  answerDifficultyBody,
  assignDifficultyBody,
  createDifficultyBody,
  difficultyDetailSchema,
  difficultySummarySchema,
  escalateDifficultyBody,
  listDifficultiesQuery,
  noteBody,
  overdueCountsQuery,
  overdueCountsSchema,
  reopenDifficultyBody,
} from '@toso/domain/difficulties';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import {
  answerDifficulty,
  assignDifficulty,
  escalateDifficulty,
  getDifficultyDetail,
  listDifficultiesForActor,
  overdueCounts,
  raiseDifficulty,
  reopenDifficulty,
  resolveDifficulty,
} from './difficulties.service';

const idParams = z.object({ id: z.uuid() });
const tags = ['difficulties'];

export const difficultiesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/difficulties',
      {
        config: { access: 'difficulties:read' },
        schema: {
          tags,
          summary: 'Difficulties raised by me, waiting at my level, or all in my subtree',
          querystring: listDifficultiesQuery,
          response: { 200: pageSchema(difficultySummarySchema) },
        },
      },
      async (request) => listDifficultiesForActor(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/difficulties/overdue-counts',
      {
        config: { access: 'difficulties:read' },
        schema: {
          tags,
          summary: 'Unresolved and overdue difficulties per unit below a unit',
          querystring: overdueCountsQuery,
          response: { 200: overdueCountsSchema },
        },
      },
      async (request) => overdueCounts(ctx.db, actorOf(request), request.query.unitId),
    );

    app.get(
      '/api/difficulties/:id',
      {
        config: { access: 'difficulties:read' },
        schema: { tags, params: idParams, response: { 200: difficultyDetailSchema } },
      },
      async (request) => getDifficultyDetail(ctx.db, actorOf(request), request.params.id),
    );

    app.post(
      '/api/difficulties',
      {
        config: { access: 'difficulties:raise' },
        schema: {
          tags,
          summary: 'Raise a difficulty; it goes to the level above the unit',
          body: createDifficultyBody,
          response: { 201: difficultyDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await raiseDifficulty(ctx.db, actorOf(request), request.body)),
    );

    app.post(
      '/api/difficulties/:id/assign',
      {
        config: { access: 'difficulties:handle' },
        schema: {
          tags,
          summary: 'Assign to an officer of the level handling it',
          params: idParams,
          body: assignDifficultyBody,
          response: { 200: difficultyDetailSchema },
        },
      },
      async (request) =>
        assignDifficulty(ctx.db, actorOf(request), request.params.id, request.body.assigneeId),
    );

    app.post(
      '/api/difficulties/:id/answer',
      {
        config: { access: 'difficulties:handle' },
        schema: {
          tags,
          summary: 'Answer it (the raiser sees the answer)',
          params: idParams,
          body: answerDifficultyBody,
          response: { 200: difficultyDetailSchema },
        },
      },
      async (request) =>
        answerDifficulty(ctx.db, actorOf(request), request.params.id, request.body.answer),
    );

    app.post(
      '/api/difficulties/:id/resolve',
      {
        config: { access: 'difficulties:handle' },
        schema: {
          tags,
          summary: 'Mark it resolved',
          params: idParams,
          body: noteBody,
          response: { 200: difficultyDetailSchema },
        },
      },
      async (request) =>
        resolveDifficulty(ctx.db, actorOf(request), request.params.id, request.body.note),
    );

    app.post(
      '/api/difficulties/:id/escalate',
      {
        config: { access: 'difficulties:handle' },
        schema: {
          tags,
          summary: 'Send it to the next level up with a note',
          params: idParams,
          body: escalateDifficultyBody,
          response: { 200: difficultyDetailSchema },
        },
      },
      async (request) =>
        escalateDifficulty(ctx.db, actorOf(request), request.params.id, request.body.note),
    );

    app.post(
      '/api/difficulties/:id/reopen',
      {
        config: { access: 'difficulties:raise' },
        schema: {
          tags,
          summary: 'The raiser reopens it once if not satisfied',
          params: idParams,
          body: reopenDifficultyBody,
          response: { 200: difficultyDetailSchema },
        },
      },
      async (request) =>
        reopenDifficulty(ctx.db, actorOf(request), request.params.id, request.body.note),
    );
  };
