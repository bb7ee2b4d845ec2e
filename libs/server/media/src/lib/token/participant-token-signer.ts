import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { claimsToJwtPayload, type ClaimGrants, type VideoGrant } from 'livekit-server-sdk';

/** What a participant token says: who joins, under which name and metadata, with which video grant, for how long. */
export interface ParticipantTokenClaims {
  identity: string;
  name?: string;
  metadata?: string;
  video: VideoGrant;
  ttlSeconds: number;
}

/** `{"alg":"HS256"}`, the protected header `AccessToken.toJwt()` sets, base64url-encoded once. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/**
 * Signs LiveKit participant tokens: the same HS256 JWT as livekit-server-sdk's
 * `new AccessToken(key, secret, { identity, name, metadata, ttl }).addGrant(video)` + `toJwt()`, byte for byte for the
 * same second (same header, same claims in the same order, via the SDK's own `claimsToJwtPayload`), without what
 * the SDK does per token: turning the secret into a key (jose's `createSecretKey`) and jose's generic JWS pipeline.
 * The HMAC key is imported once. The equivalence with the SDK is a test (participant-token-signer.spec.ts).
 */
export class ParticipantTokenSigner {
  private readonly key: KeyObject;

  constructor(
    private readonly apiKey: string,
    apiSecret: string,
  ) {
    if (!apiKey || !apiSecret) throw new Error('api-key and api-secret must be set');
    this.key = createSecretKey(Buffer.from(apiSecret, 'utf8'));
  }

  /** The signed token; `now` (milliseconds) stands for the SDK's `new Date()`: `nbf` is its second, `exp` adds the TTL. */
  sign(claims: ParticipantTokenClaims, now = Date.now()): string {
    if (!claims.identity) throw new Error('identity is required for join but not set');
    if (!Number.isInteger(claims.ttlSeconds) || claims.ttlSeconds <= 0)
      throw new Error('ttl must be positive');
    // The SDK's grants object, keys in the order its constructor and addGrant() set them.
    const grants: ClaimGrants = {};
    if (claims.metadata) grants.metadata = claims.metadata;
    if (claims.name) grants.name = claims.name;
    grants.video = { ...claims.video };
    const notBefore = Math.floor(now / 1000);
    const payload = {
      ...claimsToJwtPayload(grants),
      iss: this.apiKey,
      exp: notBefore + claims.ttlSeconds,
      nbf: notBefore,
      sub: claims.identity,
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${signingInput}.${createHmac('sha256', this.key).update(signingInput).digest('base64url')}`;
  }
}
