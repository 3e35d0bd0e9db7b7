import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error';

/**
 * A `preValidation` hook for a GET list whose search text holds personal data (a resident's or a
 * user's name, phone, ID number): a `q` in the URL is refused, not ignored, and the client is told
 * where to send it. URLs are kept by proxies, browser history and access logs; a POST body is not.
 */
export function refuseSearchInUrl(searchRoute: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const query = request.query as Record<string, unknown> | undefined;
    if (query?.q === undefined) return;
    const message = `Không gửi nội dung tìm kiếm (tên, số điện thoại, số định danh) trong địa chỉ (URL): hãy gửi POST ${searchRoute} với nội dung tìm trong thân yêu cầu.`;
    throw new AppError('validation_failed', message, [{ path: 'querystring.q', message }]);
  };
}
