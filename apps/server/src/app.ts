import { setValidationLanguage } from '@toso/domain/messages';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config';
import type { Db } from './db/db';
import { auditRoutes } from './features/audit/audit.routes';
import { chatGroupsRoutes } from './features/chat-groups/chat-groups.routes';
import { dashboardRoutes } from './features/dashboard/dashboard.routes';
import { decisionsRoutes } from './features/decisions/decisions.routes';
import { difficultiesRoutes } from './features/difficulties/difficulties.routes';
import { notificationsRoutes } from './features/notifications/notifications.routes';
import { progressRoutes } from './features/progress/progress.routes';
import { registryFilesRoutes } from './features/registry/registry-files.routes';
import { registryRoutes } from './features/registry/registry.routes';
import { reportsRoutes } from './features/reports/reports.routes';
import { settingsRoutes } from './features/settings/settings.routes';
import { supportsRoutes } from './features/supports/supports.routes';
import { targetsRoutes } from './features/targets/targets.routes';
import { partnersRoutes } from './features/partners/partners.routes';
import { trainingsRoutes } from './features/trainings/trainings.routes';
import { teamsFilesRoutes } from './features/teams/teams-files.routes';
import { teamsRoutes } from './features/teams/teams.routes';
import { authRoutes } from './features/auth/auth.routes';
import { healthRoutes } from './features/health/health.routes';
import { materialsRoutes } from './features/materials/materials.routes';
import { practicesRoutes } from './features/practices/practices.routes';
import { unitsRoutes } from './features/units/units.routes';
import { usersRoutes } from './features/users/users.routes';
import { newId } from './lib/ids';
import { registerAuth } from './plugins/auth';
import { registerErrorHandler, registerNotFound } from './plugins/errors';

export interface AppContext {
  db: Db;
  config: AppConfig;
  version: string;
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
}

const here = fileURLToPath(new URL('.', import.meta.url));
const VERSION = (JSON.parse(readFileSync(`${here}../package.json`, 'utf8')) as { version: string })
  .version;

/** Log lines carry the path only: a query string could hold a resident's name or phone. */
export const requestSerializers = {
  req: (req: { method: string; url: string; id: string }) => ({
    id: req.id,
    method: req.method,
    path: req.url.split('?')[0],
  }),
};

export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url));
}

/** Builds the whole application: plugins, then every feature's routes, explicitly. */
export async function buildApp(
  config: AppConfig,
  db: Db,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, serializers: requestSerializers },
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  // Validation details answered to people are plain Vietnamese ("Bắt buộc nhập"), not zod's English.
  setValidationLanguage('vi');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // preHandler, so the login key can include the (parsed) username.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tổ Số API',
        description: 'API of Tổ Số, the software of the Community Digital Technology Teams.',
        version: VERSION,
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'toso_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAuth(app, db, config);

  const ctx: AppContext = { db, config, version: VERSION };
  await app.register(healthRoutes(ctx));
  await app.register(authRoutes(ctx));
  await app.register(unitsRoutes(ctx));
  await app.register(usersRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(settingsRoutes(ctx));
  await app.register(teamsRoutes(ctx));
  await app.register(teamsFilesRoutes(ctx));
  await app.register(decisionsRoutes(ctx));
  await app.register(chatGroupsRoutes(ctx));
  await app.register(registryRoutes(ctx));
  await app.register(registryFilesRoutes(ctx));
  await app.register(supportsRoutes(ctx));
  await app.register(targetsRoutes(ctx));
  await app.register(materialsRoutes(ctx));
  await app.register(practicesRoutes(ctx));
  await app.register(reportsRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(difficultiesRoutes(ctx));
  await app.register(trainingsRoutes(ctx));
  await app.register(partnersRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(progressRoutes(ctx));

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerWeb(app, config.webDist ?? defaultWebDist());
  return app;
}

function registerWeb(app: FastifyInstance, dist: string): void {
  const index = `${dist}/index.html`;
  if (!existsSync(index)) {
    app.log.warn({ dist }, 'web app not built: run `npm run build`');
    registerNotFound(app, null);
    return;
  }
  // Files are looked up on each request, and index.html is read again each time, so a rebuilt web
  // app is served without restarting the server.
  void app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: true, index: false });
  const html = () => readFile(index, 'utf8');
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(await html()),
  );
  registerNotFound(app, html);
}
