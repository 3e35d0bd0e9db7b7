import { z } from 'zod';
import { readUpload } from '../../lib/upload';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attendanceBody,
  attendanceImportResultSchema,
  courseBody,
  coverageQuery,
  invitationSchema,
  inviteBody,
  listInvitationsQuery,
  searchInvitationsBody,
  listTrainingsQuery,
  memberHistorySchema,
  memberRefSchema,
  trainingBody,
  trainingCoverageSchema,
  trainingDetailSchema,
  trainingSummarySchema,
  untrainedQuery,
} from '@toso/domain/trainings';
import { pageSchema } from '@toso/domain/units';
import type { AppContext } from '../../app';
import { AppError } from '../../lib/app-error';
import { MIME, sendDownload } from '../../lib/download';
import { readTable } from '../../lib/tabular';
import { refuseSearchInUrl } from '../../lib/search-in-body';
import { actorOf } from '../../plugins/auth';
import { getUnitInScope } from '../units/units.service';
import type { FastifyRequest } from 'fastify';
import { topicCoverage, untrainedMembers } from './training-coverage.service';
import { communesInScope } from './trainings.repository';
import { todayInVietnam } from '../../lib/ids';
import { attendanceTemplate, importAttendance } from './trainings-xlsx.service';
import {
  MAX_CERTIFICATE_BYTES,
  createTraining,
  getCertificate,
  getTrainingDetail,
  inviteToTraining,
  listTrainingInvitations,
  listTrainingsForActor,
  memberHistory,
  recordCourse,
  takeAttendance,
  updateTrainingDetails,
  uploadCertificate,
} from './trainings.service';

const idParams = z.object({ id: z.uuid() });
const memberParams = z.object({ memberId: z.uuid() });
export const MAX_ATTENDANCE_BYTES = 2 * 1024 * 1024;

async function unitOrOwn(ctx: AppContext, request: FastifyRequest, unitId?: string) {
  const actor = actorOf(request);
  const id = unitId ?? actor.unitId;
  if (id) return getUnitInScope(ctx.db, actor.scope, id);
  const root = await ctx.db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('parent_id', 'is', null)
    .where('valid_to', 'is', null)
    .orderBy('name')
    .executeTakeFirst();
  if (!root) throw new AppError('not_found', 'Chưa có đơn vị hành chính');
  return root;
}

