import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  commentBody,
  commentSchema,
  listPracticesQuery,
  MAX_PHOTO_BYTES,
  practiceBody,
  practiceSchema,
  practiceSummarySchema,
} from '@toso/domain/library';
import { pageQuery, pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import { readUpload } from '../../lib/upload';
import {
  addComment,
  addPhoto,
  deleteComment,
  deletePractice,
  featurePractice,
  getPhoto,
  getPractice,
  listComments,
  listPractices,
  publishPractice,
  removePhoto,
  savePractice,
} from './practices.service';

const idParams = z.object({ id: z.uuid() });
const tags = ['practices'];

export const practicesRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/practices',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary:
            'Good practices: published ones of the province (featured first) and the drafts of one’s unit',
          querystring: listPracticesQuery,
          response: { 200: pageSchema(practiceSummarySchema) },
        },
      },
      async (request) => listPractices(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/practices/:id',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'A practice with its photos, figures (live counts) and comments',
          params: idParams,
          response: { 200: practiceSchema },
        },
      },
      async (request) => getPractice(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/practices',
      {
        config: { access: 'practices:write' },
        schema: {
          tags,
          summary: 'Write a draft',
          body: practiceBody,
          response: { 201: practiceSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = await savePractice(ctx.db, actor, null, request.body);
        return reply.status(201).send(await getPractice(ctx.db, actor, id));
      },
    );
    app.put(
      '/api/practices/:id',
      {
        config: { access: 'practices:write' },
        schema: { tags, params: idParams, body: practiceBody, response: { 200: practiceSchema } },
      },
      async (request) => {
        const actor = actorOf(request);
        await savePractice(ctx.db, actor, request.params.id, request.body);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
    app.delete(
      '/api/practices/:id',
      {
        config: { access: 'practices:write' },
        schema: { tags, params: idParams, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await deletePractice(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/practices/:id/publish',
      {
        config: { access: 'practices:write' },
        schema: {
          tags,
          summary: 'Publish a draft: the whole province can read it',
          params: idParams,
          response: { 200: practiceSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await publishPractice(ctx.db, actor, request.params.id);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
    app.post(
      '/api/practices/:id/feature',
      {
        config: { access: 'practices:feature' },
        schema: {
          tags,
          summary: 'Feature (or stop featuring) a published practice: it is listed first',
          params: idParams,
          body: z.object({ featured: z.boolean() }),
          response: { 200: practiceSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await featurePractice(ctx.db, actor, request.params.id, request.body.featured);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
    app.post(
      '/api/practices/:id/photos',
      {
        config: { access: 'practices:write' },
        schema: {
          tags,
          summary: 'Add a photo (JPEG or PNG, ≤ 5 MB, checked by content; at most 6)',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: practiceSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await getPractice(ctx.db, actor, request.params.id);
        const { data, filename } = await readUpload(request, MAX_PHOTO_BYTES);
        await addPhoto(ctx.db, actor, request.params.id, data, filename);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
    app.get(
      '/api/practices/:id/photos/:fileId',
      {
        config: { access: 'authenticated' },
        schema: { tags, params: z.object({ id: z.uuid(), fileId: z.uuid() }) },
      },
      async (request, reply) => {
        const photo = await getPhoto(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.params.fileId,
        );
        return sendDownload(
          reply,
          Buffer.from(photo.data),
          photo.mime,
          photo.original_name,
          'inline',
        );
      },
    );
    app.delete(
      '/api/practices/:id/photos/:fileId',
      {
        config: { access: 'practices:write' },
        schema: {
          tags,
          params: z.object({ id: z.uuid(), fileId: z.uuid() }),
          response: { 200: practiceSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await removePhoto(ctx.db, actor, request.params.id, request.params.fileId);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
    app.get(
      '/api/practices/:id/comments',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'A page of the comments of a practice, newest first',
          params: idParams,
          querystring: z.object({ ...pageQuery }),
          response: { 200: pageSchema(commentSchema) },
        },
      },
      async (request) => listComments(ctx.db, actorOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/practices/:id/comments',
      {
        config: { access: 'authenticated' },
        schema: { tags, params: idParams, body: commentBody, response: { 201: practiceSchema } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await addComment(ctx.db, actor, request.params.id, request.body.body);
        return reply.status(201).send(await getPractice(ctx.db, actor, request.params.id));
      },
    );
    app.delete(
      '/api/practices/:id/comments/:commentId',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          params: z.object({ id: z.uuid(), commentId: z.uuid() }),
          response: { 200: practiceSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await deleteComment(ctx.db, actor, request.params.id, request.params.commentId);
        return getPractice(ctx.db, actor, request.params.id);
      },
    );
  };
