import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('file:./data/toso.db')
    .refine(
      (v) => v.startsWith('file:') || v.startsWith('postgres://') || v.startsWith('postgresql://'),
      'DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)',
    ),
  TOSO_DEMO: flag.default(true),
  TOSO_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  TOSO_SECURE_COOKIES: flag.default(false),
  TOSO_PUBLIC_ORIGIN: z.url().optional(),
  TOSO_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10000).default(10),
  TOSO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  TOSO_WEB_DIST: z.string().optional(),
  TOSO_ID_HASH_KEY: z.string().min(16).optional(),
});

export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  demo: boolean;
  sessionHours: number;
  secureCookies: boolean;
  publicOrigin: string | undefined;
  loginRateLimit: number;
  logLevel: string;
  webDist: string | undefined;
  idHashKey: string | undefined;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('file:')) return { dialect: 'sqlite', file: url.slice('file:'.length) };
  return { dialect: 'postgres', url };
}

/** Parses the environment once; nothing else in the server reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    demo: e.TOSO_DEMO,
    sessionHours: e.TOSO_SESSION_HOURS,
    secureCookies: e.TOSO_SECURE_COOKIES,
    publicOrigin: e.TOSO_PUBLIC_ORIGIN,
    loginRateLimit: e.TOSO_LOGIN_RATE_LIMIT,
    logLevel: e.TOSO_LOG_LEVEL,
    webDist: e.TOSO_WEB_DIST,
    idHashKey: e.TOSO_ID_HASH_KEY,
  };
}
