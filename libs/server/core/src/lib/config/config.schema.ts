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

/** How a variable is documented: docs/configuration.md's table is generated from these (`tools/config-doc.ts`). */
export interface VariableDoc {
  /** What it does, in the doc's words (Markdown). */
  description: string;
  /** A credential or a URL that may hold one: never logged, kept out of version control. */
  secret?: boolean;
  /** The default as the doc says it, when the parsed default alone would not say it well (Markdown). */
  default?: string;
}

/** Attaches a variable's documentation to its schema (zod metadata, read by `configVariableDocs()`). */
function documented<T extends z.ZodType>(schema: T, doc: VariableDoc): T {
  return schema.meta({ description: doc.description, plenary: doc });
}

/**
 * Every environment variable Plenary reads, each with its documentation. Add a variable here, with `documented()`;
 * a unit test fails until docs/configuration.md lists it (`npx tsx tools/config-doc.ts --write` updates the table).
 */
export const envVariables = z.object({
  NODE_ENV: documented(z.enum(['development', 'test', 'production']).default('development'), {
    description:
      '`development`, `test` or `production`. Production refuses the development LiveKit keys and secrets and requires `DATABASE_URL`.',
  }),
  LOG_LEVEL: documented(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    {
      description:
        '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`. Logs are JSON lines (pino) with a request id; they never carry IPs, query strings, cookies or e-mail addresses.',
    },
  ),
  HOST: documented(z.string().min(1).default('127.0.0.1'), {
    description: 'Address api and live bind to (`0.0.0.0` in containers).',
  }),
  API_PORT: documented(port.default(3000), { description: 'Port of `apps/api`.' }),
  API_WORKERS: documented(
    z
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
    {
      description: `Processes of \`apps/api\` per host: 1–${MAX_API_WORKERS}, or \`auto\` (one per core). Above 1, a small primary forks that many workers sharing \`API_PORT\` (node:cluster), each with its own PostgreSQL pool; without \`REDIS_URL\`, rate limits count per worker. \`/metrics\` sums all workers. See [operations.md](operations.md#using-every-core).`,
    },
  ),
  LIVE_PORT: documented(port.default(3001), { description: 'Port of `apps/live`.' }),
  WEB_PORT: documented(port.default(4200), {
    description: 'Port of the web app under `npm start` (vite preview, which proxies `/api` and `/live`).',
  }),
  PUBLIC_URL: documented(origin.default('http://localhost:4200'), {
    description:
      'The address people open; links in mails start with it. Its origin is allowed to open sockets and send state-changing requests (outside production, `localhost` and `127.0.0.1` are both allowed).',
  }),
  ALLOWED_ORIGINS: documented(
    z
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
    { description: 'Further allowed origins, comma-separated `http(s)://host[:port]`.', default: 'empty' },
  ),
  DATABASE_URL: documented(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    {
      description:
        'PostgreSQL 15+ URL. Unset under `npm start` and `npm test`: an embedded PostgreSQL is started (data in `PLENARY_DATA_DIR`). Required in production.',
      secret: true,
    },
  ),
  DATABASE_POOL_SIZE: documented(z.coerce.number().int().min(1).max(200).default(10), {
    description: 'Connections per process (per api worker when `API_WORKERS` > 1).',
  }),
  DATABASE_CONNECT_TIMEOUT_MS: documented(z.coerce.number().int().min(100).max(60_000).default(1000), {
    description:
      'Longest wait for a PostgreSQL connection (new, or a free one from the pool) before a request answers `503 core/unavailable` with `Retry-After` (ADR 0018). Keeps requests from hanging while PostgreSQL is unreachable or every connection is busy; raise it if a saturated pool under a load test should queue rather than refuse.',
  }),
  DATABASE_STATEMENT_TIMEOUT_MS: documented(z.coerce.number().int().min(0).max(3_600_000).default(15_000), {
    description:
      "PostgreSQL `statement_timeout` of the apps' connections in milliseconds (`0`: none); a statement past it answers `503 core/unavailable`. Migrations run without one.",
  }),
  DATABASE_READ_TIMEOUT_MS: documented(z.coerce.number().int().min(0).max(3_600_000).default(16_000), {
    description:
      'The api closes a PostgreSQL connection whose query has had no answer for this long (a partition or a frozen host: `statement_timeout` cannot help when the server is out of reach) and answers `503 core/unavailable`; `0`: never. Keep it above `DATABASE_STATEMENT_TIMEOUT_MS`.',
  }),
  LIVE_DATABASE_READ_TIMEOUT_MS: documented(z.coerce.number().int().min(0).max(3_600_000).default(3_000), {
    description:
      "The same for the live service, whose statements are all short: its clients' actions are nacked `core/unavailable` within about this long when PostgreSQL is cut off, instead of waiting.",
  }),
  REDIS_URL: documented(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    {
      description:
        '`redis://` or `rediss://`. Unset: a single live node with in-memory fan-out. Set: socket.io Redis streams adapter (N live nodes), shared rate limits and presence; `/readyz` checks it.',
      secret: true,
    },
  ),
  PLENARY_DATA_DIR: documented(z.string().min(1).default('.plenary'), {
    description:
      'Where `npm start` keeps the embedded database and the generated development secrets. As root, when the `postgres` user cannot enter this folder, the database lives under `/var/lib/plenary` instead (see [development.md](development.md#embedded-postgresql-as-root)).',
  }),
  MEDIA_STORE: documented(z.enum(['local', 's3']).default('local'), {
    description:
      'Where uploaded media (speaker photos) are kept: `local` (files under `MEDIA_DIR`; one host only) or `s3` (an S3-compatible bucket: AWS S3, MinIO, Ceph, R2…; needed when api processes run on more than one host). See [media.md](media.md#speaker-photos).',
  }),
  MEDIA_DIR: documented(z.string().min(1).optional(), {
    description: 'Folder of the `local` media store.',
    default: '`PLENARY_DATA_DIR/media`',
  }),
  S3_ENDPOINT: documented(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(), {
    description:
      'Endpoint of an S3-compatible service (`https://s3.eu-central-1.amazonaws.com`, `http://minio:9000`). Unset: AWS S3 of `S3_REGION`.',
  }),
  S3_BUCKET: documented(z.string().min(3).max(63).optional(), {
    description:
      'Bucket of the `s3` media store; required when `MEDIA_STORE=s3`. The api only puts, gets and deletes objects in it.',
  }),
  S3_REGION: documented(z.string().min(1).default('us-east-1'), {
    description: 'Region of the bucket (S3-compatible services that ignore regions accept the default).',
  }),
  S3_ACCESS_KEY_ID: documented(z.string().min(1).optional(), {
    description:
      'Access key of the `s3` media store; required when `MEDIA_STORE=s3` (credentials come from configuration only, never from instance metadata or profiles).',
    secret: true,
  }),
  S3_SECRET_ACCESS_KEY: documented(z.string().min(1).optional(), {
    description: 'Secret key of the `s3` media store; required when `MEDIA_STORE=s3`.',
    secret: true,
  }),
  S3_FORCE_PATH_STYLE: documented(bool.default(false), {
    description:
      '`true` for services that address buckets by path (`http://minio:9000/bucket/key`, most self-hosted ones) rather than by host name (`bucket.s3.amazonaws.com`).',
  }),
  SEED_DEMO: documented(bool.optional(), {
    description:
      'Load the reference event and the demo accounts at api start. Inserts only what is missing, so organiser edits survive restarts.',
    default: '`true` outside production',
  }),
  LIVEKIT_URL: documented(z.url({ protocol: /^(wss?|https?)$/ }).default('ws://localhost:7880'), {
    description: 'LiveKit address browsers connect to (`livekit-server --dev` locally).',
  }),
  LIVEKIT_API_KEY: documented(z.string().min(1).default('devkey'), {
    description: 'LiveKit API key. Production refuses the default.',
    secret: true,
  }),
  LIVEKIT_API_SECRET: documented(z.string().min(1).default('secret'), {
    description: 'LiveKit API secret, ≥ 32 characters in production. Production refuses the default.',
    secret: true,
  }),
  LIVEKIT_API_URL: documented(z.url({ protocol: /^(wss?|https?)$/ }).optional(), {
    description:
      "Where the api calls LiveKit's server API (RoomService, Egress), when it differs from the address browsers use (e.g. `http://livekit:7880` inside Compose or Kubernetes). `ws(s)://` is read as `http(s)://`.",
    default: '`LIVEKIT_URL`',
  }),
  LIVEKIT_EGRESS: documented(bool.default(false), {
    description:
      '`true` when a LiveKit egress service is deployed (always on LiveKit Cloud): moderators may record sessions; confidential sessions still refuse. See [media.md](media.md#recording).',
  }),
  METRICS_TOKEN: documented(z.string().min(16).optional(), {
    description: 'When set (≥ 16 characters), `/metrics` requires `Authorization: Bearer <token>`.',
    secret: true,
  }),
  TRUST_PROXY: documented(bool.default(false), {
    description:
      '`true` when the api sits behind a reverse proxy you run (nginx, an ingress): the client address — used by rate limits — is then read from `X-Forwarded-For`. Leave `false` when clients reach the api directly, or anyone could pick their own address and dodge the limits.',
  }),
  SMTP_URL: documented(
    z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    {
      description:
        '`smtp://user:password@host:587` or `smtps://…:465`. Set: the api delivers the mail outbox (sign-in links, tickets, decisions) in the background with retries. Unset: mails stay in the outbox, readable at `/dev/mailbox` outside production.',
      secret: true,
    },
  ),
  MAIL_FROM: documented(z.string().min(3).default('Plenary <no-reply@plenary.local>'), {
    description: 'Sender of every mail (`Name <address>`); use an address your SMTP server may send for.',
  }),
  AUTH_SECRET: documented(z.string().min(32, 'must be at least 32 characters').default(DEV_AUTH_SECRET), {
    description:
      'Keys the HMAC of sign-in access codes and the opaque LiveKit identities of people; 32+ random characters (`openssl rand -base64 32`). Required in production; `npm start` generates one in `PLENARY_DATA_DIR`. Changing it invalidates pending access codes and renames everyone in LiveKit.',
    secret: true,
    default: 'a development-only value',
  }),
  TICKET_SIGNING_SECRET: documented(
    z.string().min(32, 'must be at least 32 characters').default(DEV_TICKET_SECRET),
    {
      description:
        "Each event's Ed25519 ticket key pair is derived from it (HKDF; no private key is stored); 32+ random characters. Required in production; `npm start` generates one. Changing it re-keys every event: issued tickets stop verifying until reissued, and staff devices must reload the key.",
      secret: true,
      default: 'a development-only value',
    },
  ),
  SESSION_IDLE_HOURS: documented(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    {
      description:
        'A sign-in session unused for this many hours ends (1–2160). Each request by its browser, and its live-service activity, counts as use.',
    },
  ),
  SESSION_ABSOLUTE_DAYS: documented(z.coerce.number().int().min(1).max(365).default(30), {
    description: 'A sign-in session ends this many days after sign-in, used or not (1–365).',
  }),
  ACCESS_CACHE_SECONDS: documented(z.coerce.number().int().min(0).max(300).default(30), {
    description:
      'Longest time a process keeps a cached sign-in session or media access decision (ADR 0015). Changes reach the caches at once through domain events; this bounds what a lost notification could leave stale. `0` turns the caches off.',
  }),
  ADMIN_EMAILS: documented(
    z
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
    {
      description:
        'E-mail addresses made instance administrators at api start, comma-separated; a new address becomes a person. Only grants: removing an address here revokes nothing (`npm run admin -- revoke <email>` does; `npm run admin -- grant <email>` and `list` also exist). Administrators create events and appoint their organisers (ADR 0017).',
      default: 'empty',
    },
  ),
  RETENTION_DAYS_AFTER_EVENT: documented(z.coerce.number().int().min(1).max(3650).default(180), {
    description:
      "Days after an event's end when its personal data is purged, unless the event sets its own `retentionDays` (see [access.md](access.md#personal-data)).",
  }),
  MAIL_RATE_PER_MINUTE: documented(z.coerce.number().int().min(1).max(100_000).default(600), {
    description:
      'Most delivery attempts the mail outbox makes in any minute, across all api processes (1–100,000). Set it to what your SMTP provider allows; a 50,000-invitee import then takes 50,000 ÷ this many minutes to mail. See [access.md](access.md#mail).',
  }),
  MAIL_MAX_ATTEMPTS: documented(z.coerce.number().int().min(1).max(100).default(10), {
    description:
      'Failed attempts after which a mail is parked (no more retries) and listed to the event’s organisers (1–100). Retries wait 30 s after the first failure, doubling up to an hour.',
  }),
  AGENDA_DIGEST_QUIET_MINUTES: documented(z.coerce.number().int().min(0).max(1440).default(10), {
    description:
      'Minutes an event’s programme must stay unchanged before the people whose agenda holds a changed session get their one digest mail (0–1,440). See [organising.md](organising.md#changes-reach-people).',
  }),
  AGENDA_DIGEST_MAX_MINUTES: documented(z.coerce.number().int().min(1).max(1440).default(60), {
    description:
      'Longest a change waits for its digest while organisers keep editing (1–1,440 minutes after the batch’s first change).',
  }),
  JOBS_POLL_SECONDS: documented(z.coerce.number().min(0.5).max(60).default(2), {
    description:
      'How often each api process asks the job runner for work, per queue, in seconds (pg-boss polling).',
  }),
  ENGAGEMENT_RATE_LIMIT_FACTOR: documented(z.coerce.number().int().min(1).max(100_000).default(1), {
    description:
      'Multiplies the per-person rate limits of live Q&A and polls (joins, questions, upvotes, votes, moderation) in `apps/live`. Keep `1` in production: the limits are the abuse protection of a session. Load benchmarks (`docs/benchmarks.md`, B1–B3) raise it so a few thousand simulated people can produce 20,000 votes/s.',
  }),
});

