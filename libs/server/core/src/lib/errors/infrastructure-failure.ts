import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
} from 'redis';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Why a dependency could not serve a request. Every kind answers `503 core/unavailable` with `Retry-After`, and is
 * logged as one warning line per kind per interval (ADR 0018).
 */
export const INFRASTRUCTURE_FAILURES = [
  /** PostgreSQL cannot be reached: connection refused, reset or timed out, lost mid-query; SQLSTATE class 08. */
  'postgres-unreachable',
  /** PostgreSQL is shutting down, crashed or still starting: SQLSTATE 57P01, 57P02, 57P03. */
  'postgres-restarting',
  /** A statement ran longer than `statement_timeout` (or was cancelled): SQLSTATE 57014. */
  'postgres-statement-timeout',
  /** PostgreSQL is out of a resource: too many connections (53300), memory (SQLSTATE class 53). */
  'postgres-overloaded',
  /** PostgreSQL cannot write: its disk is full (53100). Nothing frees itself: an operator must make room. */
  'postgres-disk-full',
  /** No pooled connection became free within the connection timeout: every connection is busy. */
  'postgres-pool-exhausted',
  /** Redis is down or not connected where a request needs it. */
  'redis-unavailable',
] as const;
export type InfrastructureFailure = (typeof INFRASTRUCTURE_FAILURES)[number];

/** Seconds a client should wait before asking again after `core/unavailable` (the `Retry-After` header). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 3;

/** Socket-level errors of the Node runtime that mean the peer is not there (any more). */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Messages of node-postgres (pg, pg-pool) errors that carry no code. */
const PG_MESSAGES: ReadonlyArray<[RegExp, InfrastructureFailure]> = [
  [/^timeout exceeded when trying to connect$/, 'postgres-pool-exhausted'],
  [/^Connection terminated/, 'postgres-unreachable'],
  [/^Client has encountered a connection error and is not queryable$/, 'postgres-unreachable'],
  [/^Client was closed and is not queryable$/, 'postgres-unreachable'],
];

/** Redis replies that mean "not now" rather than "wrong command". */
const REDIS_UNAVAILABLE_REPLY = /^(LOADING|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)\b/;

const SQLSTATE = /^[0-9A-Z]{5}$/;

function fromSqlState(code: string): InfrastructureFailure | null {
  if (code === '57014') return 'postgres-statement-timeout';
  if (code === '57P01' || code === '57P02' || code === '57P03') return 'postgres-restarting';
  if (code.startsWith('08')) return 'postgres-unreachable';
  if (code === '53100') return 'postgres-disk-full';
  if (code.startsWith('53')) return 'postgres-overloaded';
  return null;
}

function classifyOne(error: object): InfrastructureFailure | null {
  if (
    error instanceof ClientOfflineError ||
    error instanceof ClientClosedError ||
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError ||
    error instanceof SocketTimeoutError ||
    error instanceof ReconnectStrategyError
  ) {
    return 'redis-unavailable';
  }
  // TypeORM releases a transaction's query runner when its connection fails (the pg client's `error` event), so the
  // transaction's next query says "already released" (query builders and repositories) or "provider already
  // released" (`manager.query`) instead of naming the lost connection.
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return 'postgres-unreachable';
  }
  if (error instanceof ErrorReply)
    return REDIS_UNAVAILABLE_REPLY.test(error.message) ? 'redis-unavailable' : null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_ERROR_CODES.has(code)) return 'postgres-unreachable';
    if (SQLSTATE.test(code)) {
      const failure = fromSqlState(code);
      if (failure) return failure;
    }
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    for (const [pattern, failure] of PG_MESSAGES) if (pattern.test(message)) return failure;
  }
  return null;
}

/**
 * Whether `error` means a dependency is unavailable (PostgreSQL, Redis) rather than a bug, and which way. Looks
 * through the wrappers the drivers add: TypeORM's `driverError`, `cause` chains and `AggregateError`s.
 */
export function classifyInfrastructureFailure(error: unknown, depth = 0): InfrastructureFailure | null {
  if (typeof error !== 'object' || error === null || depth > 5) return null;
  const own = classifyOne(error);
  if (own) return own;
  const nested: unknown[] = [
    (error as { driverError?: unknown }).driverError,
    (error as { cause?: unknown }).cause,
    ...(error instanceof AggregateError ? (error.errors as unknown[]) : []),
  ];
  for (const inner of nested) {
    if (inner === undefined || inner === error) continue;
    const found = classifyInfrastructureFailure(inner, depth + 1);
    if (found) return found;
  }
  return null;
}
