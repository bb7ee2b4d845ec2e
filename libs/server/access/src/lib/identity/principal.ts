import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../access.exception';
import type { EventEntity } from '@plenary/server-programme';

/** The signed-in person behind a request or a socket. */
export interface Principal {
  personId: string;
  sessionId: string;
  name: string;
  email: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    /** The event resolved from the `:slug` parameter by the event-role guard. */
    event?: EventEntity;
  }
}

/** The principal set by `AuthenticatedGuard`. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw unauthenticated();
    return principal;
  },
);

/** The event resolved by `EventRoleGuard`. */
export const CurrentEvent = createParamDecorator((_data: unknown, context: ExecutionContext): EventEntity => {
  const event = context.switchToHttp().getRequest<FastifyRequest>().event;
  if (!event) throw new Error('CurrentEvent used without EventRoleGuard');
  return event;
});
