import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  KPI_SKILL,
  MAX_PLATFORM_GUIDE_BYTES,
  OUTCOMES,
  platformBody,
  platformSchema,
  retirePlatformBody,
  syncBody,
  syncResultSchema,
} from '@toso/domain/platforms';
import { isoDate, pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { sendDownload } from '../../lib/download';
import { todayInVietnam } from '../../lib/ids';
import { readUpload } from '../../lib/upload';
import { actorOf } from '../../plugins/auth';
import { maskName } from '@toso/domain/progress';
import { getResidentInScope, seesContact } from '../registry/registry.service';
import { getUnitInScope } from '../units/units.service';
import {
  getPlatform,
  getPlatformGuideFile,
  listPlatforms,
  removePlatformGuide,
  retirePlatform,
  savePlatform,
  uploadPlatformGuide,
} from './platforms.service';
import { progressOf, syncSupports } from './supports.service';
import { pageWindow } from '../../lib/paging';
import { listSupportRecords } from './supports.repository';

const idParams = z.object({ id: z.uuid() });
const tags = ['field'];

const recordSchema = z.object({
  id: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  hamletName: z.string(),
  platformId: z.string(),
  platformName: z.string(),
  outcome: z.enum(OUTCOMES),
  supportedOn: z.string(),
  note: z.string(),
  voidsId: z.string().nullable(),
  voidedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
});

const progressRow = z.object({
  platformId: z.string(),
  outcome: z.enum(OUTCOMES),
  count: z.number().int(),
});

export const supportsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/platforms',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'The platform catalogue (retired ones keep their history)',
          response: { 200: z.array(platformSchema) },
        },
      },
      async () => listPlatforms(ctx.db),
    );
    app.post(
      '/api/platforms',
      {
        config: { access: 'settings:write' },
        schema: { tags, body: platformBody, response: { 201: platformSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await savePlatform(ctx.db, actorOf(request), null, request.body)),
    );
    app.put(
      '/api/platforms/:id',
      {
        config: { access: 'settings:write' },
        schema: { tags, params: idParams, body: platformBody, response: { 200: platformSchema } },
      },
      async (request) => {
        await getPlatform(ctx.db, request.params.id);
        return savePlatform(ctx.db, actorOf(request), request.params.id, request.body);
      },
    );
    app.post(
      '/api/platforms/:id/retire',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          params: idParams,
          body: retirePlatformBody,
          response: { 200: platformSchema },
        },
      },
      async (request) =>
        retirePlatform(ctx.db, actorOf(request), request.params.id, request.body.retiredOn),
    );

    app.post(
      '/api/platforms/:id/guide-file',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary:
            'Attach the platform’s how-to guide as a file: PDF, PNG, JPEG or Word .docx (≤ 5 MB), checked by content',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: platformSchema },
        },
      },
      async (request) => {
        await getPlatform(ctx.db, request.params.id);
        const { data, filename } = await readUpload(
          request,
          MAX_PLATFORM_GUIDE_BYTES,
          'Tệp hướng dẫn',
        );
        return uploadPlatformGuide(ctx.db, actorOf(request), request.params.id, data, filename);
      },
    );
    app.delete(
      '/api/platforms/:id/guide-file',
      {
        config: { access: 'settings:write' },
        schema: { tags, params: idParams, response: { 200: platformSchema } },
      },
      async (request) => removePlatformGuide(ctx.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/platforms/:id/guide-file',
      {
        // Whoever may read the catalogue may read its guides.
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary: 'The platform’s guide file (inline=1 to show it in the browser)',
          params: idParams,
          querystring: z.object({ inline: z.enum(['0', '1']).optional() }),
        },
      },
      async (request, reply) => {
        const file = await getPlatformGuideFile(ctx.db, request.params.id);
        return sendDownload(
          reply,
          Buffer.from(file.data),
          file.mime,
          file.original_name,
          request.query.inline === '1' ? 'inline' : 'attachment',
        );
      },
    );

    app.post(
      '/api/sync/supports',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary:
            'Send a batch of support records (≤ 100), each with its own id; answered record by record',
          body: syncBody,
          response: { 200: syncResultSchema },
        },
      },
      async (request) => ({
        results: await syncSupports(ctx.db, actorOf(request), request.body.records),
      }),
    );

    app.get(
      '/api/supports',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          summary: 'The support records behind a figure',
          querystring: z.object({
            unitId: z.uuid().optional(),
            residentId: z.uuid().optional(),
            platformId: z.uuid().optional(),
            outcome: z.enum(OUTCOMES).optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            includeVoided: z.enum(['0', '1']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: pageSchema(recordSchema) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const q = request.query;
        const unit = q.unitId ? await getUnitInScope(ctx.db, actor.scope, q.unitId) : null;
        const { rows, total } = await listSupportRecords(
          ctx.db,
          actor.scope,
          {
            unit,
            residentId: q.residentId,
            platformId: q.platformId,
            outcome: q.outcome,
            from: q.from,
            to: q.to,
            includeVoided: q.includeVoided === '1',
          },
          pageWindow(q),
        );
        return {
          items: rows.map((r) => ({
            id: r.id,
            residentId: r.resident_id,
            // Above the commune, a resident is shown by initials only (personal data).
            residentName: seesContact(actor) ? r.full_name : maskName(r.full_name),
            hamletName: r.hamlet_name,
            platformId: r.platform_id,
            platformName: r.platform_name,
            outcome: r.outcome as (typeof OUTCOMES)[number],
            supportedOn: r.supported_on,
            note: r.note,
            voidsId: r.voids_id,
            voidedBy: r.voided_by,
            recordedByName: r.recorded_by_name,
          })),
          total,
          page: q.page,
          pageSize: q.pageSize,
        };
      },
    );

    app.get(
      '/api/residents/:id/skills',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          summary: 'A resident’s digital skills, derived from the support records not voided',
          params: idParams,
          response: {
            200: z.object({
              canUseOnlineServices: z.boolean(),
              skills: z.array(
                z.object({
                  platformId: z.string(),
                  name: z.string(),
                  mastered: z.boolean(),
                  since: z.string().nullable(),
                }),
              ),
              helped: z.array(
                z.object({
                  platformId: z.string(),
                  name: z.string(),
                  outcome: z.enum(OUTCOMES),
                  on: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await getResidentInScope(ctx.db, actor.scope, request.params.id);
        const platforms = await listPlatforms(ctx.db);
        const records = await ctx.db
          .selectFrom('support_records')
          .select(['platform_id', 'outcome', 'supported_on'])
          .where('resident_id', '=', request.params.id)
          .where('voided_by', 'is', null)
          .orderBy('supported_on')
          .execute();
        const mastered = (id: string) =>
          records.find((r) => r.platform_id === id && r.outcome === 'skill_mastered');
        const kpi = platforms.find((p) => p.code === KPI_SKILL.platformCode);
        return {
          canUseOnlineServices: kpi ? mastered(kpi.id) !== undefined : false,
          skills: platforms
            .filter((p) => p.kind === 'skill')
            .map((p) => ({
              platformId: p.id,
              name: p.name,
              mastered: !!mastered(p.id),
              since: mastered(p.id)?.supported_on ?? null,
            })),
          helped: records.map((r) => ({
            platformId: r.platform_id,
            name: platforms.find((p) => p.id === r.platform_id)?.name ?? '',
            outcome: r.outcome as (typeof OUTCOMES)[number],
            on: r.supported_on,
          })),
        };
      },
    );

    app.get(
      '/api/progress',
      {
        config: { access: 'teams:read' },
        schema: {
          tags,
          summary:
            'Residents helped per platform and outcome, for a unit and (optionally) each unit below it',
          querystring: z.object({
            unitId: z.uuid().optional(),
            from: isoDate.default('2020-01-01'),
            to: isoDate.optional(),
            breakdown: z.enum(['children']).optional(),
          }),
          response: {
            200: z.object({
              unitId: z.string(),
              unitName: z.string(),
              from: z.string(),
              to: z.string(),
              rows: z.array(progressRow),
              children: z.array(
                z.object({ unitId: z.string(), unitName: z.string(), rows: z.array(progressRow) }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const unitId = request.query.unitId ?? actor.scope.unitId;
        const unit = unitId ? await getUnitInScope(ctx.db, actor.scope, unitId) : null;
        const to = request.query.to ?? todayInVietnam();
        const children =
          unit && request.query.breakdown === 'children'
            ? await ctx.db
                .selectFrom('units')
                .select(['id', 'name'])
                .where('parent_id', '=', unit.id)
                .orderBy('code')
                .orderBy('name_folded')
                .execute()
            : [];
        const ids = [...(unit ? [unit.id] : []), ...children.map((c) => c.id)];
        const rows = await progressOf(ctx.db, ids, request.query.from, to);
        const rowsOf = (id: string) =>
          rows
            .filter((r) => r.unit_id === id)
            .map((r) => ({
              platformId: r.platform_id,
              outcome: r.outcome as (typeof OUTCOMES)[number],
              count: Number(r.count),
            }));
        return {
          unitId: unit?.id ?? '',
          unitName: unit?.name ?? '',
          from: request.query.from,
          to,
          rows: unit ? rowsOf(unit.id) : [],
          children: children.map((c) => ({ unitId: c.id, unitName: c.name, rows: rowsOf(c.id) })),
        };
      },
    );
  };
