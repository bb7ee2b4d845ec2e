import { z } from 'zod';
import type { ErrorCode } from './errors';

/** Path the live service serves socket.io on (behind the same origin as the web app). */
export const LIVE_SOCKET_PATH = '/live/socket.io';

/** Error carried inside a negative socket acknowledgement. */
export interface AckError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Every client event is answered with exactly one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export const systemPingSchema = z.object({ sentAt: z.number().int().nonnegative() });
export type SystemPing = z.infer<typeof systemPingSchema>;

export interface SystemPong {
  sentAt: number;
  serverTime: number;
  node: string;
}

/** Events a client sends; payloads are objects and every event takes an ack callback. */
export interface ClientToServerEvents {
  'system:ping': (payload: SystemPing, ack: (response: Ack<SystemPong>) => void) => void;
}

/** Events the live service pushes to clients. */
export interface ServerToClientEvents {
  'system:notice': (payload: { message: string }) => void;
}

/** Zod schema of every client event's payload, checked before any handler runs. */
export const clientEventSchemas = {
  'system:ping': systemPingSchema,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;