/** The one schema over the environment: the variables, the production rules, and the derived settings. */
export const envSchema = envVariables
  .superRefine((env, ctx) => {
    if (env.MEDIA_STORE === 's3') {
      for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required when MEDIA_STORE=s3' });
    }
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

/** One row of docs/configuration.md's table. */
export interface ConfigVariableDoc {
  name: string;
  /** Markdown. */
  default: string;
  secret: boolean;
  /** Markdown. */
  description: string;
}

/** The documentation of every variable of `envVariables`, in schema order; throws for a variable without one. */
export function configVariableDocs(): ConfigVariableDoc[] {
  return Object.entries(envVariables.shape).map(([name, schema]: [string, z.ZodType]) => {
    const doc = (z.globalRegistry.get(schema) as { plenary?: VariableDoc } | undefined)?.plenary;
    if (!doc)
      throw new Error(`${name} is not documented: wrap its schema in documented() in config.schema.ts`);
    // The parsed default, shown as the value it stands for (`1`, `false`, `http://localhost:4200`).
    const parsed = schema.safeParse(undefined);
    const value: unknown = parsed.success ? parsed.data : undefined;
    const fallback =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? `\`${String(value)}\``
        : 'unset';
    return {
      name,
      default: doc.default ?? fallback,
      secret: doc.secret ?? false,
      description: doc.description,
    };
  });
}
