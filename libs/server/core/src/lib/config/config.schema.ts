import { availableParallelism } from 'node:os';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const origin = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin);

/** Most api worker processes per host; more only adds memory and PostgreSQL connections. */
export const MAX_API_WORKERS = 64;

/** Development-only defaults; production refuses them. `npm start` replaces them with secrets kept in `.plenary/`. */
export const DEV_AUTH_SECRET = 'development-only-auth-secret-0000000000';
export const DEV_TICKET_SECRET = 'development-only-ticket-secret-00000000';

/** Outside production, `localhost` and `127.0.0.1` name the same machine: allow both spellings of the origin. */
function loopbackTwins(publicUrl: string, nodeEnv: string): string[] {
  if (nodeEnv === 'production') return [];
  const url = new URL(publicUrl);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  else if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  else return [];
  return [url.origin];
}

/** The one schema over the environment. Documented variable by variable in docs/configuration.md. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port.default(3000),
    /** Processes of `api serve` sharing API_PORT (node:cluster); `auto` = one per available core. */
    API_WORKERS: z
      .string()
      .default('1')
      .transform((value, ctx) => {
        if (value === 'auto') return Math.min(MAX_API_WORKERS, availableParallelism());
        const workers = /^[0-9]+$/.test(value) ? Number(value) : NaN;
        if (!(workers >= 1 && workers <= MAX_API_WORKERS)) {
          ctx.addIssue({
            code: 'custom',
            message: `must be an integer from 1 to ${MAX_API_WORKERS}, or auto`,
          });
          return z.NEVER;
        }
        return workers;
      }),
    LIVE_PORT: port.default(3001),
    WEB_PORT: port.default(4200),
    PUBLIC_URL: origin.default('http://localhost:4200'),
    ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const origins: string[] = [];
        for (const item of value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)) {
          const parsed = origin.safeParse(item);
          if (!parsed.success) {
            ctx.addIssue({ code: 'custom', message: `"${item}" is not an http(s) origin` });
            return z.NEVER;
          }
          origins.push(parsed.data);
        }
        return origins;
      }),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    PLENARY_DATA_DIR: z.string().min(1).default('.plenary'),
    SEED_DEMO: bool.optional(),
    LIVEKIT_URL: z.url({ protocol: /^(wss?|https?)$/ }).default('ws://localhost:7880'),
    LIVEKIT_API_KEY: z.string().min(1).default('devkey'),
    LIVEKIT_API_SECRET: z.string().min(1).default('secret'),
    /** Where the api calls LiveKit's server API (Twirp); defaults to LIVEKIT_URL (ws→http, wss→https). */
    LIVEKIT_API_URL: z.url({ protocol: /^(wss?|https?)$/ }).optional(),
    /** LiveKit egress is deployed: moderators may record sessions (room composite). */
    LIVEKIT_EGRESS: bool.default(false),
    METRICS_TOKEN: z.string().min(16).optional(),
    TRUST_PROXY: bool.default(false),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('Plenary <no-reply@plenary.local>'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_AUTH_SECRET),
    TICKET_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_TICKET_SECRET),
    SESSION_IDLE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    SESSION_ABSOLUTE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /**
     * Longest time an access cache (sign-in sessions, media access) may keep an entry (ADR 0015). Changes reach the
     * caches at once through domain events; this bounds what a lost notification could leave stale. 0 turns them off.
     */
    ACCESS_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    /**
     * E-mail addresses made instance administrators at api start (comma-separated; a new address becomes a person).
     * Only grants: removing an address here does not revoke it (`npm run admin -- revoke <email>` does).
     */
    ADMIN_EMAILS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const emails: string[] = [];
        for (const item of value
          .split(',')
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean)) {
          if (item.length > 254 || !z.email().safeParse(item).success) {
            ctx.addIssue({ code: 'custom', message: `"${item}" is not an e-mail address` });
            return z.NEVER;
          }
          emails.push(item);
        }
        return [...new Set(emails)];
      }),
    RETENTION_DAYS_AFTER_EVENT: z.coerce.number().int().min(1).max(3650).default(180),
    /**
     * Multiplies the points of every per-person engagement rate limit of the live service (votes, upvotes, questions,
     * joins). 1 in production; load benchmarks raise it so a few thousand simulated people can vote at 20k/s.
     */
    ENGAGEMENT_RATE_LIMIT_FACTOR: z.coerce.number().int().min(1).max(100_000).default(1),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (env.LIVEKIT_API_KEY === 'devkey' || env.LIVEKIT_API_SECRET === 'secret') {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_API_SECRET'],
        message:
          'production needs real LIVEKIT_API_KEY and LIVEKIT_API_SECRET (the development defaults are refused)',
      });
    }
    if (env.LIVEKIT_API_SECRET.length < 32 && env.LIVEKIT_API_SECRET !== 'secret') {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_API_SECRET'],
        message: 'must be at least 32 characters in production',
      });
    }
    if (env.AUTH_SECRET === DEV_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'is required in production (32+ random characters)',
      });
    }
    if (env.TICKET_SIGNING_SECRET === DEV_TICKET_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TICKET_SIGNING_SECRET'],
        message: 'is required in production (32+ random characters)',
      });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' });
    }
  })
  .transform((env) => ({
    ...env,
    SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
    /** Origins allowed to open sockets and send state-changing requests. */
    allowedOrigins: [
      ...new Set([env.PUBLIC_URL, ...loopbackTwins(env.PUBLIC_URL, env.NODE_ENV), ...env.ALLOWED_ORIGINS]),
    ],
  }));

export type AppConfig = z.output<typeof envSchema>;
