import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  clientEventSchemas,
  type Ack,
  type EngagementSettings,
  type PollView,
  type PollVoteResult,
  type QuestionView,
  type SessionLeft,
  type SessionSnapshot,
  type UpvoteResult,
} from '@plenary/contracts';
import type { Principal } from '@plenary/server-access';
import { FailureLog } from '@plenary/server-core';
import {
  EngagementBroadcaster,
  EngagementRateLimiter,
  PollsService,
  PresenceTracker,
  QuestionsService,
  SequenceBeacon,
  SessionEngagementService,
  type EngagementLimits,
  type EngagementServer,
} from '@plenary/server-engagement';
import type { z } from 'zod';
import type { LiveSocketData } from './handshake-auth';
import { handleSocketEvent } from './socket-handler';
import type { LiveSocket } from './system.gateway';

/** The client event a schema validates, for log lines. */
function eventNameOf(schema: z.ZodType): string {
  return (
    Object.entries(clientEventSchemas).find(([, candidate]) => candidate === schema)?.[0] ?? 'socket event'
  );
}

/**
 * Live Q&A and polls. Each handler validates the payload, counts it against the person's rate limit and calls one
 * service method; the services re-check membership and role on every event (cached ≤ 2 s) and publish what changed.
 */
@WebSocketGateway()
export class EngagementGateway implements OnGatewayInit {
  constructor(
    private readonly sessions: SessionEngagementService,
    private readonly questions: QuestionsService,
    private readonly polls: PollsService,
    private readonly broadcaster: EngagementBroadcaster,
    private readonly limits: EngagementRateLimiter,
    private readonly presence: PresenceTracker,
    private readonly failures: FailureLog,
    private readonly beacon: SequenceBeacon,
  ) {}

  afterInit(server: EngagementServer): void {
    this.broadcaster.attach(server);
    this.beacon.attach(server);
    this.presence.attach(server);
  }

  @SubscribeMessage('session:join')
  join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<SessionSnapshot>> {
    return this.handle(socket, clientEventSchemas['session:join'], 'join', payload, (input, principal) =>
      this.sessions.join(socket, principal, input.sessionId),
    );
  }

  @SubscribeMessage('session:leave')
  leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<SessionLeft>> {
    return this.handle(socket, clientEventSchemas['session:leave'], null, payload, (input) =>
      this.sessions.leave(socket, input.sessionId),
    );
  }

  @SubscribeMessage('session:settings')
  settings(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<EngagementSettings>> {
    return this.handle(
      socket,
      clientEventSchemas['session:settings'],
      'moderate',
      payload,
      (input, principal) => this.sessions.updateSettings(principal, input),
    );
  }

  @SubscribeMessage('question:ask')
  ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<QuestionView>> {
    return this.handle(socket, clientEventSchemas['question:ask'], 'ask', payload, (input, principal) =>
      this.questions.ask(principal, input),
    );
  }

  @SubscribeMessage('question:floor')
  floor(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<QuestionView>> {
    return this.handle(
      socket,
      clientEventSchemas['question:floor'],
      'moderate',
      payload,
      (input, principal) => this.questions.enterFloor(principal, input),
    );
  }

  @SubscribeMessage('question:edit')
  edit(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<QuestionView>> {
    return this.handle(socket, clientEventSchemas['question:edit'], 'edit', payload, (input, principal) =>
      this.questions.edit(principal, input),
    );
  }

  @SubscribeMessage('question:withdraw')
  withdraw(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<QuestionView>> {
    return this.handle(socket, clientEventSchemas['question:withdraw'], 'edit', payload, (input, principal) =>
      this.questions.withdraw(principal, input),
    );
  }

  @SubscribeMessage('question:upvote')
  upvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<UpvoteResult>> {
    return this.handle(socket, clientEventSchemas['question:upvote'], 'upvote', payload, (input, principal) =>
      this.questions.upvote(principal, input),
    );
  }

  @SubscribeMessage('question:moderate')
  moderate(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() payload: unknown,
  ): Promise<Ack<QuestionView>> {
    return this.handle(
      socket,
      clientEventSchemas['question:moderate'],
      'moderate',
      payload,
      (input, principal) => this.questions.moderate(principal, input),
    );
  }

  @SubscribeMessage('poll:create')
  createPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<PollView>> {
    return this.handle(socket, clientEventSchemas['poll:create'], 'moderate', payload, (input, principal) =>
      this.polls.create(principal, input),
    );
  }

  @SubscribeMessage('poll:open')
  openPoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<PollView>> {
    return this.handle(socket, clientEventSchemas['poll:open'], 'moderate', payload, (input, principal) =>
      this.polls.open(principal, input),
    );
  }

  @SubscribeMessage('poll:close')
  closePoll(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<PollView>> {
    return this.handle(socket, clientEventSchemas['poll:close'], 'moderate', payload, (input, principal) =>
      this.polls.close(principal, input),
    );
  }

  @SubscribeMessage('poll:vote')
  vote(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<PollVoteResult>> {
    return this.handle(socket, clientEventSchemas['poll:vote'], 'vote', payload, (input, principal) =>
      this.polls.vote(principal, input),
    );
  }

  /**
   * Validation, rate limit, then the service; every outcome becomes one ack. A socket whose sign-in session has
   * ended (revoked, expired) gets its nack and is then disconnected.
   */
  private async handle<S extends z.ZodType, T>(
    socket: LiveSocket,
    schema: S,
    limit: keyof EngagementLimits | null,
    payload: unknown,
    handler: (input: z.output<S>, principal: Principal) => Promise<T>,
  ): Promise<Ack<T>> {
    const { principal } = socket.data as LiveSocketData;
    const ack = await handleSocketEvent(
      schema,
      payload,
      async (input) => {
        if (limit) await this.limits.consume(limit, principal.personId);
        return handler(input, principal);
      },
      this.failures,
      eventNameOf(schema),
    );
    if (!ack.ok && ack.error.code === 'identity/unauthenticated') setImmediate(() => socket.disconnect(true));
    return ack;
  }
}
