import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import {
  systemPingSchema,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SystemPong,
} from '@plenary/contracts';
import { FailureLog, MetricsService } from '@plenary/server-core';
import { hostname } from 'node:os';
import type { Server, Socket } from 'socket.io';
import { HandshakeAuth } from './handshake-auth';
import { handleSocketEvent } from './socket-handler';

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const NODE_NAME = `${hostname()}:${process.pid}`;

/** System events: liveness of the socket channel, and the connected-socket gauge. */
@WebSocketGateway()
export class SystemGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  server!: Server<Record<string, never>, ServerToClientEvents>;

  constructor(
    @Inject(MetricsService) private readonly metrics: MetricsService,
    private readonly handshake: HandshakeAuth,
    private readonly failures: FailureLog,
  ) {}

  afterInit(server: Server): void {
    this.handshake.install(server);
  }

  handleConnection(): void {
    this.metrics.connectedSockets.inc();
  }

  handleDisconnect(): void {
    this.metrics.connectedSockets.dec();
  }

  /** Sends a notice to every connected client on every node. */
  broadcastNotice(message: string): void {
    this.server.emit('system:notice', { message });
  }

  @SubscribeMessage('system:ping')
  ping(@ConnectedSocket() _socket: LiveSocket, @MessageBody() payload: unknown): Promise<Ack<SystemPong>> {
    return handleSocketEvent(
      systemPingSchema,
      payload,
      (input) => ({ sentAt: input.sentAt, serverTime: Date.now(), node: NODE_NAME }),
      this.failures,
      'system:ping',
    );
  }
}
