import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  consolidatedJobSchema,
  createReportBody,
  listReportRequestsQuery,
  periodKey,
  reportingRatesSchema,
  reportListSchema,
  reportRequestBody,
  reportRequestPageSchema,
  reportRequestSchema,
  reportSchema,
  reportSectionsSchema,
  reportSettingsSchema,
  returnReportBody,
} from '@toso/domain/reports';
import type { AppContext } from '../../app';
import { MIME, sendDownload } from '../../lib/download';
import { actorOf } from '../../plugins/auth';
import {
  consolidatedFile,
  consolidatedStatus,
  reportDocx,
  reportXlsx,
  startConsolidated,
} from './report-exports';
import {
  amendReport,
  approveReport,
  createReport,
  createRequest,
  getReport,
  getReportSettings,
  listPeriods,
  listReports,
  listRequests,
  reportingRates,
  returnReport,
  saveReportSettings,
  saveSections,
  submitReport,
} from './reports.service';

const tags = ['reports'];
const idParams = z.object({ id: z.uuid() });
const periodQuery = z.object({ period: periodKey, unitId: z.uuid().optional() });

export const reportsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/reports/periods',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'Months that can be reported, latest first',
          response: {
            200: z.array(
              z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
            ),
          },
        },
      },
      async (request) => listPeriods(ctx.db, actorOf(request)),
    );
    app.get(
      '/api/reports',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'A unit’s own report and its children’s for a month',
          querystring: periodQuery,
          response: { 200: reportListSchema },
        },
      },
      async (request) =>
        listReports(ctx.db, actorOf(request), request.query.period, request.query.unitId),
    );
    app.get(
      '/api/reports/rates',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'Reporting rate and on-time rate per commune for a month',
          querystring: periodQuery,
          response: { 200: reportingRatesSchema },
        },
      },
      async (request) =>
        reportingRates(ctx.db, actorOf(request), request.query.period, request.query.unitId),
    );
    app.get(
      '/api/reports/settings',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'Days after a period by which its reports are due',
          response: { 200: reportSettingsSchema },
        },
      },
      async (request) => getReportSettings(ctx.db, actorOf(request)),
    );
    app.put(
      '/api/reports/settings',
      {
        config: { access: 'settings:write' },
        schema: { tags, body: reportSettingsSchema, response: { 200: reportSettingsSchema } },
      },
      async (request) => saveReportSettings(ctx.db, actorOf(request), request.body.dueDays),
    );
    app.post(
      '/api/reports',
      {
        config: { access: 'reports:write' },
        schema: {
          tags,
          summary:
            'Start the report of the user’s unit for a month or an ad hoc request (or get it)',
          body: createReportBody,
          response: { 200: reportSchema },
        },
      },
      async (request) => createReport(ctx.db, actorOf(request), request.body),
    );
    app.get(
      '/api/reports/:id',
      {
        config: { access: 'reports:read' },
        schema: { tags, params: idParams, response: { 200: reportSchema } },
      },
      async (request) => getReport(ctx.db, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/reports/:id',
      {
        config: { access: 'reports:write' },
        schema: {
          tags,
          summary: 'Save the sections of a draft or returned report',
          params: idParams,
          body: z.object({ sections: reportSectionsSchema }),
          response: { 200: reportSchema },
        },
      },
      async (request) =>
        saveSections(ctx.db, actorOf(request), request.params.id, request.body.sections),
    );
    app.post(
      '/api/reports/:id/submit',
      {
        config: { access: 'reports:write' },
        schema: {
          tags,
          summary: 'Submit for approval (optionally saving the sections); the figures are frozen',
          params: idParams,
          body: z.object({ sections: reportSectionsSchema.optional() }),
          response: { 200: reportSchema },
        },
      },
      async (request) =>
        submitReport(ctx.db, actorOf(request), request.params.id, request.body.sections),
    );
    app.post(
      '/api/reports/:id/return',
      {
        config: { access: 'reports:review' },
        schema: {
          tags,
          summary: 'Return a submitted report with a comment',
          params: idParams,
          body: returnReportBody,
          response: { 200: reportSchema },
        },
      },
      async (request) =>
        returnReport(ctx.db, actorOf(request), request.params.id, request.body.comment),
    );
    app.post(
      '/api/reports/:id/approve',
      {
        config: { access: 'reports:review' },
        schema: {
          tags,
          summary: 'Approve a submitted report (it is locked from then on)',
          params: idParams,
          body: z.object({}).optional(),
          response: { 200: reportSchema },
        },
      },
      async (request) => approveReport(ctx.db, actorOf(request), request.params.id),
    );
    app.post(
      '/api/reports/:id/amend',
      {
        config: { access: 'reports:write' },
        schema: {
          tags,
          summary: 'Start an amendment of an approved report (a new version; the original stays)',
          params: idParams,
          body: z.object({}).optional(),
          response: { 200: reportSchema },
        },
      },
      async (request) => amendReport(ctx.db, actorOf(request), request.params.id),
    );
    app.get(
      '/api/reports/:id/docx',
      {
        config: { access: 'reports:read' },
        schema: { tags, summary: 'The report as .docx (Decree 30/2020)', params: idParams },
      },
      async (request, reply) => {
        const { data, filename } = await reportDocx(ctx.db, actorOf(request), request.params.id);
        return sendDownload(reply, data, MIME.docx, filename);
      },
    );
    app.get(
      '/api/reports/:id/xlsx',
      {
        config: { access: 'reports:read' },
        schema: { tags, summary: 'The report’s tables as .xlsx', params: idParams },
      },
      async (request, reply) => {
        const { data, filename } = await reportXlsx(ctx.db, actorOf(request), request.params.id);
        return sendDownload(reply, data, MIME.xlsx, filename);
      },
    );
    app.post(
      '/api/report-consolidations',
      {
        config: { access: 'reports:review' },
        schema: {
          tags,
          summary: 'Start building a district’s consolidated report for a month',
          body: z.object({ period: periodKey, unitId: z.uuid().optional() }),
          response: { 202: consolidatedJobSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await startConsolidated(
              ctx.db,
              actorOf(request),
              request.body.period,
              request.body.unitId,
            ),
          ),
    );
    app.get(
      '/api/report-consolidations/:id',
      {
        config: { access: 'reports:review' },
        schema: { tags, params: idParams, response: { 200: consolidatedJobSchema } },
      },
      async (request) => consolidatedStatus(actorOf(request), request.params.id),
    );
    app.get(
      '/api/report-consolidations/:id/docx',
      {
        config: { access: 'reports:review' },
        schema: { tags, summary: 'The finished consolidated report', params: idParams },
      },
      async (request, reply) => {
        const { data, filename } = consolidatedFile(actorOf(request), request.params.id);
        return sendDownload(reply, data, MIME.docx, filename);
      },
    );
    app.get(
      '/api/report-requests',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'Ad hoc report requests, newest first, one page',
          querystring: listReportRequestsQuery,
          response: { 200: reportRequestPageSchema },
        },
      },
      async (request) => listRequests(ctx.db, actorOf(request), request.query),
    );
    app.post(
      '/api/report-requests',
      {
        config: { access: 'settings:write' },
        schema: {
          tags,
          summary: 'Ask units for an ad hoc report with a due date',
          body: reportRequestBody,
          response: { 201: reportRequestSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createRequest(ctx.db, actorOf(request), request.body)),
    );
  };
