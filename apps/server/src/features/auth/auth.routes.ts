import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePasswordBody, LOCALES, loginBody, meSchema } from '@toso/domain/users';
import type { AppContext } from '../../app';
import { actorOf } from '../../plugins/auth';
import { getMe, setOwnLocale } from '../users/users.service';
import { changePassword, login, logout } from './auth.service';
import { SESSION_COOKIE } from './session';

const ok = z.object({ ok: z.literal(true) });

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: {
          access: 'public',
          rateLimit: {
            max: ctx.config.loginRateLimit,
            timeWindow: '1 minute',
            keyGenerator: (req) => {
              const name = (req.body as { username?: unknown } | undefined)?.username;
              return `${req.ip}|${typeof name === 'string' ? name.toLowerCase() : ''}`;
            },
          },
        },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie',
          body: loginBody,
          response: { 200: meSchema },
        },
      },
      async (request, reply) => {
        const { token, expiresAt, userId } = await login(ctx.db, ctx.config, request.body);
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies,
          expires: expiresAt,
        });
        return getMe(ctx.db, userId);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'public' },
        schema: { tags: ['auth'], summary: 'Sign out', response: { 200: ok } },
      },
      async (request, reply) => {
        await logout(ctx.db, request.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema } },
      },
      async (request) => getMe(ctx.db, actorOf(request).userId),
    );

    app.put(
      '/api/auth/locale',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Set own interface language',
          body: z.object({ locale: z.enum(LOCALES) }),
          response: { 200: meSchema },
        },
      },
      async (request) => setOwnLocale(ctx.db, actorOf(request), request.body.locale),
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Change own password; other sessions are closed',
          body: changePasswordBody,
          response: { 200: ok },
        },
      },
      async (request) => {
        await changePassword(
          ctx.db,
          actorOf(request),
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { ok: true as const };
      },
    );
  };
