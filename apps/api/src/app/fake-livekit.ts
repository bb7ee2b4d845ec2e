import { AccessToken, TokenVerifier, type ClaimGrants } from 'livekit-server-sdk';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Key pair the api under test and the fake LiveKit server share. */
export const LIVEKIT_TEST_KEY = 'APItestkey';
export const LIVEKIT_TEST_SECRET = 'test-livekit-secret-0123456789abcdefghij';

export interface TwirpCall {
  /** e.g. `/twirp/livekit.RoomService/UpdateParticipant`. */
  path: string;
  /** The JSON request body (protobuf JSON: camelCase, defaults omitted, enums by name). */
  body: Record<string, unknown>;
  /** The verified claims of the `Authorization: Bearer` JWT; null when missing or invalid. */
  claims: ClaimGrants | null;
}

export interface TwirpReply {
  status: number;
  body: unknown;
}

export type TwirpHandler = (call: TwirpCall) => TwirpReply;

/** LiveKit's answer to a request about something it does not have. */
export const notFound: TwirpReply = {
  status: 404,
  body: { code: 'not_found', msg: 'participant not found' },
};
export const unavailable: TwirpReply = { status: 503, body: { code: 'unavailable', msg: 'try again later' } };

/** A fault for the calls of one method: a delay before answering, and/or another answer. */
export interface TwirpFault {
  /** Milliseconds to wait before answering (a slow LiveKit). */
  delayMs?: number;
  /** Answered instead of the handler's reply, after the grant check passed (an error, a 404). */
  reply?: TwirpReply;
  /** How many of the following calls it applies to (default: every one until `reset`). */
  times?: number;
}

export interface FakeLiveKit {
  url: string;
  /** Every request received, refused ones included. */
  calls: TwirpCall[];
  /** Answers every following request (whose token has the method's grant) with `handler` (default: 200 `{}`). */
  respond(handler: TwirpHandler): void;
  /** Slows down or fails the following calls of `method`, e.g. `RoomService/UpdateParticipant`. */
  inject(method: string, fault: TwirpFault): void;
  reset(): void;
  close(): Promise<void>;
}

const ok: TwirpHandler = (call) =>
  call.path.endsWith('/StartRoomCompositeEgress')
    ? {
        status: 200,
        body: { egressId: 'EG_fake0001', roomName: call.body['roomName'], status: 'EGRESS_STARTING' },
      }
    : { status: 200, body: {} };

type VideoGrant = NonNullable<ClaimGrants['video']>;
/** Whether a token's video grant allows a call with this body. */
type GrantCheck = (video: VideoGrant, body: Record<string, unknown>) => boolean;

// The grants LiveKit's server demands (pkg/service/auth.go: EnsureCreatePermission, EnsureListPermission,
// EnsureAdminPermission — roomAdmin for the very room the call names — and EnsureRecordPermission).
const roomCreate: GrantCheck = (video) => video.roomCreate === true;
const roomList: GrantCheck = (video) => video.roomList === true;
const roomAdmin: GrantCheck = (video, body) =>
  video.roomAdmin === true && typeof body['room'] === 'string' && video.room === body['room'];
const roomRecord: GrantCheck = (video) => video.roomRecord === true;

/** The Twirp methods this server knows (`<Service>/<Method>`), with the grant each needs. */
const METHODS: Readonly<Record<string, GrantCheck>> = {
  'RoomService/CreateRoom': roomCreate,
  'RoomService/DeleteRoom': roomCreate,
  'RoomService/ListRooms': roomList,
  'RoomService/UpdateRoomMetadata': roomAdmin,
  'RoomService/ListParticipants': roomAdmin,
  'RoomService/GetParticipant': roomAdmin,
  'RoomService/RemoveParticipant': roomAdmin,
  'RoomService/MutePublishedTrack': roomAdmin,
  'RoomService/UpdateParticipant': roomAdmin,
  'RoomService/UpdateSubscriptions': roomAdmin,
  'RoomService/SendData': roomAdmin,
  'Egress/StartRoomCompositeEgress': roomRecord,
  'Egress/StartWebEgress': roomRecord,
  'Egress/StartParticipantEgress': roomRecord,
  'Egress/StartTrackCompositeEgress': roomRecord,
  'Egress/StartTrackEgress': roomRecord,
  'Egress/UpdateLayout': roomRecord,
  'Egress/UpdateStream': roomRecord,
  'Egress/ListEgress': roomRecord,
  'Egress/StopEgress': roomRecord,
};

