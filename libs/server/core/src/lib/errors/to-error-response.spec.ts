import { NotFoundException } from '@nestjs/common';
import { CoreException, ServiceUnavailableException } from './core.exception';
import { toErrorResponse } from './to-error-response';

describe(toErrorResponse.name, () => {
  it('renders a coded exception with its status, message and details', () => {
    const response = toErrorResponse(
      new CoreException('core/validation-failed', 'Bad.', [{ path: 'x', message: 'y' }]),
      'r1',
    );
    expect(response).toEqual({
      status: 400,
      unexpected: false,
      headers: {},
      body: {
        error: {
          code: 'core/validation-failed',
          message: 'Bad.',
          details: [{ path: 'x', message: 'y' }],
          requestId: 'r1',
        },
      },
    });
  });

  it('maps framework errors to core codes', () => {
    expect(toErrorResponse(new NotFoundException(), 'r').body.error.code).toBe('core/not-found');
    expect(toErrorResponse(Object.assign(new Error('too big'), { statusCode: 413 }), 'r').status).toBe(413);
  });

  it('never leaks the message of an unknown error', () => {
    const response = toErrorResponse(new Error('password=hunter2 at db'), 'r2');
    expect(response.status).toBe(500);
    expect(response.unexpected).toBe(true);
    expect(response.body.error.code).toBe('internal/unexpected');
    expect(response.body.error.message).not.toContain('hunter2');
  });

  it('answers core/unavailable with Retry-After, as an outage rather than a bug', () => {
    const raised = toErrorResponse(
      new ServiceUnavailableException('Votes cannot be stored right now.'),
      'r3',
    );
    expect(raised).toMatchObject({ status: 503, unexpected: false, headers: { 'retry-after': '3' } });
    const framework = toErrorResponse(Object.assign(new Error('closing'), { statusCode: 503 }), 'r4');
    expect(framework).toMatchObject({
      status: 503,
      unexpected: false,
      headers: { 'retry-after': '3' },
      body: { error: { code: 'core/unavailable' } },
    });
    const lost = toErrorResponse(new Error('Connection terminated unexpectedly'), 'r5');
    expect(lost).toMatchObject({ status: 503, failure: 'postgres-unreachable' });
  });
});
