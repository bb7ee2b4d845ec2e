import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailureLog } from './failure-log';
import { toErrorResponse } from './to-error-response';

/** The one HTTP exception filter: every error leaves as `{ error: { code, message, details?, requestId } }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly failures: FailureLog) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const response = toErrorResponse(exception, request.id);
    // An outage is one warning per kind per interval, not a stack per request (ADR 0018).
    if (response.failure) this.failures.recordOutage(exception, 'request');
    else if (response.unexpected) request.log.error({ err: exception }, 'unexpected error');
    // The envelope is JSON whatever the handler meant to send: a route declaring `@Header('content-type', 'text/csv')`
    // (or a download's content-disposition) has set its headers before it threw, and Fastify cannot send an object
    // as text (that was a 500 in place of the error).
    reply.removeHeader('content-disposition');
    void reply
      .status(response.status)
      .headers({ ...response.headers, 'cache-control': 'no-store' })
      .type('application/json; charset=utf-8')
      .send(response.body);
  }
}
