import type { ErrorBody, ErrorDetail } from '@toso/domain/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, STATUS_BY_CODE } from '../lib/app-error';

function validationDetails(error: FastifyError): ErrorDetail[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const where = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const tail = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return { path: tail ? `${where}.${tail}` : where, message: v.message ?? 'Không hợp lệ' };
  });
}

function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Maps every error to `{ code, message, details }`; a 5xx carries only a correlation id. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return send(reply, STATUS_BY_CODE[error.code], {
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // A path that names no record ("/api/residents/abc", "/api/residents/duplicates") is the
      // same as an id that does not exist: 404, so the web says "not found" rather than "invalid".
      if (error.validationContext === 'params') {
        return send(reply, 404, {
          code: 'not_found',
          message: 'Không tìm thấy',
          details: validationDetails(error),
        });
      }
      return send(reply, 400, {
        code: 'validation_failed',
        message: 'Dữ liệu gửi lên không hợp lệ',
        details: validationDetails(error),
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return send(reply, 429, {
        code: 'rate_limited',
        message: 'Bạn thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.',
        details: [],
      });
    }
    if (status === 413) {
      return send(reply, 413, {
        code: 'payload_too_large',
        message: 'Dữ liệu gửi lên quá lớn',
        details: [],
      });
    }
    if (status === 415) {
      return send(reply, 415, {
        code: 'unsupported_media_type',
        message: 'Kiểu nội dung không được hỗ trợ',
        details: [],
      });
    }
    if (status >= 400 && status < 500) {
      return send(reply, status === 404 ? 404 : 400, {
        code: status === 404 ? 'not_found' : 'validation_failed',
        message: status === 404 ? 'Không tìm thấy' : 'Yêu cầu không hợp lệ',
        details: [{ path: 'request', message: error.code ?? 'bad_request' }],
      });
    }
    request.log.error({ err: error, correlationId: request.id }, 'unhandled error');
    return send(reply, 500, {
      code: 'internal',
      message: 'Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo mã này cho quản trị viên.',
      details: [],
      correlationId: String(request.id),
    });
  });
}

/** JSON 404 for the API; the web app's index.html for any other GET, so client routes load. */
export function registerNotFound(app: FastifyInstance, html: (() => Promise<string>) | null): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (html !== null && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').send(await html());
    }
    return send(reply, 404, {
      code: 'not_found',
      message: 'Không tìm thấy',
      details: [{ path: 'url', message: `${request.method} ${request.url.split('?')[0]}` }],
    });
  });
}