export const trainingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/trainings',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'Trainings organised in, or inviting members of, the user’s subtree',
          querystring: listTrainingsQuery,
          response: { 200: pageSchema(trainingSummarySchema) },
        },
      },
      async (request) => listTrainingsForActor(ctx.db, actorOf(request), request.query),
    );

    app.get(
      '/api/trainings/communes',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'The current communes inside the user’s subtree (to pick whose teams to invite)',
          response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) },
        },
      },
      async (request) => communesInScope(ctx.db, actorOf(request).scope, todayInVietnam()),
    );

    app.get(
      '/api/trainings/coverage',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'Share of active members trained on a topic, per commune and per team',
          querystring: coverageQuery,
          response: { 200: trainingCoverageSchema },
        },
      },
      async (request) => {
        const unit = await unitOrOwn(ctx, request, request.query.unitId);
        return topicCoverage(ctx.db, actorOf(request).scope, unit, request.query.topic);
      },
    );

    app.get(
      '/api/trainings/untrained',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'Active members never present at a training on the topic',
          querystring: untrainedQuery,
          response: { 200: pageSchema(memberRefSchema) },
        },
      },
      async (request) => {
        const unit = await unitOrOwn(ctx, request, request.query.unitId);
        return untrainedMembers(ctx.db, actorOf(request).scope, unit.path, request.query.topic, {
          page: request.query.page,
          pageSize: request.query.pageSize,
        });
      },
    );

    app.get(
      '/api/trainings/members/:memberId',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'A member’s trainings and national courses',
          params: memberParams,
          response: { 200: memberHistorySchema },
        },
      },
      async (request) => memberHistory(ctx.db, actorOf(request).scope, request.params.memberId),
    );

    app.post(
      '/api/trainings/members/:memberId/courses',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Record a national online course completed by a member',
          params: memberParams,
          body: courseBody,
          response: { 200: memberHistorySchema },
        },
      },
      async (request) =>
        recordCourse(ctx.db, actorOf(request), request.params.memberId, request.body),
    );

    app.post(
      '/api/trainings/courses/:id/certificate',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Upload a course certificate (PDF, PNG or JPEG by content; at most 5 MB)',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: memberHistorySchema },
        },
      },
      async (request) => {
        const { data, filename } = await readUpload(
          request,
          MAX_CERTIFICATE_BYTES,
          'Giấy chứng nhận',
        );
        return uploadCertificate(ctx.db, actorOf(request), request.params.id, data, filename);
      },
    );

    app.get(
      '/api/trainings/courses/:id/certificate',
      {
        config: { access: 'trainings:read' },
        schema: { tags: ['trainings'], summary: 'Download a course certificate', params: idParams },
      },
      async (request, reply) => {
        const file = await getCertificate(ctx.db, actorOf(request).scope, request.params.id);
        return sendDownload(reply, Buffer.from(file.data), file.mime, file.original_name);
      },
    );

    app.get(
      '/api/trainings/:id',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary: 'A training, its invitations and attendance counted inside the user’s subtree',
          params: idParams,
          response: { 200: trainingDetailSchema },
        },
      },
      async (request) => getTrainingDetail(ctx.db, actorOf(request), request.params.id),
    );

    app.get(
      '/api/trainings/:id/invitations',
      {
        config: { access: 'trainings:read' },
        // A member's name typed to find them is personal data: the POST below, not `?q=`.
        preValidation: refuseSearchInUrl('/api/trainings/:id/invitations/search'),
        schema: {
          tags: ['trainings'],
          summary:
            'A page of the training’s invitations inside the user’s subtree, in commune, hamlet and name order',
          params: idParams,
          querystring: listInvitationsQuery,
          response: { 200: pageSchema(invitationSchema) },
        },
      },
      async (request) =>
        listTrainingInvitations(ctx.db, actorOf(request), request.params.id, request.query),
    );
    app.post(
      '/api/trainings/:id/invitations/search',
      {
        config: { access: 'trainings:read' },
        schema: {
          tags: ['trainings'],
          summary:
            'A page of the training’s invitations inside the user’s subtree, by commune, hamlet and name',
          params: idParams,
          body: searchInvitationsBody,
          response: { 200: pageSchema(invitationSchema) },
        },
      },
      async (request) =>
        listTrainingInvitations(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/trainings',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Schedule a training and invite teams or members',
          body: trainingBody,
          response: { 201: trainingDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createTraining(ctx.db, actorOf(request), request.body)),
    );

    app.put(
      '/api/trainings/:id',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          params: idParams,
          body: trainingBody,
          response: { 200: trainingDetailSchema },
        },
      },
      async (request) =>
        updateTrainingDetails(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/trainings/:id/invitations',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Invite more teams (their active members) or members',
          params: idParams,
          body: inviteBody,
          response: { 200: trainingDetailSchema },
        },
      },
      async (request) =>
        inviteToTraining(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.put(
      '/api/trainings/:id/attendance',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Mark invitations present or absent (only those inside the user’s subtree)',
          params: idParams,
          body: attendanceBody,
          response: { 200: trainingDetailSchema },
        },
      },
      async (request) => takeAttendance(ctx.db, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/trainings/:id/attendance.xlsx',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'The attendance sheet (.xlsx) listing the invited members',
          params: idParams,
        },
      },
      async (request, reply) => {
        const sheet = await attendanceTemplate(ctx.db, actorOf(request), request.params.id);
        return sendDownload(
          reply,
          sheet.data,
          MIME.xlsx,
          `diem-danh-${sheet.heldOn}-${sheet.title}.xlsx`.slice(0, 120),
        );
      },
    );

    app.post(
      '/api/trainings/:id/attendance.xlsx',
      {
        config: { access: 'trainings:write' },
        schema: {
          tags: ['trainings'],
          summary: 'Import the filled attendance sheet; all or nothing',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: { 200: attendanceImportResultSchema },
        },
      },
      async (request) => {
        const { data } = await readUpload(request, MAX_ATTENDANCE_BYTES);
        const table = await readTable(data);
        return importAttendance(ctx.db, actorOf(request), request.params.id, table);
      },
    );
  };