const TWIRP_PREFIX = '/twirp/livekit.';

/** Twirp's answer to a path it has no handler for (`bad_route`, 404). */
function badRoute(method: string | undefined, path: string): TwirpReply {
  return {
    status: 404,
    body: {
      code: 'bad_route',
      msg: `no handler for path "${path}"`,
      meta: { twirp_invalid_route: `${method ?? ''} ${path}` },
    },
  };
}

/** LiveKit's answer to a missing or invalid token and to a token without the call's grant (Twirp unauthenticated). */
const unauthenticated = (msg: string): TwirpReply => ({
  status: 401,
  body: { code: 'unauthenticated', msg },
});

/**
 * A small HTTP server speaking LiveKit's Twirp wire protocol (`POST /twirp/livekit.<Service>/<Method>`, JSON), so
 * RoomService and Egress calls can be checked — path, body and the admin JWT — without a LiveKit server. Like
 * LiveKit it refuses an invalid token (401), a path it has no method for (404 `bad_route`) and a token without the
 * grant the method needs (401 `permissions denied`); tests can slow down or fail single methods (`inject`).
 */
export async function startFakeLiveKit(): Promise<FakeLiveKit> {
  const verifier = new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET);
  const calls: TwirpCall[] = [];
  let handler: TwirpHandler = ok;
  const faults = new Map<string, TwirpFault>();

  const answer = async (
    call: TwirpCall,
    httpMethod: string | undefined,
    auth: string,
  ): Promise<TwirpReply> => {
    const method = call.path.startsWith(TWIRP_PREFIX) ? call.path.slice(TWIRP_PREFIX.length) : '';
    const fault = faults.get(method);
    if (fault?.times !== undefined) {
      if (fault.times <= 1) faults.delete(method);
      else fault.times -= 1;
    }
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs)); // the injected latency
    // LiveKit authenticates before routing: a bad token is refused whatever the path.
    if (auth !== '' && !call.claims) return unauthenticated('invalid token');
    const required = httpMethod === 'POST' ? METHODS[method] : undefined;
    if (!required) return badRoute(httpMethod, call.path);
    if (!call.claims?.video || !required(call.claims.video, call.body))
      return unauthenticated('permissions denied');
    return fault?.reply ?? handler(call);
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const auth = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        const claims = auth ? await verifier.verify(auth).catch(() => null) : null;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          // Malformed JSON: recorded with an empty body; no method of ours accepts it anyway.
        }
        const call: TwirpCall = { path: request.url ?? '', body, claims };
        calls.push(call);
        const reply = await answer(call, request.method, auth);
        response.writeHead(reply.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(reply.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    respond: (next) => {
      handler = next;
    },
    inject: (method, fault) => {
      if (!METHODS[method]) throw new Error(`the fake LiveKit has no method ${method}`);
      faults.set(method, { ...fault });
    },
    reset: () => {
      calls.length = 0;
      handler = ok;
      faults.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The base64 SHA-256 of a webhook body, as LiveKit puts it in the token's `sha256` claim. */
export const bodyHash = (body: string): string => createHash('sha256').update(body).digest('base64');

/** Signs a webhook body the way LiveKit does: an AccessToken carrying the body's SHA-256. */
export async function signWebhook(
  body: string,
  key = LIVEKIT_TEST_KEY,
  secret = LIVEKIT_TEST_SECRET,
): Promise<string> {
  const token = new AccessToken(key, secret);
  token.sha256 = bodyHash(body);
  return token.toJwt();
}

/**
 * A correctly signed webhook token valid from `nbf` to `exp` (seconds since the epoch), as a LiveKit host whose clock
 * is off would sign it.
 */
export function webhookTokenValid(body: string, nbf: number, exp: number): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    iss: LIVEKIT_TEST_KEY,
    sha256: bodyHash(body),
    video: {},
    iat: nbf,
    nbf,
    exp,
  })}`;
  return `${unsigned}.${createHmac('sha256', LIVEKIT_TEST_SECRET).update(unsigned).digest('base64url')}`;
}

/** A correctly signed webhook token that expired ten minutes ago (beyond the receiver's clock tolerance of 5 min). */
export function expiredWebhookToken(body: string): string {
  const now = Math.floor(Date.now() / 1000);
  return webhookTokenValid(body, now - 1200, now - 600);
}
