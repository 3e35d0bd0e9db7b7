import { hasPermission, type Permission, type Role } from '@toso/domain/roles';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config';
import { readerOf, type Db } from '../db/db';
import { findSessionUser, touchSession } from '../features/auth/auth.repository';
import { SESSION_COOKIE, hashToken } from '../features/auth/session';
import { AppError } from '../lib/app-error';
import { nowIso } from '../lib/ids';
import { issueScope, type Scope } from '../lib/scope';

/** Who is acting: the user, the unit subtree they may see, and the request for the audit log. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  unitId: string | null;
  unitPath: string | null;
  locale: string;
  sessionId: string;
  requestId: string;
  scope: Scope;
}

/** What every route must declare: a permission, or that it is public / open to any signed-in user. */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every API route with the access it declares, for the route inventory test. */
    routeInventory: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

/** The actor of an authenticated route; routes that declare a permission always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Vui lòng đăng nhập');
  return request.actor;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function checkOrigin(request: FastifyRequest, config: AppConfig): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const origin = request.headers.origin;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site')
    throw new AppError('csrf_rejected', 'Yêu cầu từ trang khác bị từ chối');
  if (origin === undefined) return;
  const host = request.headers.host;
  const allowed = new Set<string>();
  if (config.publicOrigin) allowed.add(new URL(config.publicOrigin).origin);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw new AppError('csrf_rejected', 'Yêu cầu từ trang khác bị từ chối');
}

export function registerAuth(app: FastifyInstance, db: Db, config: AppConfig): void {
  app.decorateRequest('actor', null);
  const inventory: RouteEntry[] = [];
  app.decorate('routeInventory', inventory);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const method = String(route.method);
    if (!access) throw new Error(`Route ${method} ${route.url} declares no access`);
    if (!route.schema) throw new Error(`Route ${method} ${route.url} declares no schema`);
    if (method !== 'HEAD') inventory.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!request.url.startsWith('/api/') || access === undefined) return;
    checkOrigin(request, config);
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      // On the read connection: a long write (an import's commit) must not hold up every request's
      // session check, or the import's own progress could not be polled while it writes.
      const found = await findSessionUser(readerOf(db), hashToken(token), nowIso());
      if (found) {
        request.actor = {
          userId: found.user_id,
          username: found.username,
          fullName: found.full_name,
          role: found.role as Role,
          unitId: found.unit_id,
          unitPath: found.unit_path,
          locale: found.locale,
          sessionId: found.session_id,
          requestId: String(request.id),
          scope: issueScope(
            found.role as Role,
            found.unit_id && found.unit_path ? { id: found.unit_id, path: found.unit_path } : null,
          ),
        };
        // Activity is recorded without waiting: a request must not queue behind a long write for
        // it (nothing is acknowledged by it; at worst one minute's activity is not recorded).
        void touchSession(db, found.session_id, found.last_seen_at).catch((error: unknown) =>
          request.log.warn({ err: error }, 'session activity not recorded'),
        );
      }
    }
    if (access === 'public') return;
    if (!request.actor) throw new AppError('unauthenticated', 'Vui lòng đăng nhập');
    if (access === 'authenticated') return;
    if (!hasPermission(request.actor.role, access)) {
      throw new AppError('forbidden', 'Bạn không có quyền thực hiện thao tác này');
    }
  });
}
