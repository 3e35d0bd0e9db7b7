import type { ErrorCode, ErrorDetail } from '@toso/domain/errors';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_invalid: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  out_of_scope: 404,
  csrf_rejected: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

/** The one error type services throw; the error handler maps its code to an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function notFound(what = 'Không tìm thấy'): AppError {
  return new AppError('not_found', what);
}

export function forbidden(message = 'Bạn không có quyền thực hiện thao tác này'): AppError {
  return new AppError('forbidden', message);
}

export function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}
