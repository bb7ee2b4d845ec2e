import type { MediaRole } from '@plenary/contracts';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { participantMetadata, roomName, TOKEN_TTL_SECONDS, videoGrantFor } from './media-grants';
import { ParticipantTokenSigner, type ParticipantTokenClaims } from './participant-token-signer';

const KEY = 'APItestkey';
const SECRET = 'a-livekit-secret-of-at-least-32-characters';
const SESSION = '5e0c2021-0000-4000-8000-000000000203';
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0, 750);

/** The token livekit-server-sdk issues for the same claims, the way the service issued it before. */
async function sdkToken(claims: ParticipantTokenClaims, apiKey = KEY, apiSecret = SECRET): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, {
    identity: claims.identity,
    ...(claims.name === undefined ? {} : { name: claims.name }),
    ...(claims.metadata === undefined ? {} : { metadata: claims.metadata }),
    ttl: claims.ttlSeconds,
  });
  token.addGrant(claims.video);
  return token.toJwt();
}

const claimsFor = (
  role: MediaRole,
  onStage: boolean,
  room: 'main' | 'backstage',
): ParticipantTokenClaims => ({
  identity: 'pAbCdEfGhIjKlMnOpQrStUv',
  name: 'Ada Lovelace',
  metadata: participantMetadata(role, onStage),
  video: videoGrantFor(role, roomName(SESSION, room), onStage),
  ttlSeconds: TOKEN_TTL_SECONDS,
});

describe(ParticipantTokenSigner.name, () => {
  const signer = new ParticipantTokenSigner(KEY, SECRET);
  const verifier = new TokenVerifier(KEY, SECRET);

  afterEach(() => jest.useRealTimers());

  it.each<[MediaRole, boolean, 'main' | 'backstage']>([
    ['attendee', false, 'main'],
    ['attendee', true, 'main'],
    ['speaker', false, 'main'],
    ['speaker', false, 'backstage'],
    ['moderator', false, 'backstage'],
    ['staff', false, 'main'],
  ])(
    'signs the token the SDK signs for a %s (on stage: %s) in the %s room, byte for byte',
    async (...args) => {
      jest.useFakeTimers({ now: NOW });
      const claims = claimsFor(...args);
      expect(signer.sign(claims, NOW)).toBe(await sdkToken(claims));
    },
  );

  it('signs names and metadata outside ASCII, and tokens without them, as the SDK does', async () => {
    jest.useFakeTimers({ now: NOW });
    const base = claimsFor('attendee', false, 'main');
    const named = { ...base, name: 'Zoë Ölçer 李雷 🎤', metadata: '{"note":"\\u2028 \\"quoted\\""}' };
    expect(signer.sign(named, NOW)).toBe(await sdkToken(named));
    const { name: _name, metadata: _metadata, ...bare } = base;
    expect(signer.sign(bare, NOW)).toBe(await sdkToken(bare));
    const unicodeSecret = 'ein-schlüssel-mit-umlauten-und-mehr-als-32-zeichen';
    expect(new ParticipantTokenSigner(KEY, unicodeSecret).sign(base, NOW)).toBe(
      await sdkToken(base, KEY, unicodeSecret),
    );
  });

  it('issues tokens that TokenVerifier accepts with the SDK claims, valid for the TTL from now', async () => {
    const claims = claimsFor('speaker', false, 'main');
    const before = Math.floor(Date.now() / 1000);
    const verified = await verifier.verify(signer.sign(claims));
    const reference = await verifier.verify(await sdkToken(claims));
    const after = Math.floor(Date.now() / 1000);

    const timeless = ({ nbf: _nbf, exp: _exp, ...rest }: typeof verified) => rest;
    expect(timeless(verified)).toEqual(timeless(reference));
    expect(verified).toMatchObject({ iss: KEY, sub: claims.identity, name: 'Ada Lovelace' });
    expect(verified.video?.canPublishSources).toEqual([
      'camera',
      'microphone',
      'screen_share',
      'screen_share_audio',
    ]);
    expect(verified.nbf).toBeGreaterThanOrEqual(before);
    expect(verified.nbf).toBeLessThanOrEqual(after);
    expect(verified.exp! - verified.nbf!).toBe(TOKEN_TTL_SECONDS);
  });

  it('issues tokens that fail verification under another secret or issuer', async () => {
    const token = signer.sign(claimsFor('attendee', false, 'main'));
    await expect(new TokenVerifier(KEY, `${SECRET}-other`).verify(token)).rejects.toThrow();
    await expect(new TokenVerifier('APIotherkey', SECRET).verify(token)).rejects.toThrow();
  });

  it('leaves the grant it was given as it was', () => {
    const claims = claimsFor('moderator', false, 'main');
    const video = structuredClone(claims.video);
    signer.sign(claims);
    expect(claims.video).toEqual(video);
  });

  it('refuses a missing key, secret or identity', () => {
    expect(() => new ParticipantTokenSigner('', SECRET)).toThrow();
    expect(() => new ParticipantTokenSigner(KEY, '')).toThrow();
    expect(() => signer.sign({ ...claimsFor('attendee', false, 'main'), identity: '' })).toThrow();
  });
});
