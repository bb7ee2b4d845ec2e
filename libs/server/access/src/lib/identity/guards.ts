import {
  Inject,
  Injectable,
  SetMetadata,
  applyDecorators,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, type Role } from '@plenary/contracts';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { ProgrammeService } from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';
import { AccessException, forbiddenRole, unauthenticated } from '../access.exception';
import { PlatformAdminService } from './platform-admin.service';
import { RoleService } from './role.service';
import { SessionService, sessionTokenFromCookieHeader } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SKIP_CSRF = 'plenary:skip-csrf';
const EVENT_ROLES = 'plenary:event-roles';

/** Marks an endpoint that authenticates otherwise (e.g. a signed webhook) as exempt from the CSRF check. */
export const SkipCsrf = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_CSRF, true);

/**
 * CSRF defence for every state-changing request: the custom header must be present (a cross-site form or a
 * simple request cannot set it without a CORS preflight, which the api never grants) and, when the browser sends
 * an Origin, it must be one of ours.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, [context.getHandler(), context.getClass()]))
      return true;
    const origin = request.headers.origin;
    const crossSite = request.headers['sec-fetch-site'] === 'cross-site';
    if (
      !request.headers[CSRF_HEADER] ||
      crossSite ||
      (origin !== undefined && !this.config.allowedOrigins.includes(origin))
    ) {
      throw new AccessException(
        'identity/forbidden-origin',
        'This request must come from the Plenary web app.',
      );
    }
    return true;
  }
}

/** Requires a valid session; sets `request.principal`. */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.sessions.resolve(
      sessionTokenFromCookieHeader(this.config, request.headers.cookie),
    );
    if (!principal) throw unauthenticated();
    request.principal = principal;
    return true;
  }
}

/**
 * Requires one of the given roles for the event named by the `:slug` parameter; sets `request.event`. Instance
 * administrators pass wherever the organiser role is accepted: they may act on every event.
 */
@Injectable()
export class EventRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly programme: ProgrammeService,
    private readonly roles: RoleService,
    private readonly admins: PlatformAdminService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required =
      this.reflector.getAllAndOverride<Role[]>(EVENT_ROLES, [context.getHandler(), context.getClass()]) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.principal) throw unauthenticated();
    const slug = (request.params as { slug?: unknown }).slug;
    if (typeof slug !== 'string') throw forbiddenRole();
    request.event = await this.programme.requireEvent(slug);
    const held = await this.roles.rolesOf(request.principal.personId, request.event.id);
    if (required.some((role) => held.includes(role))) return true;
    if (required.includes('organiser') && (await this.admins.isAdmin(request.principal.personId)))
      return true;
    throw forbiddenRole();
  }
}

/** Requires an instance administrator (after `AuthenticatedGuard`). */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  constructor(private readonly admins: PlatformAdminService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.principal) throw unauthenticated();
    if (!(await this.admins.isAdmin(request.principal.personId)))
      throw new AccessException('identity/forbidden-role', 'Only an instance administrator may do this.');
    return true;
  }
}

/** A signed-in person. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(UseGuards(AuthenticatedGuard));

/**
 * A signed-in person holding one of `roles` for the event of the `:slug` parameter (instance administrators pass
 * where `organiser` is accepted).
 */
export const RequireEventRole = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(EVENT_ROLES, roles), UseGuards(AuthenticatedGuard, EventRoleGuard));

/** A signed-in instance administrator. */
export const RequirePlatformAdmin = (): MethodDecorator & ClassDecorator =>
  applyDecorators(UseGuards(AuthenticatedGuard, PlatformAdminGuard));
