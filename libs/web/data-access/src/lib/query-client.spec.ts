import { ApiContractError, ApiNetworkError, ApiRequestError } from './api-client';
import { LiveAckError } from './live-socket';
import {
  MAX_RETRY_DELAY_MS,
  idempotentMutationRetry,
  isOutageError,
  retryDelay,
  shouldRetryQuery,
} from './query-client';

const notFound = new ApiRequestError(404, {
  code: 'programme/event-not-found',
  message: 'x',
  requestId: 'r',
});
const unavailable = (retryAfterSeconds: number | null = 3) =>
  new ApiRequestError(503, { code: 'core/unavailable', message: 'x', requestId: 'r' }, retryAfterSeconds);
const badGateway = new ApiRequestError(502, { code: 'core/unavailable', message: 'x', requestId: null });
const bug = new ApiRequestError(500, { code: 'internal/unexpected', message: 'x', requestId: 'r' });
const offline = new ApiNetworkError('/events', { cause: new TypeError('fetch failed') });

describe('isOutageError', () => {
  it('is true for no answer, core/unavailable (503, or a live nack) and gateway errors; false otherwise', () => {
    expect(isOutageError(offline)).toBe(true);
    expect(isOutageError(unavailable())).toBe(true);
    expect(isOutageError(badGateway)).toBe(true);
    expect(isOutageError(new LiveAckError({ code: 'core/unavailable', message: 'x' }))).toBe(true);
    expect(isOutageError(new LiveAckError({ code: 'engagement/poll-closed', message: 'x' }))).toBe(false);
    expect(isOutageError(bug)).toBe(false);
    expect(isOutageError(notFound)).toBe(false);
    expect(isOutageError(new Error('x'))).toBe(false);
  });
});

describe('shouldRetryQuery', () => {
  it('never retries a 4xx answer or a contract mismatch', () => {
    expect(shouldRetryQuery(0, notFound)).toBe(false);
    expect(shouldRetryQuery(0, new ApiContractError('/events', []))).toBe(false);
  });

  it('retries a 500 a bounded number of times', () => {
    expect(shouldRetryQuery(1, bug)).toBe(true);
    expect(shouldRetryQuery(2, bug)).toBe(false);
  });

  it('waits out an outage for as long as it lasts', () => {
    for (const failures of [0, 2, 10, 100]) {
      expect(shouldRetryQuery(failures, unavailable())).toBe(true);
      expect(shouldRetryQuery(failures, offline)).toBe(true);
    }
  });
});

describe('retryDelay', () => {
  const low = () => 0;
  const high = () => 0.999;

  it('backs off exponentially with jitter, up to 30 s', () => {
    expect(retryDelay(0, offline, low)).toBe(500);
    expect(retryDelay(0, offline, high)).toBe(1499);
    expect(retryDelay(3, offline, low)).toBe(4000);
    expect(retryDelay(20, offline, high)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('never asks again sooner than Retry-After, and spreads clients over half of it', () => {
    expect(retryDelay(0, unavailable(3), low)).toBe(3000);
    expect(retryDelay(0, unavailable(3), high)).toBe(4499);
    expect(retryDelay(4, unavailable(3), low)).toBe(8000);
    expect(retryDelay(0, unavailable(120), low)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('idempotentMutationRetry', () => {
  it('retries an idempotent mutation a few times through an outage, and nothing else', () => {
    expect(idempotentMutationRetry.retry(0, unavailable())).toBe(true);
    expect(idempotentMutationRetry.retry(2, offline)).toBe(true);
    expect(idempotentMutationRetry.retry(3, offline)).toBe(false);
    expect(idempotentMutationRetry.retry(0, bug)).toBe(false);
    expect(idempotentMutationRetry.retry(0, notFound)).toBe(false);
  });
});
