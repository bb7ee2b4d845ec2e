import { API_PREFIX, CSRF_HEADER, errorEnvelopeSchema } from '@plenary/contracts';
import type { ApiError, ErrorCode, ValidationIssue } from '@plenary/contracts';
import type { z } from 'zod';

/** The API answered with a non-2xx status. Carries the error envelope's code, message and request id. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  readonly status: number;
  readonly code: ErrorCode;
  readonly requestId: string | null;
  readonly details: unknown;
  /** Seconds to wait before asking again, from a `Retry-After` header (429, 503); null when absent. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    error: Omit<ApiError, 'requestId'> & { requestId: string | null },
    retryAfterSeconds: number | null = null,
  ) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.requestId = error.requestId;
    this.details = error.details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 4xx: asking again will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** The request got no HTTP answer at all (offline, DNS failure, connection refused, CORS). */
export class ApiNetworkError extends Error {
  override readonly name = 'ApiNetworkError';

  constructor(path: string, options: { cause: unknown }) {
    super(`Could not reach the server (${path})`, options);
  }
}

/** The API answered 2xx, but the body does not match the contract: client and server disagree. */
export class ApiContractError extends Error {
  override readonly name = 'ApiContractError';
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(path: string, issues: readonly z.core.$ZodIssue[]) {
    super(`Unexpected response from ${path}`);
    this.issues = issues;
  }
}

/** Any error `apiRequest` rejects with, except a cancellation through its signal. */
export type ApiClientError = ApiRequestError | ApiNetworkError | ApiContractError;

export function isApiClientError(error: unknown): error is ApiClientError {
  return (
    error instanceof ApiRequestError || error instanceof ApiNetworkError || error instanceof ApiContractError
  );
}

/** Whether `error` is the API's answer with the given error code. */
export function isApiErrorCode(error: unknown, code: ErrorCode): error is ApiRequestError {
  return error instanceof ApiRequestError && error.code === code;
}

/** The per-field issues of a `core/validation-failed` answer (`details: [{ path, message }]`); [] otherwise. */
export function getValidationIssues(error: unknown): ValidationIssue[] {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const { path, message } = detail as Record<string, unknown>;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

export interface ApiRequestOptions {
  signal?: AbortSignal;
}

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiSendOptions extends ApiRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, with its media type (a file upload); instead of `body`. */
  raw?: { body: Blob | string; contentType: string };
  /** Further request headers, e.g. `If-Match` for a versioned update. */
  headers?: Record<string, string>;
}

/**
 * GETs `API_PREFIX + path` (same origin, cookies included) and returns the body parsed by `schema`.
 * Rejects with `ApiRequestError` (non-2xx), `ApiNetworkError` (no answer) or `ApiContractError` (bad body);
 * a cancellation through `signal` rejects with the original abort error.
 */
export async function apiGet<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  options: ApiRequestOptions = {},
): Promise<z.output<Schema>> {
  return apiRequest('GET', path, schema, options);
}

/**
 * Sends a request to `API_PREFIX + path` and returns the body parsed by `schema`, or nothing when `schema` is
 * null (204). State-changing methods carry the CSRF header. Rejects like `apiGet`.
 */
export async function apiRequest<Schema extends z.ZodType>(
  method: ApiMethod,
  path: string,
  schema: Schema,
  options?: ApiSendOptions,
): Promise<z.output<Schema>>;
export async function apiRequest(
  method: ApiMethod,
  path: string,
  schema: null,
  options?: ApiSendOptions,
): Promise<void>;
export async function apiRequest(
  method: ApiMethod,
  path: string,
  schema: z.ZodType | null,
  options: ApiSendOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  if (options.raw) headers['Content-Type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.raw
        ? options.raw.body
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiNetworkError(path, { cause: error });
  }

  if (!response.ok) throw await toRequestError(response);
  if (schema === null) return undefined;

  const body = await readJson(response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiContractError(path, parsed.error.issues);
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx response into an `ApiRequestError`, whether or not its body is the error envelope. */
async function toRequestError(response: Response): Promise<ApiRequestError> {
  const envelope = errorEnvelopeSchema.safeParse(await readJson(response));
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (envelope.success) return new ApiRequestError(response.status, envelope.data.error, retryAfter);
  // Not our envelope: a proxy, gateway or crashed server answered. Keep the status meaningful.
  return new ApiRequestError(
    response.status,
    {
      code: codeForStatus(response.status),
      message: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      requestId: response.headers.get('x-request-id'),
    },
    retryAfter,
  );
}

/** `Retry-After` as whole seconds from now: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'core/bad-request';
  if (status === 401) return 'core/unauthenticated';
  if (status === 403) return 'core/forbidden';
  if (status === 404) return 'core/not-found';
  if (status === 405) return 'core/method-not-allowed';
  if (status === 413) return 'core/payload-too-large';
  if (status === 415) return 'core/unsupported-media-type';
  if (status === 429) return 'core/rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'core/unavailable';
  return 'internal/unexpected';
}
