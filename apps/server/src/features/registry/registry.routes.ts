import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  consentBody,
  consentSchema,
  CONSENT_NOTICE_VERSION,
  CONSENT_NOTICE_VI,
  dataRequestBody,
  dataRequestSchema,
  duplicateQuery,
  duplicateSchema,
  handleDataRequestBody,
  householdBody,
  householdSchema,
  updateHouseholdBody,
  listHouseholdsQuery,
  listResidentsQuery,
  searchHouseholdsBody,
  searchResidentsBody,
  mergeResidentsBody,
  moveHouseholdBody,
  moveResidentBody,
  residentBody,
  residentSchema,
  updateResidentBody,
} from '@toso/domain/registry';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { refuseSearchInUrl } from '../../lib/search-in-body';
import { actorOf } from '../../plugins/auth';
import { getUnitInScope } from '../units/units.service';
import {
  createDataRequest,
  eraseResident,
  handleDataRequest,
  listConsents,
  listDataRequests,
  mergeResidents,
  moveHousehold,
  moveResident,
  recordConsent,
  residentHistory,
} from './registry-care.service';
import {
  createHousehold,
  createResident,
  findDuplicates,
  getHouseholdForActor,
  getResidentForActor,
  listHouseholdsForActor,
  listResidentsForActor,
  updateHouseholdForActor,
  updateResidentForActor,
} from './registry.service';

const idParams = z.object({ id: z.uuid() });
const tags = ['registry'];

