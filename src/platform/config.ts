/** Runtime configuration: read once from the environment, validated, then passed down. */
import { z } from 'zod';
import path from 'node:path';

const booleanFromEnv = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((value) => ['1', 'true', 'on', 'yes'].includes(value));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  RENKEI_DATA_DIR: z.string().default('./.renkei'),
  RENKEI_SECRET: z.string().min(32, 'RENKEI_SECRET must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RENKEI_REQUIRE_MFA: booleanFromEnv.optional(),
  RENKEI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  RENKEI_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  RENKEI_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  RENKEI_ALLOWED_ORIGINS: z.string().optional(),
  RENKEI_TRUST_PROXY: booleanFromEnv.default(false),
  RENKEI_STALE_AVAILABILITY_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  RENKEI_MAP_TILE_URL: z.url().optional(),
  RENKEI_LOG_PRETTY: booleanFromEnv.optional(),
  RENKEI_JOBS: booleanFromEnv.default(true),
  RENKEI_HANDON_BUSINESS_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  RENKEI_OUTCOME_FOLLOWUP_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  RENKEI_MAX_ACTIVE_REQUESTS: z.coerce.number().int().min(0).max(10_000).optional(),
  RENKEI_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
});

export type DatabaseConfig = { kind: 'postgresql'; url: string } | { kind: 'pglite'; dataDir: string | null };

export type Config = {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  secret: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  logPretty: boolean;
  demo: boolean;
  requireMfa: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  bodyLimitBytes: number;
  allowedOrigins: string[];
  trustProxy: boolean;
  staleAvailabilityDays: number;
  mapTileUrl: string | undefined;
  jobsEnabled: boolean;
  /** On SIGTERM: how long requests are still served (each answer closing its connection) before the server closes. */
  shutdownGraceMs: number;
  /** A direct case still missing a needed role this many business days before discharge goes to the Center. */
  handOnBusinessDays: number;
  outcomeFollowUpDays: number;
  /**
   * Requests doing their work at once (platform/admission.ts); the rest wait in arrival order.
   * 0 = no limit. Default: 4 on PGlite (one connection), no limit on PostgreSQL (its pool queues).
   */
  maxActiveRequests: number;
};

export class ConfigError extends Error {}

/** Parses the environment; `demo` comes from the command line (`--demo`). */
export function loadConfig(env: NodeJS.ProcessEnv, options: { demo: boolean }): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.RENKEI_DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    database: values.DATABASE_URL ? { kind: 'postgresql', url: values.DATABASE_URL } : { kind: 'pglite', dataDir },
    dataDir,
    secret: values.RENKEI_SECRET,
    logLevel: values.LOG_LEVEL,
    logPretty: values.RENKEI_LOG_PRETTY ?? options.demo,
    demo: options.demo,
    requireMfa: values.RENKEI_REQUIRE_MFA ?? !options.demo,
    sessionIdleMinutes: values.RENKEI_SESSION_IDLE_MINUTES,
    sessionMaxHours: values.RENKEI_SESSION_MAX_HOURS,
    bodyLimitBytes: values.RENKEI_BODY_LIMIT_BYTES,
    allowedOrigins: (values.RENKEI_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0),
    trustProxy: values.RENKEI_TRUST_PROXY,
    staleAvailabilityDays: values.RENKEI_STALE_AVAILABILITY_DAYS,
    mapTileUrl: values.RENKEI_MAP_TILE_URL,
    jobsEnabled: values.RENKEI_JOBS,
    shutdownGraceMs: values.RENKEI_SHUTDOWN_GRACE_MS,
    handOnBusinessDays: values.RENKEI_HANDON_BUSINESS_DAYS,
    outcomeFollowUpDays: values.RENKEI_OUTCOME_FOLLOWUP_DAYS,
    maxActiveRequests: values.RENKEI_MAX_ACTIVE_REQUESTS ?? (values.DATABASE_URL ? 0 : 4),
  };
}

/**
 * Whether the session cookie is marked Secure: outside demo mode on any address but the local one,
 * the product is expected behind HTTPS (a TLS proxy); a browser then keeps the cookie only over HTTPS.
 */
export function usesSecureCookie(config: Pick<Config, 'demo' | 'host'>): boolean {
  return !config.demo && config.host !== '127.0.0.1' && config.host !== 'localhost';
}
