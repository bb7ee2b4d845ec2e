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

export interface FakeLiveKit {
  url: string;
  calls: TwirpCall[];
  /** Answers every following request with `handler` (default: 200 `{}`). */
  respond(handler: TwirpHandler): void;
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

/**
 * A small HTTP server speaking LiveKit's Twirp wire protocol (`POST /twirp/livekit.<Service>/<Method>`, JSON), so
 * RoomService and Egress calls can be checked — path, body and the admin JWT — without a LiveKit server.
 */
export async function startFakeLiveKit(): Promise<FakeLiveKit> {
  const verifier = new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET);
  const calls: TwirpCall[] = [];
  let handler: TwirpHandler = ok;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const auth = request.headers.authorization ?? '';
        const claims = await verifier.verify(auth.replace(/^Bearer /, '')).catch(() => null);
        const text = Buffer.concat(chunks).toString('utf8');
        const call: TwirpCall = {
          path: request.url ?? '',
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          claims,
        };
        calls.push(call);
        const reply = claims
          ? handler(call)
          : { status: 401, body: { code: 'unauthenticated', msg: 'invalid token' } };
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
    reset: () => {
      calls.length = 0;
      handler = ok;
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
