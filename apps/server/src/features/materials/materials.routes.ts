import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  guideCardBody,
  guideCardSchema,
  listMaterialsQuery,
  materialBody,
  materialSchema,
} from '@toso/domain/library';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import { getGuideCard, listGuideCards, saveGuideCard } from './guides.service';
import { readUpload } from '../../lib/upload';
import {
  ACCEPTED,
  deleteMaterial,
  getMaterial,
  getMaterialFile,
  listMaterials,
  saveMaterial,
  uploadMaterialFile,
} from './materials.service';

const idParams = z.object({ id: z.uuid() });
const platformParams = z.object({ platformId: z.uuid() });
const tags = ['library'];

export const materialsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/materials',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'Guides and videos of the province, searched without accents, filtered, paged',
          querystring: listMaterialsQuery,
          response: { 200: pageSchema(materialSchema) },
        },
      },
      async (request) => listMaterials(ctx.db, actorOf(request), request.query),
    );
    app.get(
      '/api/materials/:id',
      {
        config: { access: 'authenticated' },
        schema: { tags, params: idParams, response: { 200: materialSchema } },
      },
      async (request) => getMaterial(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/materials',
      {
        config: { access: 'materials:write' },
        schema: { tags, body: materialBody, response: { 201: materialSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await saveMaterial(ctx.db, actorOf(request), null, request.body)),
    );
    app.put(
      '/api/materials/:id',
      {
        config: { access: 'materials:write' },
        schema: { tags, params: idParams, body: materialBody, response: { 200: materialSchema } },
      },
      async (request) => saveMaterial(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/materials/:id',
      {
        config: { access: 'materials:write' },
        schema: { tags, params: idParams, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await deleteMaterial(ctx.db, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/materials/:id/file',
      {
        config: { access: 'materials:write' },
        schema: {
          tags,
          summary:
            'Attach the file: a guide as PDF, PNG or JPEG (≤ 10 MB), a video as MP4 or WebM (≤ 20 MB); checked by content',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: materialSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const material = await getMaterial(ctx.db, actor, request.params.id);
        const { data, filename } = await readUpload(request, ACCEPTED[material.kind].max);
        return uploadMaterialFile(ctx.db, actor, request.params.id, data, filename);
      },
    );
    app.get(
      '/api/materials/:id/file',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'The material’s file (inline=1 to show it in the browser)',
          params: idParams,
          querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        },
      },
      async (request, reply) => {
        const file = await getMaterialFile(ctx.db, actorOf(request), request.params.id);
        return sendDownload(
          reply,
          Buffer.from(file.data),
          file.mime,
          file.original_name,
          request.query.inline === '1' ? 'inline' : 'attachment',
        );
      },
    );

    app.get(
      '/api/guide-cards',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '"How to help a resident with X": one card per platform in use (kept offline)',
          response: { 200: z.array(guideCardSchema) },
        },
      },
      async (request) => listGuideCards(ctx.db, actorOf(request)),
    );
    app.get(
      '/api/guide-cards/:platformId',
      {
        config: { access: 'authenticated' },
        schema: { tags, params: platformParams, response: { 200: guideCardSchema } },
      },
      async (request) => getGuideCard(ctx.db, actorOf(request), request.params.platformId),
    );
    app.put(
      '/api/guide-cards/:platformId',
      {
        config: { access: 'guides:write' },
        schema: {
          tags,
          params: platformParams,
          body: guideCardBody,
          response: { 200: guideCardSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await saveGuideCard(ctx.db, actor, request.params.platformId, request.body);
        return getGuideCard(ctx.db, actor, request.params.platformId);
      },
    );
  };