export const registryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const residentsPage = pageSchema(residentSchema).extend({ isCapped: z.boolean() });
    // Browsing (a unit, a household, a KPI figure) is a GET; searching by typed text is a POST: the
    // text is a name, a phone or an ID number and must not be in a URL (proxies, browser history
    // and access logs keep URLs). A GET with `q` is refused rather than answered unfiltered.
    app.get(
      '/api/residents',
      {
        config: { access: 'residents:read' },
        preValidation: refuseSearchInUrl('/api/residents/search'),
        schema: {
          tags,
          summary:
            'Residents of a unit or household, or behind a KPI figure (no search text: POST /api/residents/search)',
          querystring: listResidentsQuery,
          // isCapped: more than 1,000 match; `total` is then 1,000 ("1,000 or more").
          response: { 200: residentsPage },
        },
      },
      async (request) => listResidentsForActor(ctx.db, ctx.config, actorOf(request), request.query),
    );
    app.post(
      '/api/residents/search',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          summary: 'Search residents by name without accents, phone, birth year or household',
          body: searchResidentsBody,
          response: { 200: residentsPage },
        },
      },
      async (request) => listResidentsForActor(ctx.db, ctx.config, actorOf(request), request.body),
    );
    // POST, not GET: the name, phone and ID number checked are personal data and must not be in
    // a URL (proxies, browser history and access logs keep URLs).
    app.post(
      '/api/residents/duplicates',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary: 'Possible duplicates of a person, in the hamlet’s commune',
          body: duplicateQuery,
          response: { 200: z.array(duplicateSchema) },
        },
      },
      async (request) => {
        const { hamletId, ...p } = request.body;
        const hamlet = await getUnitInScope(ctx.db, actorOf(request).scope, hamletId);
        return findDuplicates(ctx.db, ctx.config, hamlet.path, p);
      },
    );
    app.get(
      '/api/residents/:id',
      {
        config: { access: 'residents:read' },
        schema: { tags, params: idParams, response: { 200: residentSchema } },
      },
      async (request) => getResidentForActor(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/residents',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary:
            'Add a resident; possible duplicates are returned first unless confirmNotDuplicate',
          body: residentBody,
          response: {
            200: z.object({
              status: z.literal('duplicates'),
              resident: z.null(),
              candidates: z.array(duplicateSchema),
            }),
            201: z.object({
              status: z.literal('created'),
              resident: residentSchema,
              candidates: z.array(duplicateSchema),
            }),
          },
        },
      },
      async (request, reply) => {
        const result = await createResident(ctx.db, ctx.config, actorOf(request), request.body);
        return reply.status(result.status === 'created' ? 201 : 200).send(result);
      },
    );
    app.patch(
      '/api/residents/:id',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          params: idParams,
          body: updateResidentBody,
          response: { 200: residentSchema },
        },
      },
      async (request) =>
        updateResidentForActor(
          ctx.db,
          ctx.config,
          actorOf(request),
          request.params.id,
          request.body,
        ),
    );
    app.post(
      '/api/residents/:id/move',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary: 'Move to another household (history kept)',
          params: idParams,
          body: moveResidentBody,
          response: { 200: residentSchema },
        },
      },
      async (request) =>
        moveResident(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.body.householdId,
          request.body.movedOn,
        ),
    );
    app.get(
      '/api/residents/:id/history',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          params: idParams,
          response: {
            200: z.object({
              residentMoves: z.array(
                z.object({
                  movedOn: z.string(),
                  fromHouseholdId: z.string(),
                  toHouseholdId: z.string(),
                }),
              ),
              householdMoves: z.array(
                z.object({ movedOn: z.string(), fromHamletId: z.string(), toHamletId: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => residentHistory(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/residents/merge',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Merge a duplicate into the record kept',
          body: mergeResidentsBody,
          response: { 200: residentSchema },
        },
      },
      async (request) =>
        mergeResidents(ctx.db, actorOf(request), request.body.keepId, request.body.mergeId),
    );
    app.get(
      '/api/residents/:id/consents',
      {
        config: { access: 'residents:read' },
        schema: { tags, params: idParams, response: { 200: z.array(consentSchema) } },
      },
      async (request) => listConsents(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/residents/:id/consents',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary: 'Record consent given, refused or withdrawn',
          params: idParams,
          body: consentBody,
          response: { 200: z.array(consentSchema) },
        },
      },
      async (request) => recordConsent(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/consent-notice',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: 'The consent notice in Vietnamese',
          response: { 200: z.object({ version: z.string(), text: z.string() }) },
        },
      },
      async () => ({ version: CONSENT_NOTICE_VERSION, text: CONSENT_NOTICE_VI }),
    );

    app.get(
      '/api/households',
      {
        config: { access: 'residents:read' },
        preValidation: refuseSearchInUrl('/api/households/search'),
        schema: {
          tags,
          summary: 'Households of a unit (no search text: POST /api/households/search)',
          querystring: listHouseholdsQuery,
          response: { 200: pageSchema(householdSchema) },
        },
      },
      async (request) => listHouseholdsForActor(ctx.db, actorOf(request), request.query),
    );
    app.post(
      '/api/households/search',
      {
        config: { access: 'residents:read' },
        schema: {
          tags,
          summary: 'Search households by head’s name, address or phone, without accents',
          body: searchHouseholdsBody,
          response: { 200: pageSchema(householdSchema) },
        },
      },
      async (request) => listHouseholdsForActor(ctx.db, actorOf(request), request.body),
    );
    app.get(
      '/api/households/:id',
      {
        config: { access: 'residents:read' },
        schema: { tags, params: idParams, response: { 200: householdSchema } },
      },
      async (request) => getHouseholdForActor(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/households',
      {
        config: { access: 'residents:write' },
        schema: { tags, body: householdBody, response: { 201: householdSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await createHousehold(ctx.db, actorOf(request), request.body)),
    );
    app.patch(
      '/api/households/:id',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          params: idParams,
          body: updateHouseholdBody,
          response: { 200: householdSchema },
        },
      },
      async (request) =>
        updateHouseholdForActor(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/households/:id/move',
      {
        config: { access: 'residents:write' },
        schema: {
          tags,
          summary: 'Move a household to another hamlet (history kept)',
          params: idParams,
          body: moveHouseholdBody,
          response: { 200: householdSchema },
        },
      },
      async (request) =>
        moveHousehold(
          ctx.db,
          actorOf(request),
          request.params.id,
          request.body.hamletId,
          request.body.movedOn,
        ),
    );

    app.get(
      '/api/data-requests',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Data subject requests (see, correct, delete, restrict) with their due dates',
          querystring: z.object({
            status: z.enum(['open', 'done', 'rejected']).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: pageSchema(dataRequestSchema) },
        },
      },
      async (request) => listDataRequests(ctx.db, actorOf(request), request.query),
    );
    app.post(
      '/api/data-requests',
      {
        config: { access: 'residents:manage' },
        schema: { tags, body: dataRequestBody, response: { 201: dataRequestSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await createDataRequest(ctx.db, actorOf(request), request.body)),
    );
    app.post(
      '/api/data-requests/:id/handle',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Close a request; a granted deletion erases the personal fields',
          params: idParams,
          body: handleDataRequestBody,
          response: { 200: dataRequestSchema },
        },
      },
      async (request) =>
        handleDataRequest(ctx.db, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/residents/:id/erase',
      {
        config: { access: 'residents:manage' },
        schema: {
          tags,
          summary: 'Erase a person’s personal fields (counts stay correct)',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(3).max(500) }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (request) => {
        await eraseResident(ctx.db, actorOf(request), request.params.id, request.body.reason);
        return { ok: true as const };
      },
    );
  };
